package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
)

// repliesFile are 2,222 real brand replies (../shared/data/brand-replies),
// the texts scripts/bench-peers compares with obscenity and alex.
const repliesFile = "../../shared/data/brand-replies/twcs_brand_replies.jsonl"

// BenchmarkBatchReplies is the batch path without the CLI around it: the
// real brand replies streamed from JSONL (postio.Stream), every built-in
// rule on one worker (checker.CheckAll), each report encoded as JSON. The
// figure is CPU per post (ns/post), the one bench-peers compares with
// obscenity's profanity check of the same texts.
func BenchmarkBatchReplies(b *testing.B) {
	in, n := replies(b)
	e := batchEngine(b)
	b.ReportAllocs()
	posts, start := 0, cpuTime()
	for b.Loop() {
		stream := func(yield func(checker.Post) bool) {
			err := postio.Stream(bytes.NewReader(in.Bytes()), "replies.jsonl", postio.Options{}, func(r postio.Record) bool {
				if r.Err != nil {
					b.Fatal(r.Err)
				}
				return yield(r.Post)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		var buf []byte
		err := e.CheckAll(context.Background(), stream, 1, func(p checker.Post, rep checker.Report, err error) error {
			if err != nil {
				return err
			}
			buf, err = rep.AppendJSON(buf[:0])
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		posts += n
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(posts), "ns/post")
	b.ReportMetric(float64(cpuTime()-start)/float64(posts), "cpu-ns/post")
}

// cpuTime is the process's user and system CPU time so far, in
// nanoseconds: on a shared machine, the figure to compare.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// replies reads the reply corpus as Preflight's JSONL, one post a line,
// and counts its posts.
func replies(b *testing.B) (*bytes.Buffer, int) {
	data, err := os.ReadFile(repliesFile)
	if err != nil {
		b.Skipf("no brand replies (%v): the data set lives in ../shared/data", err)
	}
	// The reply corpus carries each reply's expected verdict: keep the
	// post's own fields, as bench-peers does.
	var in bytes.Buffer
	n := 0
	for line := range bytes.Lines(data) {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(line, &fields); err != nil {
			b.Fatalf("reply %d: %v", n+1, err)
		}
		delete(fields, "expect")
		own, err := json.Marshal(fields)
		if err != nil {
			b.Fatal(err)
		}
		in.Write(own)
		in.WriteByte('\n')
		n++
	}
	return &in, n
}

// batchEngine is an engine with every built-in rule and no news.
func batchEngine(b *testing.B) *checker.Engine {
	rs, err := All(Options{})
	if err != nil {
		b.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, NoNewsReason: "benchmark", Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkBatchMemory streams the replies repeated to batches of 44,440
// and 177,760 posts through CheckAll on two workers and reports the
// largest live heap seen after a collection (max-live-MB): a batch runs in
// constant memory, so the figure does not grow with the batch.
func BenchmarkBatchMemory(b *testing.B) {
	in, n := replies(b)
	e := batchEngine(b)
	for _, rounds := range []int{20, 80} {
		b.Run(fmt.Sprintf("posts=%d", rounds*n), func(b *testing.B) {
			var maxLive uint64
			sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
			for b.Loop() {
				maxLive = 0
				stream := func(yield func(checker.Post) bool) {
					for range rounds {
						more := true
						err := postio.Stream(bytes.NewReader(in.Bytes()), "replies.jsonl", postio.Options{}, func(r postio.Record) bool {
							if r.Err != nil {
								b.Fatal(r.Err)
							}
							more = yield(r.Post)
							return more
						})
						if err != nil {
							b.Fatal(err)
						}
						if !more {
							return
						}
					}
				}
				var buf []byte
				posts := 0
				err := e.CheckAll(context.Background(), stream, 2, func(p checker.Post, rep checker.Report, err error) error {
					if err != nil {
						return err
					}
					if posts++; posts%1000 == 0 {
						metrics.Read(sample)
						maxLive = max(maxLive, sample[0].Value.Uint64())
					}
					buf, err = rep.AppendJSON(buf[:0])
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(maxLive)/(1<<20), "max-live-MB")
		})
	}
}
