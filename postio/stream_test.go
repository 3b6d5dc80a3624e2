package postio

import (
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// collect streams an input into a slice.
func collect(t *testing.T, in, name string, opts Options) []Record {
	t.Helper()
	var out []Record
	if err := Stream(strings.NewReader(in), name, opts, func(r Record) bool { out = append(out, r); return true }); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// Streaming reads every format into exactly the records ReadWith gives,
// errors and text positions included.
func TestStreamMatchesRead(t *testing.T) {
	jsonl := "\ufeff" + strings.Join([]string{
		`{"id":"a","text":"Hello","scheduled_at":"2026-01-02T10:00:00Z","regions":["us","uk"]}`,
		``, `# a comment`,
		`  {"id":"b","text":""}`,
		`not json`,
		`{"id":7,"text":"x","scheduled_at":"yesterday"}`,
		"{\"text\":\"caf\\u00e9 ok\",\"platform\":\"Twitter\"}\r",
		`{"text":"last, no newline"}`,
	}, "\n")
	cases := []struct{ name, in string }{
		{"posts.jsonl", jsonl},
		{"-", jsonl},
		{"x.json", "[\n {\"text\":\"one\"},\n {\"text\":5},\n {\"text\":\"three\"}\n]"},
		{"-", "{\"text\":\"one object\"}"},
		{"buffer.csv", "Text,Image URL,Tags,Posting Time\n\"Hello, world\",,,2026-03-04 15:00\nSecond,,,2026-03-05 15:00\n"},
		{"-", "Just one post's text\nover two lines\n"},
	}
	for _, c := range cases {
		want, err := ReadWith(strings.NewReader(c.in), c.name, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := collect(t, c.in, c.name, Options{})
		if len(got) != len(want) {
			t.Fatalf("%s: %d records, ReadWith gives %d", c.name, len(got), len(want))
		}
		for i := range want {
			g, w := got[i], want[i]
			if g.Line != w.Line || g.Row != w.Row || !reflect.DeepEqual(g.Post, w.Post) || fmt.Sprint(g.Err) != fmt.Sprint(w.Err) {
				t.Errorf("%s record %d:\n got %+v\nwant %+v", c.name, i, g, w)
			}
			gl, gc, gok := g.TextPosition(2)
			wl, wc, wok := w.TextPosition(2)
			if gl != wl || gc != wc || gok != wok {
				t.Errorf("%s record %d: text position %d:%d %v, want %d:%d %v", c.name, i, gl, gc, gok, wl, wc, wok)
			}
		}
	}
}

// A line longer than MaxRecord is one record error; the lines around it
// are read.
func TestStreamLongLine(t *testing.T) {
	in := `{"text":"before"}` + "\n" + `{"text":"` + strings.Repeat("x", MaxRecord+10) + `"}` + "\n" + `{"text":"after"}` + "\n"
	got := collect(t, in, "big.jsonl", Options{})
	if len(got) != 3 || got[0].Err != nil || got[2].Err != nil || got[2].Line != 3 || got[2].Post.Text != "after" {
		t.Fatalf("records %+v", got)
	}
	if got[1].Err == nil || got[1].Line != 2 || !strings.Contains(got[1].Err.Error(), "longer than") {
		t.Errorf("long line: %+v", got[1])
	}
}

// posts generates n JSONL posts on the fly.
type posts struct {
	n, i int
	buf  []byte
}

func (p *posts) Read(b []byte) (int, error) {
	for len(p.buf) == 0 {
		if p.i == p.n {
			return 0, io.EOF
		}
		p.i++
		p.buf = fmt.Appendf(nil, `{"id":"p%d","text":"Post number %d, with a #tag and a link https://example.com/%d"}`+"\n", p.i, p.i, p.i)
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}

// Streaming holds no more than a record at a time: the live heap after
// 150,000 posts is what it was after 10,000.
func TestStreamConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 150,000 posts")
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var at10k, atEnd uint64
	n := 0
	err := Stream(&posts{n: 150_000}, "-", Options{}, func(r Record) bool {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if n++; n == 10_000 {
			at10k = heap()
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	atEnd = heap()
	if n != 150_000 {
		t.Fatalf("read %d posts", n)
	}
	if atEnd > at10k+512<<10 {
		t.Errorf("live heap grew from %d KB to %d KB while streaming", at10k>>10, atEnd>>10)
	}
}
