package text

import (
	"strconv"
	"strings"
	"testing"
)

// readingsOf renders each reading's changed tokens as "norm@start:end".
func readingsOf(s string) []string {
	var out []string
	for _, r := range Analyse(s, "en").Readings() {
		var ws []string
		for i, t := range r.Tokens {
			if r.Disguise[i] != 0 {
				ws = append(ws, t.Norm+"@"+strconv.Itoa(t.Start)+":"+strconv.Itoa(t.End))
			}
		}
		out = append(out, strings.Join(ws, " "))
	}
	return out
}

// TestReadings: each disguise is read back, with the span on the text
// the user wrote; plain text has no reading.
func TestReadings(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // the readings joined by " | "
	}{
		{"plain words only", ""},
		{"fuuuuck", "fuck@0:7 | fuuck@0:7"},
		{"ffuck", "fuck@0:5"},
		{"shiiiitt", "shitt@0:8 | shiitt@0:8 | shit@0:8"},
		{"fück", "fuck@0:4"},
		{"$h17", "shit@0:4"},
		{"phuck", "fuck@0:5"},
		{"fu(k off", "fuck@0:4"},
		{"say f u c k now", "fuck@4:11"},
		{"@ss", "ass@0:3"},
		{"Ｆüüück", "fuck@0:6 | fuuck@0:6"},
	} {
		if got := strings.Join(readingsOf(c.in), " | "); got != c.want {
			t.Errorf("Readings(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzReadings: a reading's tokens start where an original token starts
// and end where one ends, in order, so spans stay on whole characters of
// the text the user wrote; a reading never changes a token without saying
// so.
func FuzzReadings(f *testing.F) {
	for _, s := range []string{"fuuuuck", "f u c k", "fu(k", "$h17", "@ss", "fück", "a  b  c", "ph"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Analyse(s, "en")
		starts, ends := map[int]bool{}, map[int]bool{}
		for _, tok := range d.Tokens {
			starts[tok.Start], ends[tok.End] = true, true
		}
		for _, r := range d.Readings() {
			if len(r.Disguise) != len(r.Tokens) {
				t.Fatalf("%q: %d disguises for %d tokens", s, len(r.Disguise), len(r.Tokens))
			}
			prev := 0
			for i, tok := range r.Tokens {
				if tok.Start < prev || !starts[tok.Start] || !ends[tok.End] || tok.Start > tok.End {
					t.Fatalf("%q: token %d span %v is not made of original tokens, in order", s, i, tok.Span)
				}
				prev = tok.Start
				if r.Disguise[i] != 0 && !tok.Obfuscated {
					t.Fatalf("%q: token %d changed but not marked", s, i)
				}
			}
		}
	})
}
