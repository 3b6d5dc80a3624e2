package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"
)

// BenchmarkQueueAPI is the queue API's throughput through app.Test: each
// operation queues one post (check, store, audit) and reads it back.
func BenchmarkQueueAPI(b *testing.B) {
	s, _ := newTestServer(b, withQueue(b, nil))
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
}
