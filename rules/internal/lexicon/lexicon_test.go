package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// found lists the matched text of every hit, "|"-separated.
func found(d *text.Doc, hs []Hit) string {
	var out []string
	for _, h := range hs {
		out = append(out, d.Slice(h.Span))
	}
	return strings.Join(out, "|")
}

func mustNew(t *testing.T, terms []Term, allow []string, s Settings) *Lexicon {
	t.Helper()
	l, err := New(terms, allow, checker.SeverityMedium, s)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestFind(t *testing.T) {
	l := mustNew(t, []Term{
		{Phrase: "shit", Compound: "both"},
		{Phrase: "read the manual", Category: "rtfm"},
		{Phrase: "if you had read", Category: "rtfm"},
		{Phrase: "dick"},
		{Phrase: "Trump", Case: true},
		{Phrase: "calm down"},
	}, []string{"Moby Dick"}, Settings{})
	cases := []struct{ text, want string }{
		{"what a $hit show", "$hit"},
		{"bullshit", "bullshit"},
		{"#shitshow", "#shitshow"},
		{"#publishit", ""}, // a suffix compound never matches inside a hashtag
		{"if you had read the manual", "if you had read the manual"}, // overlapping phrases of one category merge
		{"dick's problem", "dick's"},
		{"Moby Dick is a novel", ""}, // the allow list cancels the hit
		{"a trump card", ""},
		{"vote Trump", "Trump"},
		{"please calm down", "calm down"},
		{"please calm, down", ""}, // no comma inside a phrase by default
		{"#calmdown now", "#calmdown"},
		{"Scunthorpe", ""},
	}
	for _, c := range cases {
		d := text.Analyse(c.text, "en")
		if got := found(d, l.Find(d)); got != c.want {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestCommas(t *testing.T) {
	terms := []Term{{Phrase: "actually you"}}
	d := text.Analyse("Actually, you are wrong", "en")
	if got := found(d, mustNew(t, terms, nil, Settings{}).Find(d)); got != "" {
		t.Errorf("without Commas: got %q, want nothing", got)
	}
	if got := found(d, mustNew(t, terms, nil, Settings{Commas: true}).Find(d)); got != "Actually, you" {
		t.Errorf("with Commas: got %q", got)
	}
	d = text.Analyse("Actually. You are wrong", "en")
	if got := found(d, mustNew(t, terms, nil, Settings{Commas: true}).Find(d)); got != "" {
		t.Errorf("a full stop still breaks a phrase: got %q", got)
	}
}

// TestHashtagSpan checks that a hashtag hit covers the '#': the text
// analysis types every hashtag as one token from its '#'.
func TestHashtagSpan(t *testing.T) {
	l := mustNew(t, []Term{{Phrase: "shit show"}}, nil, Settings{})
	for _, c := range []struct {
		text string
		want text.Span
	}{{"#shitshow", text.Span{Start: 0, End: 9}}, {"so #shitshow", text.Span{Start: 3, End: 12}}, {"so #shit_show!", text.Span{Start: 3, End: 13}}} {
		d := text.Analyse(c.text, "en")
		if hs := l.Find(d); len(hs) != 1 || hs[0].Span != c.want {
			t.Errorf("%q: got %+v, want one hit over %v", c.text, hs, c.want)
		}
	}
}

func TestCued(t *testing.T) {
	f := File{
		Terms: []Term{{Phrase: "stupid", Weak: true}, {Phrase: "moron", Weak: true}, {Phrase: "idiot"}},
		Cues:  []Term{{Phrase: "you"}},
		Emoji: []string{"🙄"},
	}
	cases := []struct {
		text  string
		s     CuedSettings
		extra bool
		want  string
	}{
		{"that was stupid", CuedSettings{}, false, ""},
		{"that was stupid", CuedSettings{}, true, "stupid"},
		{"that was stupid 🙄", CuedSettings{}, false, "stupid"},
		{"you know the rules, and after a long wait that was stupid", CuedSettings{}, false, "stupid"},
		{"you know the rules, and after a long wait that was stupid", CuedSettings{Near: 3}, false, ""},
		{"you are stupid", CuedSettings{Near: 3}, false, "stupid"},
		{"that was stupid 🙄", CuedSettings{Near: 3}, false, ""}, // emoji cues count only without Near
		{"stupid moron", CuedSettings{}, false, ""},
		{"stupid moron", CuedSettings{Pairs: true}, false, "stupid|moron"},
		{"stupid stupid", CuedSettings{Pairs: true}, false, ""}, // the same word twice is not a pair
		{"what an idiot", CuedSettings{Near: 3}, false, "idiot"},
	}
	for _, c := range cases {
		cl, err := NewCued(f, Options{}, checker.SeverityMedium, c.s)
		if err != nil {
			t.Fatal(err)
		}
		d := text.Analyse(c.text, "en")
		if got := found(d, cl.Find(d, c.extra)); got != c.want {
			t.Errorf("%q %+v extra=%v: got %q, want %q", c.text, c.s, c.extra, got, c.want)
		}
	}
}

// TestCueInsideWeakTerm checks that a cue word inside a weak term does not
// vouch for that term ("need a drink" is not cued by its own "drink"),
// while a cue elsewhere still does.
func TestCueInsideWeakTerm(t *testing.T) {
	f := File{Terms: []Term{{Phrase: "need a drink", Weak: true}}, Cues: []Term{{Phrase: "drink"}, {Phrase: "beer"}}}
	cases := []struct {
		text string
		s    CuedSettings
		want string
	}{
		{"need a drink after the heat? iced tea is on", CuedSettings{}, ""},
		{"need a drink after the heat? iced tea is on", CuedSettings{Near: 3}, ""},
		{"need a drink, beer o'clock", CuedSettings{}, "need a drink"},
		{"need a drink, beer please", CuedSettings{Near: 3}, "need a drink"},
		{"need a drink, then another drink", CuedSettings{}, "need a drink"},
	}
	for _, c := range cases {
		cl, err := NewCued(f, Options{}, checker.SeverityMedium, c.s)
		if err != nil {
			t.Fatal(err)
		}
		d := text.Analyse(c.text, "en")
		if got := found(d, cl.Find(d, false)); got != c.want {
			t.Errorf("%q %+v: got %q, want %q", c.text, c.s, got, c.want)
		}
	}
}

func TestOptions(t *testing.T) {
	fsys := fstest.MapFS{"x.yaml": {Data: []byte("source: test\nlicence: CC0\nterms:\n  - phrase: frak\n")}}
	l, f, err := Open(fsys, "x.yaml", Options{Extra: []Term{{Phrase: "gorram", Severity: "high"}}, Allow: []string{"frak off"}}, checker.SeverityLow, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Source != "test" {
		t.Errorf("source %q", f.Source)
	}
	d := text.Analyse("frak this gorram ship, frak off", "en")
	hs := l.Find(d)
	if got := found(d, hs); got != "frak|gorram" {
		t.Fatalf("got %q", got)
	}
	if hs[0].Severity != checker.SeverityLow || hs[1].Severity != checker.SeverityHigh {
		t.Errorf("severities %v %v", hs[0].Severity, hs[1].Severity)
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"typo.yaml":  {Data: []byte("terms:\n  - phrase: x\n    severty: high\n")},
		"names.yaml": {Data: []byte("terms:\n  - phrase: x\nnot_names: [Monday]\n")},
	}
	if _, err := Read(fsys, "typo.yaml"); err == nil {
		t.Error("an unknown key must fail")
	}
	if _, err := Read(fsys, "names.yaml"); err == nil {
		t.Error("a key File lacks must fail")
	}
	var own struct {
		File     `yaml:",inline"`
		NotNames []string `yaml:"not_names"`
	}
	if err := Load(fsys, "names.yaml", &own); err != nil || len(own.Terms) != 1 || len(own.NotNames) != 1 {
		t.Errorf("a shape inlining File: %v %+v", err, own)
	}
	for _, bad := range [][]Term{{{Phrase: ""}}, {{Phrase: "a b", Compound: "both"}}, {{Phrase: "x", Severity: "severe"}}, {{Phrase: "*"}}, {{Hashtag: "("}}} {
		if _, err := New(bad, nil, checker.SeverityLow, Settings{}); err == nil {
			t.Errorf("%+v: want an error", bad)
		}
	}
}

// TestWildcard checks that a trailing "*" in a phrase (as a company may
// write in preflight.yaml) matches any word with that stem, and only those.
func TestWildcard(t *testing.T) {
	l := mustNew(t, []Term{{Phrase: "idiot*"}, {Phrase: "stupid poli*"}}, nil, Settings{})
	cases := []struct{ text, want string }{
		{"what idiots", "idiots"},
		{"an idiotic policy", "idiotic"},
		{"stupid politicians again", "stupid politicians"},
		{"idio", ""},
		{"a stupid idea", ""},
	}
	for _, c := range cases {
		d := text.Analyse(c.text, "en")
		if got := found(d, l.Find(d)); got != c.want {
			t.Errorf("%q: found %q, want %q", c.text, got, c.want)
		}
	}
}
