package news

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func readFile(t *testing.T, name string) ([]string, []string, Format) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	arts, probs, format, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var got, bad []string
	for _, a := range arts {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", a.Title, a.Published.Format("2006-01-02T15:04Z07:00"), a.URL, a.Summary))
	}
	for _, p := range probs {
		bad = append(bad, p.Where()+": "+p.Message)
	}
	return got, bad, format
}

func TestReadFormats(t *testing.T) {
	cases := []struct {
		file   string
		format Format
		got    []string
		bad    []string
	}{
		{"rss.xml", FormatFeed, []string{
			"Storm floods Eastcombe & Tarnwick|2026-03-02T08:00Z|https://wire.example.test/storm|Heavy rain flooded homes in Eastcombe.",
			"Council approves budget|2026-03-02T09:00Z|https://wire.example.test/budget|Routine business.",
		}, []string{"item 2: published time is missing"}},
		{"atom.xml", FormatFeed, []string{
			"Earthquake shakes Quillon|2026-03-02T10:00Z|https://atom.example.test/quake|Buildings collapsed in Quillon.",
		}, nil},
		{"feed.json", FormatJSONFeed, []string{
			"Ferry sinks off Brackmoor|2026-03-02T11:00Z|https://json.example.test/1|Dozens rescued near Brackmoor.",
		}, []string{"item 2: title is missing"}},
		{"mixed.jsonl", FormatJSONL, []string{
			"Wildfire near Pellham forces evacuations|2026-03-02T12:00Z|https://m.example.test/1|Crews fought the blaze.",
			"Dated only by day|2026-03-02T00:00Z|https://m.example.test/3|",
		}, []string{
			"2: not a JSON article: invalid character 'h' in literal true (expecting 'r') (at byte 2)",
			"3: title is missing",
			"6: published: cannot read time \"yesterday\" (want RFC 3339, e.g. 2026-05-03T06:00:00Z)",
			"7: regions[0]: \"USA\" is not an ISO 3166-1 alpha-2 code",
		}},
	}
	for _, c := range cases {
		got, bad, format := readFile(t, c.file)
		if format != c.format {
			t.Errorf("%s: format %s, want %s", c.file, format, c.format)
		}
		if strings.Join(got, "\n") != strings.Join(c.got, "\n") {
			t.Errorf("%s: articles\n%s\nwant\n%s", c.file, strings.Join(got, "\n"), strings.Join(c.got, "\n"))
		}
		if strings.Join(bad, "\n") != strings.Join(c.bad, "\n") {
			t.Errorf("%s: problems\n%s\nwant\n%s", c.file, strings.Join(bad, "\n"), strings.Join(c.bad, "\n"))
		}
	}
}

func TestReadNotAFeed(t *testing.T) {
	if _, _, _, err := Read(strings.NewReader("<html><body>not a feed")); err == nil {
		t.Error("HTML page read as a feed")
	}
}

func TestStripHTML(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Hello&nbsp;<b>world</b></p>":           "Hello world",
		"a <script>x()</script>b":                  "a b",
		"plain   text\n":                           "plain text",
		"Fish &amp; chips &lt;3":                   "Fish & chips <3",
		"<!-- c -->kept<style>.x{}</style> words ": "kept words",
	} {
		if got := StripHTML(in); got != want {
			t.Errorf("StripHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRead checks invariants of the reader on any input: no panic, every
// article valid UTF-8 with a title, a date and a key, and every problem
// pointing at a line or item that exists.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "mixed.jsonl"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"title":"x","published":"2026-01-01","id":"1"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, probs, format, err := Read(bytes.NewReader(b))
		if err != nil {
			return
		}
		lines := bytes.Count(b, []byte("\n")) + 1
		for _, a := range arts {
			if Validate(&a) != nil {
				t.Fatalf("invalid article returned: %+v", a)
			}
			if format != FormatJSONL && (!utf8.ValidString(a.Title) || !utf8.ValidString(a.Summary)) {
				t.Fatalf("invalid UTF-8 from a feed: %q", a.Title)
			}
		}
		for _, p := range probs {
			if p.Line > lines || (p.Line == 0 && p.Item == 0) {
				t.Fatalf("problem points nowhere: %+v (%d lines)", p, lines)
			}
		}
	})
}
