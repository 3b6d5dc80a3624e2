package news_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
)

// BenchmarkImportJSONL measures what `preflight news import` does with a
// JSONL file, in process: reading it in chunks of 2,500 lines (news.ReadEach,
// as the CLI reads), classification, event facts and Bleve indexing
// through one Writer, until Close has committed the last batch. It reports
// articles/s of wall time and the process's CPU per article (user and
// system, every goroutine: on a shared machine the CPU is the steadier
// figure). PREFLIGHT_BENCH_JSONL names the file to import (TestSyntheticJSONL
// writes one); without it, 20,000 synthetic articles are written to memory.
//
//	PREFLIGHT_BENCH_JSONL=/tmp/syn100k.jsonl go test -run '^$' -bench ImportJSONL -benchtime 1x ./news
func BenchmarkImportJSONL(b *testing.B) {
	var data []byte
	if path := os.Getenv("PREFLIGHT_BENCH_JSONL"); path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	} else {
		data = syntheticJSONL(b, 20000)
	}
	ctx := context.Background()
	var wall, cpu time.Duration
	added := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		ix, err := news.Open(dir, news.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, c0 := time.Now(), processCPU()
		w := ix.NewWriter(news.OriginImport)
		if _, err := news.ReadEach(bytes.NewReader(data), 2500, func(as []checker.Article, ps []news.Problem) error {
			if len(ps) > 0 {
				b.Fatalf("line %s: %s", ps[0].Where(), ps[0].Message)
			}
			st, err := w.Add(ctx, as)
			added += st.Added
			return err
		}); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		cpu += processCPU() - c0
		b.StopTimer()
		ix.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
	b.ReportMetric(float64(added)/wall.Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(added), "cpu-µs/article")
	b.ReportMetric(0, "ns/op")
}

// syntheticJSONL writes n synthetic articles as JSONL lines, as
// TestSyntheticJSONL writes its file.
func syntheticJSONL(tb testing.TB, n int) []byte {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	writeSyntheticJSONL(tb, bw, n)
	bw.Flush()
	return buf.Bytes()
}

func writeSyntheticJSONL(tb testing.TB, w io.Writer, n int) checker.Article {
	enc := json.NewEncoder(w)
	type line struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Summary   string `json:"summary"`
		URL       string `json:"url"`
		Source    string `json:"source"`
		Published string `json:"published"`
	}
	var last checker.Article
	for start := 0; start < n; start += 50_000 {
		for _, a := range news.Synthetic(min(50_000, n-start), int64(start+1)) {
			if err := enc.Encode(line{a.ID, a.Title, a.Summary, a.URL, a.Source, a.Published.Format(time.RFC3339Nano)}); err != nil {
				tb.Fatal(err)
			}
			last = a
		}
	}
	return last
}
