package postio

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

func TestReadJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","text":"Hello","scheduled_at":"2026-01-02T10:00:00Z","regions":["us","uk"]}`,
		``,
		`{"id":"b","text":""}`,
		`not json`,
		`{"id":7,"text":"x","scheduled_at":"yesterday"}`,
		`{"text":"ok","platform":"Twitter","kind":"REPLY","regions":"US, NO"}`,
		`{"text":"bad","platform":"myspace"}`,
	}, "\n")
	recs, err := Read(strings.NewReader(in), "posts.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line  int
		field string // "" for a usable record
	}{{1, ""}, {3, "text"}, {4, "json"}, {5, "scheduled_at"}, {6, ""}, {7, "platform"}}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i, w := range want {
		r := recs[i]
		if r.Line != w.line {
			t.Errorf("record %d: line %d, want %d", i, r.Line, w.line)
		}
		switch {
		case w.field == "" && r.Err != nil:
			t.Errorf("line %d: unexpected error %v", r.Line, r.Err)
		case w.field == "json" && (r.Err == nil || !strings.Contains(r.Err.Error(), "invalid JSON")):
			t.Errorf("line %d: want a JSON error, got %v", r.Line, r.Err)
		case w.field != "" && w.field != "json":
			var ce *checker.Error
			if !errors.As(r.Err, &ce) || ce.Field != w.field {
				t.Errorf("line %d: want an error on field %q, got %v", r.Line, w.field, r.Err)
			}
		}
	}
	if got := recs[0].Post.Regions; strings.Join(got, ",") != "US,GB" {
		t.Errorf("regions normalised to %v, want US,GB", got)
	}
	if recs[4].Post.Platform != checker.PlatformX || recs[4].Post.Kind != checker.KindReply || strings.Join(recs[4].Post.Regions, ",") != "US,NO" {
		t.Errorf("aliases not applied: %+v", recs[4].Post)
	}
}

func TestReadJSON(t *testing.T) {
	recs, err := Read(strings.NewReader("[\n {\"text\":\"one\"},\n {\"text\":5},\n {\"text\":\"three\"}\n]"), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0].Err != nil || recs[1].Err == nil || recs[2].Err != nil {
		t.Fatalf("unexpected records: %+v", recs)
	}
	if recs[1].Line != 3 {
		t.Errorf("element 2 reported on line %d, want 3", recs[1].Line)
	}
	one, err := Read(strings.NewReader(`{"text":"solo","id":"s"}`), "x.json")
	if err != nil || len(one) != 1 || one[0].Post.ID != "s" {
		t.Fatalf("single object: %+v %v", one, err)
	}
	broken, err := Read(strings.NewReader("[{\"text\":\"kept\"}, {\"text\": ]"), "x.json")
	if err != nil || len(broken) != 2 || broken[0].Err != nil || broken[1].Err == nil {
		t.Fatalf("broken array must keep what came before: %+v %v", broken, err)
	}
}

