package web

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// rawExchange sends raw bytes to addr and returns the status line, the
// Content-Type and the body of the answer.
func rawExchange(t *testing.T, addr, raw string) (status, ctype, body string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprint(c, raw)
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, _ := io.ReadAll(c)
	head, body, _ := strings.Cut(string(b), "\r\n\r\n")
	lines := strings.Split(head, "\r\n")
	for _, l := range lines[1:] {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.EqualFold(k, "Content-Type") {
			ctype = strings.TrimSpace(v)
		}
	}
	return lines[0], ctype, body
}

// TestServerLimitErrorsAreJSON: the errors the HTTP server raises before a
// route runs (413 body too large, 431 headers too large, 408 too slow) are
// JSON with a stable code on /v1, and the 413 names the limit.
func TestServerLimitErrorsAreJSON(t *testing.T) {
	s, _ := newTestServer(t, func(d *Deps) {
		d.Options.ReadTimeout = 300 * time.Millisecond
		d.Options.BatchBodyLimit = 1000
	})
	addr := strings.TrimPrefix(serveTest(t, s), "http://")
	for _, tc := range []struct {
		name, raw, status, code string
	}{
		{"413", "POST /v1/check/batch HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n" + strings.Repeat("a", 5000), "413", "too_large"},
		{"431", "GET /v1/calendar HTTP/1.1\r\nHost: " + addr + "\r\nX-Big: " + strings.Repeat("a", 9000) + "\r\n\r\n", "431", "too_large"},
		{"408", "POST /v1/check HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{", "408", "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, ctype, body := rawExchange(t, addr, tc.raw)
			var e struct{ Code, Message string }
			if !strings.Contains(status, " "+tc.status+" ") || !strings.HasPrefix(ctype, "application/json") || json.Unmarshal([]byte(body), &e) != nil || e.Code != tc.code {
				t.Fatalf("%s / %s / %s", status, ctype, body)
			}
			if tc.status == "413" && !strings.Contains(e.Message, "1000 bytes") {
				t.Errorf("413 does not name the limit: %s", e.Message)
			}
		})
	}
}
