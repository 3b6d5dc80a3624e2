package news

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// chronicStories is how many negative stories in the past year make a
// brand chronically criticised: its open invitations are reviewed even in
// a quiet week.
const chronicStories = 6

func (r *reader) brandInTrouble() *checker.Rule {
	o := r.opts
	// The brand reader (its vocabularies, and its caches of what each
	// brand's news says, which belong to this rule set's news) is built
	// when the rule first runs.
	brandReader := sync.OnceValues(brand.NewReader)
	return &checker.Rule{
		ID:       "news.brand_in_trouble",
		Category: checker.CategoryNews,
		Title:    "Invites the public in while the brand is in negative news",
		Doc: fmt.Sprintf("When the brand is in the news for harm or anger (a crash, an outage, a recall, a data breach, a "+
			"scandal, a lawsuit, a fine, a strike, layoffs or closures, a boycott, price rises, a tax row, a customer "+
			"mistreated on video), a call for engagement hands critics a megaphone (#AskBP during the Gulf oil spill, "+
			"#AskJPM after record fines). The rule reads the news of the past year that names the brand through any "+
			"of its names (aliases, initials, handles, products, people) and reports trouble, as of the scheduled "+
			"time. In the %s before it: an invitation to engage (in the words or in a tag such as #Ask<brand>) or a "+
			"post touching the story's subject (the product recalled, the service that failed, the people involved, "+
			"the trouble's own words) is blocked; a promotion, a joke or a question is reviewed. A brand with %d or "+
			"more negative stories in the past year has its invitations reviewed even in a quiet week.", o.BrandWindow, chronicStories),
		Fix: "Hold engagement campaigns and jokes until the story has passed; answer the criticism first, " +
			"and moderate replies closely if you must post.",
		Since:     "2026.11.0",
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			b := p.Brand()
			br, err := brandReader()
			if err != nil {
				return err
			}
			s, err := br.Standing(p, o.BrandWindow)
			if err != nil || s == nil || len(s.Year) == 0 {
				return err
			}
			t := r.toneOfPass(p)
			invite := append([]text.Span(nil), t.engage...)
			var tags []text.Span
			for _, h := range hashtags(p.Doc) {
				if br.ReadTag(h.Text, b).Invite != "" {
					invite = append(invite, h.Span)
				} else {
					tags = append(tags, h.Span)
				}
			}
			question := questions(p.Doc)
			if !s.InTrouble() {
				sp, ok := firstSpan(invite)
				if !ok || !s.Chronic(chronicStories) {
					return nil
				}
				p.ReportSpan(sp, checker.Finding{Severity: checker.SeverityHigh, Evidence: s.Evidence(false, 3),
					Message: fmt.Sprintf("%s is chronically criticised: %s. An open invitation will collect the criticism.",
						b.Name, s.Memory()),
					Suggestion: "Run the invitation only with moderation ready and answers to the known criticism prepared, or drop it."})
				return nil
			}
			st := s.Recent[0]
			touched, touch, ok := br.FirstTouched(p.Doc, s.Recent)
			if ok {
				st = touched
			}
			what := fmt.Sprintf("%s is in negative news (%s): %s, published %s the scheduled time; %s", b.Name,
				strings.Join(st.Classes, ", "), headline(st.Article), timeAgo(p.At(), st.Article.Published), s.Memory())
			f := checker.Finding{Evidence: s.Evidence(true, 3)}
			var at []text.Span
			switch {
			case len(touch) > 0 && len(invite) == 0 && len(t.promo) == 0 && len(t.light) == 0 && r.account.Contains(p.Doc):
				// Apologising, admitting or offering to listen: the post
				// addresses the story, as the brand should.
				f.Severity, at = checker.SeverityLow, touch
				f.Message = what + ". The post answers the story; make sure it accepts the criticism rather than arguing with it."
				f.Suggestion = "Keep the answer plain and accountable: what happened, what you are doing, no defence of the original."
			case len(touch) > 0:
				f.Severity, at = checker.SeverityCritical, touch
				f.Message = what + ". The post touches the subject of the story and will read as ignoring or mocking it."
				f.Suggestion = "Do not post about this subject while the story runs; address the story itself first."
			case len(invite) > 0:
				f.Severity, at = checker.SeverityCritical, invite
				f.Message = what + ". Inviting the public to respond now hands critics the microphone."
				f.Suggestion = "Do not run an engagement campaign during this story; address the criticism directly first."
			case (len(t.promo) > 0 || len(t.light) > 0) && deadlyStory(&st.Article):
				// People died in the brand's own disaster (its plane, its
				// factory, its product): selling or joking now is the
				// story's next headline.
				f.Severity, at = checker.SeverityCritical, append(append([]text.Span(nil), t.promo...), t.light...)
				f.Message = what + ". People died in it; a cheerful promotion or a joke from the brand now reads as indifference to the dead."
				f.Suggestion = "Hold all promotion; post only about the disaster, its victims and what the brand is doing, until the mourning has passed."
			case len(t.promo) > 0 || len(t.light) > 0 || len(question) > 0 || len(tags) > 0:
				f.Severity, at = checker.SeverityHigh, append(append(append(append([]text.Span(nil), t.promo...), t.light...), question...), tags...)
				f.Message = what + ". Cheerful promotion, jokes, questions and campaign tags read as tone-deaf and invite hijacking."
				f.Suggestion = "Hold the promotion, the joke or the question until the story has passed."
			default:
				f.Severity = checker.SeverityLow
				f.Message = what + ". Expect replies about it."
				f.Suggestion = "Be ready to moderate replies, and avoid anything that could read as ignoring the story."
			}
			if sp, ok := firstSpan(at); ok {
				p.ReportSpan(sp, f)
			} else {
				p.Report(f)
			}
			return nil
		},
	}
}

// deadlyStory reports whether a story about the brand is a deadly
// happening (a crash, an explosion, a collapse, an attack with deaths):
// ingestion graded it a crisis of that kind and grave.
func deadlyStory(a *checker.Article) bool {
	if a == nil || a.Severity < deadlySeverity {
		return false
	}
	switch a.Crisis {
	case checker.CrisisDisaster, checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDeath, checker.CrisisMourning:
		return true
	}
	return false
}

// deadlySeverity is the severity from which ingestion's grading of a
// disaster means deaths on a scale (a crash that killed several).
const deadlySeverity = 0.8

// questions are the sentences of the post that end in a question mark: a
// question to the audience, playful or not.
func questions(d *text.Doc) []text.Span {
	var out []text.Span
	start := 0
	rs := []rune(d.Raw)
	for i, c := range rs {
		switch c {
		case '.', '!', '\n':
			start = i + 1
		case '?':
			for start < i && unicode.IsSpace(rs[start]) {
				start++
			}
			if i > start {
				out = append(out, text.Span{Start: start, End: i + 1})
			}
			start = i + 1
		}
	}
	return out
}