func TestReadCSVDialects(t *testing.T) {
	tests := []struct {
		file  string
		texts []string
		times []string
	}{
		{"hootsuite.csv", []string{"Summer sale starts now, 20% off https://shop.example.com/sale", "Thanks for a great week!"},
			[]string{"2026-06-15T09:30:00Z", "2026-06-16T10:00:00Z"}},
		{"hootsuite_noheader.csv", []string{"Happy Father's Day to all the dads", "New arrivals are in https://example.com/new"},
			[]string{"2026-06-20T09:30:00Z", "2026-06-21T11:15:00Z"}},
		{"buffer.csv", []string{"Our winter coats are back, in six new colours.", "Tell us your favourite recipe!"},
			[]string{"2026-01-12T15:00:00Z", "2026-01-15T15:00:00Z"}},
		{"sprout.csv", []string{"Spring is here", "Easter opening hours https://example.com/hours"},
			[]string{"2026-04-03T14:30:00Z", "2026-04-13T09:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := Read(f, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if len(recs) != len(tt.texts) {
				t.Fatalf("got %d records, want %d", len(recs), len(tt.texts))
			}
			for i, r := range recs {
				if r.Err != nil {
					t.Fatalf("line %d: %v", r.Line, r.Err)
				}
				if r.Post.Text != tt.texts[i] {
					t.Errorf("text %q, want %q", r.Post.Text, tt.texts[i])
				}
				if got := r.Post.ScheduledAt.UTC().Format(time.RFC3339); got != tt.times[i] {
					t.Errorf("time %s, want %s", got, tt.times[i])
				}
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	in := "text,scheduled_at,platform\nfine,2026-01-01 10:00,x\n,2026-01-01 10:00,x\nwrong time,31/31/2026,x\nbad platform,,orkut\n"
	recs, err := Read(strings.NewReader(in), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	wantField := []string{"", "text", "scheduled_at", "platform"}
	wantLine := []int{2, 3, 4, 5}
	for i, r := range recs {
		if r.Line != wantLine[i] {
			t.Errorf("record %d on line %d, want %d", i, r.Line, wantLine[i])
		}
		var ce *checker.Error
		if wantField[i] == "" {
			if r.Err != nil {
				t.Errorf("line %d: %v", r.Line, r.Err)
			}
		} else if !errors.As(r.Err, &ce) || ce.Field != wantField[i] {
			t.Errorf("line %d: want error on %s, got %v", r.Line, wantField[i], r.Err)
		}
	}
	if _, err := Read(strings.NewReader("foo,bar\n1,2\n"), "c.csv"); err == nil || !strings.Contains(err.Error(), "unrecognised CSV columns") {
		t.Errorf("unknown columns: got %v", err)
	}
}

func TestReadText(t *testing.T) {
	recs, err := Read(strings.NewReader("Just one post\n"), "-")
	if err != nil || len(recs) != 1 || recs[0].Post.Text != "Just one post" || recs[0].Err != nil {
		t.Fatalf("%+v %v", recs, err)
	}
	recs, _ = Read(strings.NewReader("\xff\xfe"), "draft.txt")
	if recs[0].Err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

// FuzzRead checks the readers never panic, report lines inside the input,
// and return only valid posts without an error.
func FuzzRead(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, "text\nhello\n", "Date,Message\n01/02/2026 10:00,hi\n", "[{\"text\":\"x\"}]", "\"unterminated"} {
		f.Add(s, "jsonl")
		f.Add(s, "csv")
		f.Add(s, "json")
	}
	f.Fuzz(func(t *testing.T, in, ext string) {
		recs, err := Read(strings.NewReader(in), "f."+ext)
		if err != nil {
			return
		}
		lines := strings.Count(in, "\n") + 1
		for _, r := range recs {
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("line %d outside 1..%d", r.Line, lines)
			}
			if r.Err == nil {
				if err := r.Post.Validate(); err != nil {
					t.Fatalf("record without error is invalid: %v", err)
				}
				for off := 0; off <= min(len(r.Post.Text), 64); off++ {
					if l, c, ok := r.TextPosition(off); ok && (l < r.Line || l > lines || c < 1) {
						t.Fatalf("text offset %d at %d:%d, outside the record (line %d of %d)", off, l, c, r.Line, lines)
					}
				}
			}
		}
	})
}

func TestSniffStdin(t *testing.T) {
	jsonl := "{\"text\":\"one\"}\n{\"text\":\"two\"}\n{\"text\":\"three\"}\n"
	for _, c := range []struct {
		name, in string
		want     Format
		n        int // records read from "-"
	}{
		{"jsonl", jsonl, FormatJSONL, 3},
		{"json array", "[\n {\"text\":\"a\"},\n {\"text\":\"b\"}\n]", FormatJSON, 2},
		{"pretty object", "{\n  \"text\": \"a\"\n}\n", FormatJSON, 1},
		{"csv", "text,scheduled_at\nhello,2026-01-02 10:00\nbye,2026-01-03 10:00\n", FormatCSV, 2},
		{"hootsuite csv", "Date,Message,Link\n01/02/2026 10:00,hi,\n", FormatCSV, 1},
		{"text", "Our sale starts today, 20% off\nSee you there", FormatText, 1},
		{"text with bracket", "[Thread] our new range", FormatText, 1},
		{"text with brace", "{new} colours", FormatText, 1},
	} {
		if got := Sniff([]byte(c.in)); got != c.want {
			t.Errorf("%s: Sniff = %s, want %s", c.name, got, c.want)
		}
		recs, err := Read(strings.NewReader(c.in), "-")
		if err != nil || len(recs) != c.n {
			t.Errorf("%s: read %d records (%v), want %d", c.name, len(recs), err, c.n)
		}
	}
	// --input text keeps the whole input one post.
	recs, err := ReadWith(strings.NewReader(jsonl), "-", Options{Format: FormatText})
	if err != nil || len(recs) != 1 || recs[0].Post.Text != strings.TrimSpace(jsonl) {
		t.Errorf("forced text: %+v %v", recs, err)
	}
	// A broken JSONL on stdin is errors, never one post.
	recs, _ = Read(strings.NewReader("{\"text\":\"a\"}\n{\"text\": oops}\n"), "-")
	if len(recs) != 2 || recs[1].Err == nil || checker.ErrorCode(recs[1].Err) != checker.ECodeMalformedJSON {
		t.Errorf("broken JSONL: %+v", recs)
	}
	for _, s := range []string{"auto", "TEXT", "json", "jsonl", "ndjson", "csv", ""} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := ParseFormat("xml"); checker.ErrorCode(err) != checker.ECodeInvalid {
		t.Errorf("ParseFormat(xml) = %v", err)
	}
}

func TestUnknownFields(t *testing.T) {
	recs, err := Read(strings.NewReader("{\"text\":\"ok\"}\n{\"text\":\"Sale\",\"schedule_at\":\"2026-01-02T10:00:00Z\"}\n"), "p.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ce *checker.Error
	if len(recs) != 2 || !errors.As(recs[1].Err, &ce) || ce.Code != checker.ECodeUnknownField || ce.Field != "schedule_at" || ce.Line != 2 ||
		!strings.Contains(ce.Error(), `did you mean "scheduled_at"?`) {
		t.Fatalf("typo: %+v", recs)
	}
	// In a pretty-printed array the error names the line of the key.
	recs, _ = Read(strings.NewReader("[\n {\"text\":\"a\"},\n {\n  \"text\": \"b\",\n  \"Platfrom\": \"x\"\n }\n]"), "p.json")
	if len(recs) != 2 || recs[1].Line != 3 || !errors.As(recs[1].Err, &ce) || ce.Line != 5 || ce.Field != "Platfrom" {
		t.Fatalf("array: %+v %+v", recs, ce)
	}
	if _, err := DecodePost([]byte(`{"text":"a","media":[{"url":"u","alt_text":"x"}]}`)); checker.ErrorCode(err) != checker.ECodeUnknownField || !strings.Contains(err.Error(), "media[0].alt_text") {
		t.Errorf("media: %v", err)
	}
	if _, err := DecodePost([]byte(`{"Text":"case does not matter","Scheduled_At":"2026-01-02"}`)); err != nil {
		t.Errorf("keys match case-insensitively, as encoding/json does: %v", err)
	}
	// The same in Preflight's CSV columns.
	_, err = Read(strings.NewReader("text,schedule_at\nhello,2026-01-02\n"), "c.csv")
	if !errors.As(err, &ce) || ce.Code != checker.ECodeUnknownField || ce.Line != 1 || !strings.Contains(err.Error(), "scheduled_at") {
		t.Errorf("CSV column typo: %v", err)
	}
}

func TestErrorCodes(t *testing.T) {
	for in, want := range map[string]string{
		`{"text":""}`:                             checker.ECodeMissingText,
		`{"text":"a","scheduled_at":"soon"}`:      checker.ECodeBadTime,
		`{"text":"a","regions":["ZZ"]}`:           checker.ECodeBadRegion,
		`{"text":"a","regions":5}`:                checker.ECodeBadRegion,
		`{"text":"a","platform":"orkut"}`:         checker.ECodeUnknownPlatform,
		`{"text":"a","kind":"dm"}`:                checker.ECodeUnknownKind,
		`{"text":5}`:                              checker.ECodeInvalid,
		`{"text":`:                                checker.ECodeMalformedJSON,
		"{\"text\":\"\xff\"}":                     checker.ECodeInvalidUTF8,
		`{"text":"a","media":[{"alt":"\u0000"}]}`: "",
	} {
		_, err := DecodePost([]byte(in))
		if got := ""; err != nil {
			got = checker.ErrorCode(err)
			if got != want {
				t.Errorf("%s: code %s (%v), want %s", in, got, err, want)
			}
		} else if want != "" {
			t.Errorf("%s: accepted, want %s", in, want)
		}
	}
	if _, err := DecodePost([]byte(`{"text":5}`)); err == nil || strings.Contains(err.Error(), "*string") {
		t.Errorf("type error names a Go type: %v", err)
	}
}

// TestTextPosition: an offset in a post's text maps to the line and the
// UTF-16 column where that character is written in the file, through JSON
// escapes, CSV quotes and multi-line cells.
func TestTextPosition(t *testing.T) {
	type want struct{ off, line, col int }
	for _, c := range []struct {
		name, file, in string
		rec            int
		wants          []want
	}{
		{"jsonl", "p.jsonl", "{\"text\":\"first\"}\n  {\"id\":\"b\", \"text\": \"a 😀 damn\"}\n", 1,
			// "a" at col 23; the emoji takes two UTF-16 units.
			[]want{{0, 2, 23}, {2, 2, 25}, {4, 2, 28}, {8, 2, 32}}},
		{"json escapes", "p.jsonl", `{"text":"a\nb\u00e9 \ud83d\ude00 x"}`, 0,
			[]want{{0, 1, 10}, {1, 1, 11}, {2, 1, 13}, {3, 1, 14}, {5, 1, 21}, {7, 1, 34}}},
		{"json array", "p.json", "[\n  {\"text\": \"one\"},\n  {\n    \"id\": \"2\",\n    \"text\": \"two words\"\n  }\n]\n", 1,
			[]want{{0, 5, 14}, {4, 5, 18}}},
		{"csv", "c.csv", "id,text\n1,plain text\n2,\"say \"\"hi\"\"\nthere\"\n", 1,
			[]want{{0, 3, 4}, {4, 3, 8}, {5, 3, 10}, {9, 4, 1}, {11, 4, 3}}},
		{"csv row", "c.csv", "id,text\n1,plain text\n", 0, []want{{0, 2, 3}, {6, 2, 9}}},
		{"text", "post.txt", "Hello\nworld 😀!", 0, []want{{0, 1, 1}, {6, 2, 1}, {12, 2, 7}, {13, 2, 9}, {14, 2, 10}}},
	} {
		recs, err := Read(strings.NewReader(c.in), c.file)
		if err != nil || len(recs) <= c.rec || recs[c.rec].Err != nil {
			t.Fatalf("%s: %+v %v", c.name, recs, err)
		}
		r := recs[c.rec]
		for _, w := range c.wants {
			line, col, ok := r.TextPosition(w.off)
			if !ok || line != w.line || col != w.col {
				t.Errorf("%s: offset %d at %d:%d (%v), want %d:%d (text %q)", c.name, w.off, line, col, ok, w.line, w.col, r.Post.Text)
			}
		}
		if _, _, ok := r.TextPosition(len([]rune(r.Post.Text)) + 5); ok {
			t.Errorf("%s: an offset past the text has a position", c.name)
		}
	}
	recs, _ := Read(strings.NewReader("text,scheduled_at\nhello,2026-01-02\n\"multi\nline\",2026-01-03\nbye,2026-01-04\n"), "c.csv")
	for i, want := range []struct{ line, row int }{{2, 2}, {3, 3}, {5, 4}} {
		if recs[i].Line != want.line || recs[i].Row != want.row {
			t.Errorf("record %d at line %d row %d, want %d/%d", i, recs[i].Line, recs[i].Row, want.line, want.row)
		}
	}
}
