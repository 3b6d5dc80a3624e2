package hashtag

import (
	"fmt"
	"slices"
	"strings"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// openInvites are the invitation words that ask the public to speak about
// the brand itself (#McDStories, #WaitroseReasons, #MyNYPD): the answers
// are the campaign, so critics write it too, whatever the brand's record.
// Other invitations (#AskBG, #MeetTheCEO, a Q&A) are risky only for a
// brand with trouble or a record of it.
var openInvites = []string{"stories", "story", "reasons", "memories", "moments", "experience", "experiences",
	"confessions", "because", "why", "my", "dear", "hey", "ilove", "welove", "whyilove", "whyi", "describe",
	"rate", "reviews", "min", "mitt", "mine", "minner", "historier", "hvorfor"}

// chronicStories is how many negative stories in the past year make a
// brand chronically criticised: its call-for-replies tags are high risk
// even in a quiet week (one story is enough for a review).
const chronicStories = 6

func (p *pack) hijackRisk() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.hijack_risk",
		Needs:    checker.NeedsHashtags | checker.NeedsBrand,
		Category: checker.CategoryHashtag,
		Title:    "Brand hashtag invites a hijack",
		Doc: "A brand tag that asks the public to speak (#AskJPM, #McDStories, #WaitroseReasons, #AskBG for British " +
			"Gas) belongs to whoever uses it: critics, pranksters and people with a grievance arrive first, and the " +
			"campaign becomes a collection of complaints. The tag is read on its own: the brand through any of its " +
			"names (initials, run-together, aliases, handles) with Ask, Q&A, Stories, My…, Share, Tell, Why, " +
			"Reasons, Meet, or a sentence for the public to finish. When the brand is in negative news the post is " +
			"blocked; a brand with negative stories in the past year (its reputation memory, as of the scheduled " +
			"time), or a tag asking for stories about the brand itself, is reviewed; a Q&A from a brand with a " +
			"quiet record gets advice.",
		Fix: "Think how critics would use the tag before launching it; run it only when the brand has no open " +
			"controversy, with moderation ready, or use a tag that does not invite replies.",
		Since: "2026.11.0",
		Run:   p.runHijackRisk,
	}
}

// runHijackRisk reports each of the brand's tags that invites the public
// (by its own words, or with the post's call to engage), graded by the
// brand's standing in the news.
func (p *pack) runHijackRisk(pass *checker.Pass) error {
	b := pass.Brand()
	if b == nil {
		return nil
	}
	engaged := cue(pass, text.SignalEngagement)
	for _, h := range tags(pass) {
		own := slices.ContainsFunc(b.Hashtags, func(t string) bool { return fold(t) == fold(h.Text) })
		if !own && !brand.MayCarry(h.Text, b) {
			continue
		}
		tr := p.brands.ReadTag(h.Text, b)
		owned := tr.Brand != nil || own
		if !owned || tr.Invite == "" && !engaged {
			continue
		}
		s, err := p.brands.Standing(pass, hours(24*p.opts.TroubleDays))
		if err != nil {
			return err
		}
		open := slices.Contains(openInvites, tr.Invite) || tr.Prompt
		pass.ReportSpan(h.Span, hijackFinding(h.Text, b, s, open))
	}
	return nil
}

// hijackFinding grades an inviting tag by the brand's standing: critical
// in negative news now, medium or high with a record of it, medium for a
// tag asking for the public's own words about the brand, else advice.
func hijackFinding(tag string, b *checker.Brand, s *brand.Standing, open bool) checker.Finding {
	f := checker.Finding{Severity: checker.SeverityLow,
		Message: fmt.Sprintf("#%s invites the public to speak under %s's tag; critics can use it too.", tag, b.Name),
		Suggestion: "Think how critics would use #" + tag + " (complaints, scandals, jokes) before posting; " +
			"have moderation ready or choose a tag that does not invite replies."}
	switch {
	case s.InTrouble():
		st := s.Recent[0]
		f.Severity = checker.SeverityCritical
		f.Message = fmt.Sprintf("#%s invites the public to speak under %s's tag while the brand is in negative news (%s: %q); expect the tag to be taken over.",
			tag, b.Name, strings.Join(st.Classes, ", "), st.Article.Title)
		f.Evidence = s.Evidence(true, 3)
		f.Suggestion = "Do not launch a call-for-replies tag while the brand is in the news for this; wait until it has passed."
	case s.Chronic(1):
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("#%s invites the public to speak under %s's tag, and critics have material: %s.",
			tag, b.Name, s.Memory())
		if s.Chronic(chronicStories) {
			f.Severity = checker.SeverityHigh
			f.Message = fmt.Sprintf("#%s invites the public to speak under %s's tag, and the brand is often criticised: %s.",
				tag, b.Name, s.Memory())
		}
		f.Evidence = s.Evidence(false, 3)
	case open:
		f.Severity = checker.SeverityMedium
		f.Message = fmt.Sprintf("#%s asks the public for their own words about %s; critics will answer too.", tag, b.Name)
	}
	return f
}
