package news

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// headline and describe write what fmt.Sprintf would, without fmt: titles
// with quotes, other scripts, invalid UTF-8 and control characters.
func TestFormatsAsFmt(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.FixedZone("X", 3600))
	titles := []string{"", `Gunman kills 3 at "the" market`, "洪水で数千人が避難", "bad \xff utf8", "tab\there\nnewline", "emoji 🎉 \u2028"}
	for i, title := range titles {
		for _, crisis := range []checker.CrisisClass{"", checker.CrisisShooting} {
			a := checker.Article{Title: title, Published: at.Add(-time.Duration(i) * 7 * time.Hour), Crisis: crisis}
			want := fmt.Sprintf("%q (%s, %s)", a.Title, a.Published.UTC().Format("2006-01-02 15:04 UTC"), orDash(string(a.Crisis)))
			if got := headline(a); got != want {
				t.Errorf("headline: got %s, want %s", got, want)
			}
		}
		for _, n := range []int{1, 2, 40} {
			for _, countries := range [][]string{nil, {"US"}, {"US", "CA"}} {
				ev := checker.Event{Headline: title, Reach: checker.Reach(i % 4), Articles: n, Countries: countries,
					First: at.Add(-time.Duration(i*i) * 5 * time.Hour)}
				cnt := "1 article"
				if n != 1 {
					cnt = fmt.Sprintf("%d articles", n)
				}
				where := ""
				if len(countries) > 0 {
					where = " in " + fmt.Sprint(countries[0])
					for _, c := range countries[1:] {
						where += ", " + c
					}
				}
				want := fmt.Sprintf("%q (%s news%s, first reported %s the scheduled time, %s)", ev.Headline, ev.Reach, where,
					timeAgo(at, ev.First), cnt)
				if got := describe(ev, at); got != want {
					t.Errorf("describe: got %s, want %s", got, want)
				}
			}
		}
	}
}

// stemsOf gives a word without an apostrophe or hyphen as one part, as
// splitting it would, and splits the others.
func TestStemsOfParts(t *testing.T) {
	d := text.Analyse("Flooding can't stop the well-known Houston team’s sale \xff", "en")
	var got []string
	for _, s := range stemsOf(d) {
		got = append(got, s.word)
	}
	var want []string
	for _, tok := range d.Tokens {
		if tok.Kind == text.Word {
			want = append(want, strings.FieldsFunc(tok.Norm, func(r rune) bool { return r == '\'' || r == '’' || r == '-' })...)
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
