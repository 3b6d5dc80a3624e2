package hashtag

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	textpkg "github.com/preflight-dev/preflight/text"
)

// inLink is true when runes [a, b) of s lie inside one of its links.
func inLink(s string, a, b int) bool {
	for _, u := range textpkg.Analyse(s, "").URLs {
		if u.Start <= a && b <= u.End {
			return true
		}
	}
	return false
}

// isInvitation is true when runes [a, b) of s are an invitation the
// invitations data reads in the words: an open question, a call into a
// conversation on a charged topic, a vote or naming contest, a sentence
// to finish, a request for the public's words, an open Q&A; or a name
// (an event cheered while contested).
func isInvitation(p *pack, s string, a, b int) bool {
	d := textpkg.Analyse(s, "")
	r := p.invitations.read(d)
	for _, spans := range [][]textpkg.Span{r.questions, r.charged, r.contests, r.blanks, r.requests, r.qas, d.Names()} {
		for _, q := range spans {
			if q.Start == a && q.End == b {
				return true
			}
		}
	}
	return false
}

// FuzzRules runs every hashtag rule over arbitrary posts: no rule fails,
// every finding points at a hashtag or a link of the post (or, for the
// hijack rule, at an invitation the invitations data reads in the words), and style
// advice alone never changes the verdict.
func FuzzRules(f *testing.F) {
	for _, s := range []string{"#susanalbumparty", "Ask us #AskAcme", "#Aurora 20% off", "#NeverForget",
		"#a_b_c #ÆØÅ #１２３ #😀", "##x #", "#nowthatchersdead lol", "www.penisland.net/pens", "https://therapistfinder.co.uk",
		"How has serving impacted you?", "Reply with #SunnySide and we'll turn it into art",
		"Let's talk about race.", "Name our new flavour! The winning name will go on sale.", "Finish this sentence: I love Acme because",
		"Proud sponsor of #Varnia2030! Go team!", "Tweet us your name and we'll put it on a pot.",
		"Neu bei uns: die #baumordner für Ihre Gartenpläne, jetzt im Angebot!", "Réservez sur cheztueur.fr, nous vous attendons."} {
		f.Add(s)
	}
	e := engine(f, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	p, err := loadPack(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.TrimSpace(text) == "" || len(text) > 2000 {
			return
		}
		rep, err := e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: day})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Skipped) > 0 {
			t.Fatalf("%q: skipped %v", text, rep.Skipped)
		}
		n := utf8.RuneCountInString(text)
		onlyLow := true
		for _, f := range rep.Findings {
			if !f.HasSpan() || *f.Start < 0 || *f.End > n || *f.Start >= *f.End {
				t.Fatalf("%q: bad span in %+v", text, f)
			}
			if r, _ := utf8.DecodeRuneInString(f.Match); r != '#' && r != '＃' && !inLink(text, *f.Start, *f.End) &&
				!(f.Rule == "hashtag.hijack_risk" && isInvitation(p, text, *f.Start, *f.End)) {
				t.Fatalf("%q: finding neither on a hashtag nor in a link: %q", text, f.Match)
			}
			if f.Severity > checker.SeverityLow {
				onlyLow = false
			}
		}
		if onlyLow && rep.Verdict != checker.VerdictPass {
			t.Fatalf("%q: low findings only, verdict %s", text, rep.Verdict)
		}
	})
}
