package content

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// TestContemptOneFindingOnLongText: a long rant of fragments and
// sentences is read (only its first sentences weighed) and reported once,
// with every span on the text.
func TestContemptOneFindingOnLongText(t *testing.T) {
	txt := strings.Repeat("Can't. Deal. With. These. Clowns. Arrogant and smug. Imagine working with these people. ", 400)
	rep := check(t, checker.Post{Text: txt})
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "content.personal_voice" && strings.Contains(f.Message, "personal contempt") {
			n++
			checkSpan(t, f, txt)
		}
	}
	if n != 1 {
		t.Fatalf("got %d contempt findings, want 1", n)
	}
}

// TestContemptFragmentRunNeedsThree: two fragments are emphasis, not a
// run read as one sentence; three are.
func TestContemptFragmentRunNeedsThree(t *testing.T) {
	v, err := loadVoice()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]bool{
		"Honestly. Shocking.":                false,
		"Can't. Deal. Today.":                true,
		"A long sentence here. Can't. Deal.": false,
	} {
		if got := v.hasFragmentRun(text.Analyse(in, "en")); got != want {
			t.Errorf("hasFragmentRun(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestTokenSet: the tokens covered by overlapping and multi-word spans.
func TestTokenSet(t *testing.T) {
	d := text.Analyse("utter nonsense and more nonsense", "en")
	set := tokenSet(d, []text.Span{{Start: 0, End: 14}, {Start: 6, End: 14}, {Start: 24, End: 32}})
	var got []string
	for _, tk := range d.Tokens {
		if set[tk.Start] {
			got = append(got, tk.Raw)
		}
	}
	if strings.Join(got, " ") != "utter nonsense nonsense" {
		t.Fatalf("covered %q", got)
	}
}
