package web

import (
	"strings"
	"testing"
)

// TestBatchPageHootsuiteCSV uploads a Hootsuite bulk CSV through the
// default reader, postio.Read.
func TestBatchPageHootsuiteCSV(t *testing.T) {
	s, _ := newTestServer(t) // the default reader is postio.Read
	csv := "Date,Message,Link\n15/11/2026 09:30,\"Damn, our sale starts now\",https://shop.example.com/sale\n16/11/2026 10:00,Thanks for a great week!,\n"
	resp, b := do(t, s, upload(t, "hootsuite.csv", csv))
	html := string(b)
	if resp.StatusCode != 200 || !strings.Contains(html, "2 posts") || !strings.Contains(html, "1 blocked") ||
		!strings.Contains(html, `<mark class="sev-critical"`) {
		t.Errorf("%d %s", resp.StatusCode, html)
	}
}
