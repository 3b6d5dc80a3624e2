package content

import (
	"fmt"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// colourismReach is how many words apart a tone word and its verdict may
// be ("lighter is better", "whiter skin is the right choice").
const colourismReach = 3

// colourismClaim is a claim that lighter is better in one text.
type colourismClaim struct {
	span text.Span
	skin bool // the tone is said of skin ("fairer skin is better")
}

// readColourism finds the lighter-is-better claims of d, and whether d
// names pale skin ("fair-skinned"); skin care words alone ("a lighter
// moisturiser is better for oily skin") are no such context.
func readColourism(cl *lexicon.Lexicon, d *text.Doc) (claims []colourismClaim, skin bool) {
	hs := cl.Find(d)
	for _, h := range hs {
		skin = skin || h.Term.Category == "skin_tone"
	}
	for i, t := range hs {
		if t.Term.Category != "tone" && t.Term.Category != "skin_tone" {
			continue
		}
		for _, v := range hs[i+1:] {
			if v.First-t.Last > colourismReach {
				break
			}
			if v.Term.Category != "verdict" {
				continue
			}
			c := colourismClaim{span: text.Span{Start: t.Span.Start, End: v.Span.End}, skin: t.Term.Category == "skin_tone"}
			for _, s := range hs {
				if s.Term.Category == "skin" && s.First-t.Last <= 2 && t.First-s.Last <= 2 {
					c.skin = true // "whiter skin is better"
				}
			}
			claims = append(claims, c)
			break
		}
	}
	return claims, skin
}

// colourism reports a lighter-is-better claim about skin itself (high), or
// in a post whose text or alt texts show people described by race or name
// pale skin (medium). It returns the spans it reported, which the scenes
// do not report again.
func colourism(p *checker.Pass, cl, jx *lexicon.Lexicon, ts []target) reported {
	claims := make([][]colourismClaim, len(ts))
	context, any := false, false
	for i, t := range ts {
		var skin bool
		claims[i], skin = readColourism(cl, t.doc)
		any = any || len(claims[i]) > 0
		context = context || skin || len(readJuxtaposition(jx, t.doc).people) > 0
	}
	if !any {
		return nil
	}
	var done reported
	for i, t := range ts {
		for _, c := range claims[i] {
			if !context && !c.skin {
				continue
			}
			sev := checker.SeverityMedium
			if c.skin {
				sev = checker.SeverityHigh
			}
			t.report(p, c.span, checker.Finding{Severity: sev,
				Message: fmt.Sprintf("%q%s, beside people described by race or skin, reads as saying lighter skin is better.",
					t.doc.Slice(c.span), t.where()),
				Suggestion: "Describe the product in words that cannot be read as being about skin, or change the image."})
			done = done.add(t, c.span)
		}
	}
	return done
}
