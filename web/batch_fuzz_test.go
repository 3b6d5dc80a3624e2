package web

import (
	"bytes"
	"testing"
)

// FuzzSplitBatch: a JSONL body gives one item per line that is neither
// blank nor a comment, in order with the right line numbers; a body that
// starts with "[" never loses the items before a syntax error.
func FuzzSplitBatch(f *testing.F) {
	f.Add([]byte("{\"text\":\"a\"}\n\n{\"text\":\"\"}\nnot json\n# c\n{\"text\":\"b\"}"))
	f.Add([]byte("[{\"text\":\"a\"},\n{\"text\":\"b\"}]"))
	f.Add([]byte("[{\"text\":\"a\"}, oops]"))
	f.Add([]byte("\ufeff{\"text\":\"bom\"}\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		items := splitBatch(body, 0)
		last := 0
		for _, it := range items {
			if it.line < last || it.line < 1 {
				t.Fatalf("line numbers go backwards or below 1: %d after %d", it.line, last)
			}
			last = it.line
			if it.err == nil && len(bytes.TrimSpace([]byte(it.post.Text))) == 0 {
				t.Fatal("an item without text has no error")
			}
			if it.err != nil && problem(it.err).Status/100 != 4 {
				t.Fatalf("item error is not a client error: %v", it.err)
			}
		}
		if t := bytes.TrimLeft(body, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '[' {
			return
		}
		want := 0
		for i, l := range bytes.Split(body, []byte("\n")) {
			l = bytes.TrimSpace(l)
			if i == 0 {
				l = bytes.TrimPrefix(l, []byte("\ufeff"))
			}
			if len(l) > 0 && l[0] != '#' {
				want++
			}
		}
		if len(items) != want {
			t.Fatalf("%d items for %d lines", len(items), want)
		}
	})
}
