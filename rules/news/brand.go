package news

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// namesBrand says whether an article names one of the brand's names: an
// entity or hashtag equal to it, or an entity containing it as whole words
// when the name is distinctive enough (four letters or more).
func namesBrand(a checker.Article, names []string) bool {
	for _, n := range names {
		ln := strings.ToLower(strings.TrimSpace(n))
		if ln == "" {
			continue
		}
		for _, e := range a.Entities {
			le := strings.ToLower(e)
			if le == ln || (len([]rune(ln)) >= 4 && containsWords(le, ln)) {
				return true
			}
		}
		for _, h := range a.Hashtags {
			if strings.EqualFold(h, strings.ReplaceAll(ln, " ", "")) {
				return true
			}
		}
	}
	return false
}

func containsWords(hay, needle string) bool {
	hs, ns := strings.Fields(hay), strings.Fields(needle)
	for i := 0; i+len(ns) <= len(hs); i++ {
		ok := true
		for k := range ns {
			if hs[i+k] != ns[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (r *reader) brandInTrouble() *checker.Rule {
	o := r.opts
	return &checker.Rule{
		ID:       "news.brand_in_trouble",
		Category: checker.CategoryNews,
		Title:    "Invites the public in while the brand is in negative news",
		Doc: fmt.Sprintf("When the brand is in the news for a scandal, a lawsuit, fines, a recall, a strike, a price "+
			"rise or a spill, a call for engagement, a joke or a hashtag campaign hands critics a megaphone "+
			"(#AskBP during the Gulf oil spill, #AskThicke, #WaitroseReasons). The rule asks the news index for "+
			"negative stories naming the brand or its aliases in the %s before the scheduled time. Engagement "+
			"calls, jokes and hashtags go to review; an engagement call while the story is severe (%.2f or more) "+
			"is blocked; other posts get advice.", o.BrandWindow, o.BrandSevere),
		Fix: "Hold engagement campaigns and jokes until the story has passed; answer the criticism first, " +
			"and moderate replies closely if you must post.",
		Since:     "2026.11.0",
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			arts, err := p.BrandTrouble(o.BrandWindow)
			if err != nil {
				return err
			}
			names := p.Profile.BrandNames(p.Post)
			var cited []checker.Article
			worst := 0.0
			for _, a := range arts {
				if namesBrand(a, names) {
					cited = append(cited, a)
					worst = max(worst, a.Severity)
				}
			}
			if len(cited) == 0 {
				return nil
			}
			t := r.toneOfPass(p)
			var tags []text.Span
			for _, h := range hashtags(p.Doc) {
				tags = append(tags, h.Span)
			}
			a := cited[0]
			what := fmt.Sprintf("%s is in negative news: %s, published %s the scheduled time", p.Post.Brand,
				headline(a), timeAgo(p.At(), a.Published))
			f := checker.Finding{Evidence: evidence(cited, 3)}
			switch {
			case len(t.engage) > 0 && worst >= o.BrandSevere:
				f.Severity = checker.SeverityCritical
				f.Message = what + ". Inviting the public to respond now hands critics the microphone."
				f.Suggestion = "Do not run an engagement campaign during this story; address the criticism directly first."
			case len(t.engage) > 0 || len(t.light) > 0 || len(tags) > 0:
				f.Severity = checker.SeverityHigh
				f.Message = what + ". Calls for engagement, jokes and hashtag campaigns invite hijacking."
				f.Suggestion = "Drop the call to respond, the joke or the campaign hashtag until the story has passed."
			default:
				f.Severity = checker.SeverityLow
				f.Message = what + ". Expect replies about it."
				f.Suggestion = "Be ready to moderate replies, and avoid anything that could read as ignoring the story."
			}
			if s, ok := firstSpan(t.engage, t.light, tags); ok {
				p.ReportSpan(s, f)
			} else {
				p.Report(f)
			}
			return nil
		},
	}
}
