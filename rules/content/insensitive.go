package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// insensitiveRule reports insensitive or exclusionary wording with a
// suggested alternative (low for mild, medium for clearly hurtful), and
// racially charged juxtapositions: people described by race next to an
// animal comparison or an "odd one out" framing, in the text or in a media
// alt text (Home Depot, 2013: "Which drummer is not like the others?" over a
// photo of two Black drummers and a person in a gorilla suit). The wording
// part is the substitution pack in data/insensitive.yaml; the juxtaposition
// and a refusal treated as a thing to remove ("I left my 'no' at home",
// data/consent.yaml) and a lighter-is-better claim beside people described
// by race or skin (data/colourism.yaml) need logic and stay in Go. Its
// scenes (data/scenes.yaml) read what a post or its picture shows: dark
// skin turned light by a product, a noose, a staged suicide or self-harm,
// women bound, abducted, stalked or drugged for a gag or a glamour shot.
func insensitiveRule(o Options) (*checker.Rule, error) {
	wording, err := packCheck("insensitive.yaml", "content.insensitive", o.Insensitive)
	if err != nil {
		return nil, err
	}
	jx, _, err := lexiconRule("juxtaposition.yaml", LexiconOptions{}, checker.SeverityMedium)
	if err != nil {
		return nil, err
	}
	cr, err := loadConsent()
	if err != nil {
		return nil, err
	}
	cl, _, err := lexiconRule("colourism.yaml", LexiconOptions{}, checker.SeverityMedium)
	if err != nil {
		return nil, err
	}
	sc, err := scenesFor("content.insensitive")
	if err != nil {
		return nil, err
	}
	r := wording.Rule()
	r.Run = func(p *checker.Pass) error {
		wording.Run(p)
		ts := targets(p)
		juxtapose(p, jx, ts)
		consent(p, cr, ts)
		sc.runExcept(p, colourism(p, cl, jx, ts))
		return nil
	}
	return r, nil
}

// juxtaposition is what the racial-juxtaposition check found in one text.
type juxtaposition struct {
	people, animals, framing []text.Span
}

// readJuxtaposition finds race-described people, animal comparisons and
// odd-one-out framings in d.
func readJuxtaposition(jx *lexicon.Lexicon, d *text.Doc) juxtaposition {
	var j juxtaposition
	hs := jx.Find(d)
	for i, h := range hs {
		switch h.Term.Category {
		case "race":
			// A descriptor counts when a person noun follows it, at most
			// one word apart ("black men", "Asian young women").
			for _, n := range hs[i+1:] {
				if n.First-h.Last > 2 {
					break
				}
				if n.Term.Category == "person" {
					j.people = append(j.people, text.Span{Start: h.Span.Start, End: n.Span.End})
					break
				}
			}
		case "ethnonym":
			j.people = append(j.people, h.Span)
		case "animal":
			j.animals = append(j.animals, h.Span)
		case "framing":
			j.framing = append(j.framing, h.Span)
		}
	}
	return j
}

// juxtapose reports race-described people next to an animal comparison or
// an odd-one-out framing (medium; high with both), across the post text and
// its alt texts together.
func juxtapose(p *checker.Pass, jx *lexicon.Lexicon, ts []target) {
	found := make([]juxtaposition, len(ts))
	people, animals, framing := false, false, false
	for i, t := range ts {
		found[i] = readJuxtaposition(jx, t.doc)
		people = people || len(found[i].people) > 0
		animals = animals || len(found[i].animals) > 0
		framing = framing || len(found[i].framing) > 0
	}
	if !people || (!animals && !framing) {
		return
	}
	// Either pairing alone asks for a review; both together (Home Depot's
	// drummers) is the trope itself.
	sev := checker.SeverityMedium
	if animals && framing {
		sev = checker.SeverityHigh
	}
	const sug = "Do not pair people of a race or ethnicity with apes or monkeys, or single them out as the odd one out; change the image or the caption."
	for i, t := range ts {
		for _, s := range found[i].framing {
			t.report(p, s, checker.Finding{Severity: sev, Suggestion: sug,
				Message: fmt.Sprintf("%q%s singles out people described by race or ethnicity in this post as the odd one out.", t.doc.Slice(s), t.where())})
		}
		for _, s := range found[i].animals {
			t.report(p, s, checker.Finding{Severity: sev, Suggestion: sug,
				Message: fmt.Sprintf("%q%s appears alongside people described by race or ethnicity, echoing a racist ape comparison.", t.doc.Slice(s), t.where())})
		}
	}
}
