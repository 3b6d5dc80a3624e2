package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
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
	rs, err := All(Options{})
	if err != nil {
		b.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, NoNewsReason: "benchmark", Now: func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	if err != nil {
		b.Fatal(err)
	}
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
