package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
)

// personalVoiceRule reports first-person, personal-account voice that reads
// as a personal post sent from the brand account: "my boyfriend", "I'm so
// drunk", "#gottadrink", or two kinds of text-speak ("gma", "b4") in one
// post. A brand agent's "I" ("I've passed this on") is not reported. It
// also reads staff narrative and rants as sentence patterns
// (data/voice.yaml): "we're all being fired", complaints about the
// employer, a first person's own working day, drinking and vote ("I'm so
// sick of this job", "I had six pints", "I'm voting for"), a message meant
// for a friend ("text me later babe"), insults to critics or to the person
// addressed, "the worst drivers", a sentence shouted in capitals at
// someone, the account's own reading of a public row it is not party to
// ("we interpret this as praise for the army"), and (voice_contempt.go)
// personal contempt for a third party: a contempt target and an
// exasperation within two sentences ("Smug and patronising. Imagine
// working with these clowns."), short fragments read as one sentence
// ("Cannot. Cope. With. This. Drivel."), a farewell with a grievance and
// sarcasm about the employer; never in the brand's voice, in care, in a
// sale or in someone else's reported words. Its scene (data/scenes.yaml)
// reads despair from the account ("I can't do this anymore"), which is read
// as a distressed or hacked account.
func personalVoiceRule(o Options) (*checker.Rule, error) {
	lex, err := newCued("personal_voice.yaml", o.PersonalVoice, checker.SeverityMedium, true)
	if err != nil {
		return nil, err
	}
	v, err := loadVoice()
	if err != nil {
		return nil, err
	}
	sc, err := scenesFor("content.personal_voice")
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.personal_voice",
		Category: checker.CategoryContent,
		Title:    "Personal voice on a brand account",
		Doc: "Social media managers run personal and brand accounts side by side; a personal post sent from the " +
			"brand account (KitchenAid 2012, Chrysler 2011) is a well-known source of brand crises. Despair from the " +
			"account (\"I can't do this anymore\") is read as a hacked or distressed account, and other brands pile on.",
		Fix:   "Check you are posting from the account you mean to; rewrite in the brand's voice.",
		Since: since,
		Run: func(p *checker.Pass) error {
			for _, t := range targets(p) {
				if t.alt >= 0 {
					continue // an image description is not the brand speaking
				}
				for _, h := range lex.Find(t.doc, false) {
					t.report(p, h.Span, checker.Finding{Severity: h.Severity,
						Message:    fmt.Sprintf("%q reads like a personal post, not the brand's voice.", t.doc.Slice(h.Span)),
						Suggestion: "Check you are on the right account; this reads like a personal post."})
				}
			}
			v.run(p)
			sc.run(p)
			return nil
		},
	}, nil
}
