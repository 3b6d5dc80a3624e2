package hashtag

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

func (p *pack) sensitiveRule() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.sensitive",
		Needs:    checker.NeedsHashtags,
		Category: checker.CategoryHashtag,
		Title:    "Political, movement or memorial hashtag",
		Doc: "Tags of political campaigns and movements (#MAGA, #BlackLivesMatter, #MeToo) take a side, and " +
			"tags of tragedies and memorials (#NeverForget, #PearlHarbor, #RIP) belong to the people who " +
			"grieve, and so does any tag of sympathy with a tragedy's victims (#PrayFor…, #JeSuis…, whatever " +
			"place or name follows). Next to a promotion or a joke they read as exploitation; a political tag alone still " +
			"commits the brand to a stance. The lists live in the rule pack and can be extended in preflight.yaml.",
		Fix:   "Remove the tag from promotional posts; use it only in posts that are about the cause or the memorial.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			promo := cue(pass, text.SignalPromotional) || cue(pass, text.SignalLightHearted)
			for _, h := range tags(pass) {
				cat := p.sensitive[fold(h.Text)]
				if cat == "" && p.solidarityTag(fold(h.Text)) {
					cat = "tragedy"
				}
				if cat == "" {
					continue
				}
				f := checker.Finding{Evidence: []checker.Evidence{{Type: "rulepack", Title: "#" + h.Text + " is a " + cat + " tag"}}}
				switch {
				case promo:
					f.Severity = checker.SeverityHigh
					f.Message = fmt.Sprintf("#%s is a %s tag next to a promotion or a joke; it will read as exploiting it.", h.Text, cat)
					f.Suggestion = "Remove #" + h.Text + " from this post."
				case cat == "political" || cat == "movement":
					f.Severity = checker.SeverityMedium
					f.Message = fmt.Sprintf("#%s is a %s tag: it commits the brand to a side.", h.Text, cat)
					f.Suggestion = "Make sure the brand means to take this stand publicly; otherwise remove the tag."
				case pass.Doc.Signals.IsCondolence():
					continue
				default:
					f.Severity = checker.SeverityLow
					f.Message = fmt.Sprintf("#%s is a %s tag: keep the post's tone respectful.", h.Text, cat)
				}
				pass.ReportSpan(h.Span, f)
			}
			return nil
		},
	}
}

// minSolidarityName is the fewest letters a solidarity tag's name must
// have after its opening (#PrayForNepal, not #PrayFor).
const minSolidarityName = 3

// solidarityTag reports whether a folded tag opens with words of
// sympathy with a tragedy's victims and names someone or somewhere after
// them (#PrayForMorocco, #JeSuisCharlie, #SolidarityWithLibya).
func (p *pack) solidarityTag(tag string) bool {
	for _, pre := range p.solidarity {
		if rest, ok := strings.CutPrefix(tag, pre); ok && len(rest) >= minSolidarityName {
			return true
		}
	}
	return false
}
