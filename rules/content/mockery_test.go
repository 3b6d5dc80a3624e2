package content

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// TestTragedyTableErrors proves a bad tragedy entry fails the build of the
// rules with the entry and field named, instead of being skipped.
func TestTragedyTableErrors(t *testing.T) {
	ok := tragedy{Name: "Ferry sinking", Date: "1990-05-01", Regions: []string{"GB"}, Names: []string{"ferry sinking"}}
	for _, tc := range []struct {
		edit func(*tragedy)
		want string
	}{
		{func(x *tragedy) { x.Date = "1 May 1990" }, "tragedies[0] (Ferry sinking).date"},
		{func(x *tragedy) { x.Regions = nil }, "tragedies[0] (Ferry sinking).regions: missing"},
		{func(x *tragedy) { x.Regions = []string{"Atlantis"} }, "tragedies[0] (Ferry sinking).regions"},
		{func(x *tragedy) { x.Names = nil }, "needs names or places"},
		{func(x *tragedy) { x.Places = []string{"&"} }, "tragedies[0] (Ferry sinking).places"},
		{func(x *tragedy) { x.Name = "" }, ".name: missing"},
	} {
		x := ok
		tc.edit(&x)
		_, err := newTragedyTable("t.yaml", tragedyFile{Tragedies: []tragedy{x}})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want it to contain %q", err, tc.want)
		}
	}
	if _, err := newTragedyTable("t.yaml", tragedyFile{Tragedies: []tragedy{ok}}); err != nil {
		t.Fatalf("valid table: %v", err)
	}
}

// TestNearAnniversary proves the anniversary window holds across a year's
// end and ends three days out.
func TestNearAnniversary(t *testing.T) {
	day := time.Date(2004, 12, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 12, 26, 9, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC), false},
		{time.Date(2026, 12, 29, 9, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 12, 24, 9, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC), false},
		{time.Time{}, false},
	} {
		if got := nearAnniversary(day, tc.at); got != tc.want {
			t.Errorf("nearAnniversary(%v) = %v, want %v", tc.at, got, tc.want)
		}
	}
}

// TestSacredTableErrors proves a bad sacred table names its field.
func TestSacredTableErrors(t *testing.T) {
	frames := map[string][]string{"greeting": {"happy"}, "worship": {"church"}, "book": {"book"}, "respect": {"respect"}}
	good := func() sacredFile {
		return sacredFile{
			Religions: map[string]religion{"hindu": {Regions: map[string]float64{"IN": 0.8}, Refused: []string{"beef"}}},
			Figures:   []sacredFigure{{Phrase: "ganesha", Religion: "hindu"}},
			Frames:    frames, Product: []string{"mug"}, Joke: []string{"lol"},
		}
	}
	for _, tc := range []struct {
		edit func(*sacredFile)
		want string
	}{
		{func(f *sacredFile) { f.Figures[0].Religion = "jedi" }, `figures[0] (ganesha).religion: unknown religion "jedi"`},
		{func(f *sacredFile) { f.Religions["hindu"] = religion{Regions: map[string]float64{"IN": 2}} }, "religions.hindu.regions.IN"},
		{func(f *sacredFile) { f.Religions["hindu"] = religion{} }, "religions.hindu.regions: missing"},
		{func(f *sacredFile) { f.Frames = map[string][]string{"greeting": {"happy"}} }, "frames.worship: missing"},
	} {
		f := good()
		tc.edit(&f)
		_, err := newSacredTable("s.yaml", f)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want it to contain %q", err, tc.want)
		}
	}
	if _, err := newSacredTable("s.yaml", good()); err != nil {
		t.Fatalf("valid table: %v", err)
	}
}

// FuzzHistoryAndSacred checks the tragedy and sacred readings on any text:
// no error or panic, and every finding's span is non-empty and lies inside
// the text.
func FuzzHistoryAndSacred(f *testing.F) {
	for _, s := range []string{
		"Just dropped: vintage Kent State sweatshirt with blood spatter print, only one left.",
		"Our new Ganesha flip-flops, 2 pairs for £15 😂",
		"Remembering 9/11 today with 20% off all mattresses.",
		"Titanic 1912 iceberg lol #Titanic",
		"", "9/11 9-11 911", "Buddha bowl Buddha beer",
	} {
		f.Add(s)
	}
	rs, err := Rules(Options{})
	if err != nil {
		f.Fatal(err)
	}
	var mine []*checker.Rule
	for _, r := range rs {
		if r.ID == "content.mockery" || r.ID == "content.sacred" {
			mine = append(mine, r)
		}
	}
	e, err := checker.New(checker.Config{Rules: mine})
	if err != nil {
		f.Fatal(err)
	}
	at := time.Date(2026, 9, 11, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if strings.TrimSpace(s) == "" || !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		r, err := e.Check(t.Context(), checker.Post{Text: s, ScheduledAt: at, Regions: []string{"US", "IN"}})
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(s)
		for _, x := range r.Findings {
			if !x.HasSpan() {
				continue
			}
			if *x.Start < 0 || *x.Start >= *x.End || *x.End > n {
				t.Fatalf("%s span [%d:%d] outside a text of %d characters: %q", x.Rule, *x.Start, *x.End, n, s)
			}
		}
	})
}
