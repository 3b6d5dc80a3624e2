package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/internal/pgtest"
	"github.com/preflight-dev/preflight/queue"
)

// BenchmarkQueueAPI is the queue API's throughput through app.Test on each
// store: each operation queues one post (check, store, audit) and reads it
// back. The PostgreSQL case needs PREFLIGHT_TEST_POSTGRES.
func BenchmarkQueueAPI(b *testing.B) {
	for _, kind := range []struct {
		name string
		open func(b *testing.B) queue.Store
	}{
		{"sqlite", func(b *testing.B) queue.Store {
			s, err := queue.OpenSQLite(b.Context(), b.TempDir()+"/queue.db")
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
		{"postgres", func(b *testing.B) queue.Store {
			s, err := queue.OpenPostgres(b.Context(), pgtest.URL(b))
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
	} {
		b.Run(kind.name, func(b *testing.B) {
			store := kind.open(b)
			defer store.Close()
			s, _ := newTestServer(b, onStore(store, nil))
			at := testNow.Add(6 * time.Hour).Format(time.RFC3339)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				id := fmt.Sprint("p", i)
				i++
				resp, body := do(b, s, postJSON("/v1/queue", fmt.Sprintf(`{"id":%q,"text":"Our new menu is out, come and try it","scheduled_at":%q,"regions":["GB"]}`, id, at)))
				if resp.StatusCode != 200 {
					b.Fatalf("%d %s", resp.StatusCode, body)
				}
				if resp, _ := do(b, s, httptest.NewRequest("GET", "/v1/queue/"+id, nil)); resp.StatusCode != 200 {
					b.Fatal(resp.StatusCode)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}
