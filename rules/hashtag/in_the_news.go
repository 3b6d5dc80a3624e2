package hashtag

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

func (p *pack) inTheNews() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.in_the_news",
		Needs:    checker.NeedsHashtags,
		Category: checker.CategoryHashtag,
		Title:    "Hashtag is in crisis news",
		Doc: "A tag that is in the news for a tragedy means that tragedy to everyone reading it: DiGiorno " +
			"joked with #WhyIStayed while abuse survivors were telling their stories under it; a shop used " +
			"#Aurora for a sale on the day of the cinema shooting. The rule looks the tag and its words up in " +
			"the news of the last days (a tragedy, a protest, a verdict, a disaster); a post using it to sell, to " +
			"joke or to ask the public to join in (\"Say #MeToo\", \"share it with #…\") is a hijack and is blocked, " +
			"with the headline as evidence.",
		Fix:       "Drop the tag, or hold the post until you have read what the tag is being used for.",
		Since:     "2026.11.0",
		NeedsNews: true,
		Run:       p.runInTheNews,
	}
}

// tagRead is one distinct tag of a post: its likeliest reading and the
// crisis news it is in.
type tagRead struct {
	arts []checker.Article
	best segment.Reading
	read bool
	// political is the political news the tag is in, looked up when the
	// tag is in no crisis news (politicalHijack); politicalRead says it was.
	political     []checker.Article
	politicalRead bool
}

// runInTheNews reports each tag in crisis news (or, failing that, in
// political or judicial news), reading and looking up each distinct tag
// once: a tag repeated a thousand times costs one search.
func (p *pack) runInTheNews(pass *checker.Pass) error {
	found := map[string]*tagRead{}
	for _, h := range tags(pass) {
		tr, seen := found[h.Text]
		if !seen {
			r, err := p.readTag(pass, h.Text)
			if err != nil {
				return err
			}
			tr = &r
			found[h.Text] = tr
		}
		if !tr.read {
			continue
		}
		if len(tr.arts) == 0 {
			if err := p.politicalHijack(pass, h, tr); err != nil {
				return err
			}
			continue
		}
		pass.ReportSpan(h.Span, p.crisisFinding(pass, h, tr.arts))
	}
	return nil
}

// readTag reads a tag and searches the crisis news of the last NewsHours
// for it.
func (p *pack) readTag(pass *checker.Pass, tag string) (tagRead, error) {
	var tr tagRead
	if err := pass.Context.Err(); err != nil {
		return tr, err
	}
	rs := p.seg.Readings(tag, 1)
	if len(rs) == 0 {
		return tr, nil
	}
	tr.best, tr.read = rs[0], true
	var err error
	tr.arts, err = p.tagNews(pass, tag, rs[0], nil, hours(p.opts.NewsHours))
	return tr, err
}

// crisisFinding grades a tag in crisis news by what the post does with
// it: selling, joking or calling the public to join in is critical, a
// condolence medium, anything else high.
func (p *pack) crisisFinding(pass *checker.Pass, h text.Entity, arts []checker.Article) checker.Finding {
	f := checker.Finding{Severity: checker.SeverityHigh,
		Message:    fmt.Sprintf("#%s is in crisis news: %q.", h.Text, arts[0].Title),
		Suggestion: "Read what #" + h.Text + " is being used for right now; drop it unless the post is about that story.",
		Evidence:   newsEvidence(arts, 3)}
	switch {
	case cue(pass, text.SignalPromotional) || cue(pass, text.SignalLightHearted):
		f.Severity = checker.SeverityCritical
		f.Message += " Using it to sell or joke will read as exploiting the tragedy."
	case cue(pass, text.SignalEngagement) || p.brands.ReadTag(h.Text, pass.Brand()).Invite != "" ||
		p.invitations.read(pass.Doc).campaign[fold(h.Text)]: // "Say #MeToo", "share it with #…"
		f.Severity = checker.SeverityCritical
		f.Message += " Asking the public to join in under it makes the brand part of the story."
	case pass.Doc.Signals.IsCondolence() && p.supportTag(h.Text):
		// A tag of support in a condolence is how people grieve in public
		// (#HumboldtStrong under a message of sympathy).
		f.Severity = checker.SeverityLow
		f.Message = fmt.Sprintf("#%s is the tag of a tragedy in the news (%q); in a message of sympathy it fits, elsewhere it would not.", h.Text, arts[0].Title)
		f.Suggestion = "Keep the post about the people affected."
	case pass.Doc.Signals.IsCondolence():
		f.Severity = checker.SeverityMedium
	}
	return f
}

// supportTag reports whether a tag is one of support: a solidarity
// opening (#PrayFor…) or a word of support beside the name (#…Strong).
func (p *pack) supportTag(body string) bool {
	if p.solidarityTag(fold(body)) {
		return true
	}
	for _, w := range caseParts(body) {
		if p.solidarityWords[w] {
			return true
		}
	}
	tag := fold(body)
	for w := range p.solidarityWords {
		if len(w) >= 5 && len(tag) > len(w) && (strings.HasSuffix(tag, w) || strings.HasPrefix(tag, w)) {
			return true
		}
	}
	return false
}

// politicalHijack reports a tag (or its words) that names a person, place
// or phrase in political or judicial news — a verdict, a disputed
// election, a protest — used to sell, to joke or to rally the brand's
// followers: a hijack that blocks. Used plainly, such a tag is ordinary
// talk about the news and passes.
func (p *pack) politicalHijack(pass *checker.Pass, h text.Entity, tr *tagRead) error {
	sells := cue(pass, text.SignalPromotional) || cue(pass, text.SignalLightHearted)
	joins := cue(pass, text.SignalEngagement) || p.brands.ReadTag(h.Text, pass.Brand()).Invite != ""
	if !sells && !joins {
		return nil
	}
	if !tr.politicalRead {
		// Once per distinct tag: the news and the cues are the post's.
		arts, err := p.politicalNews(pass, h.Text, tr.best, hours(p.opts.NewsHours))
		if err != nil {
			return err
		}
		tr.political, tr.politicalRead = arts, true
	}
	arts := tr.political
	if len(arts) == 0 {
		return nil
	}
	use := "to sell"
	if !sells {
		use = "to ask the public to join in"
	}
	pass.ReportSpan(h.Span, checker.Finding{Severity: checker.SeverityCritical, Evidence: newsEvidence(arts, 3),
		Message: fmt.Sprintf("#%s names what is in political news: %q. Using it %s hijacks the story for the brand.",
			h.Text, arts[0].Title, use),
		Suggestion: "Drop the tag; a brand should not borrow a verdict, an election or a protest for its campaign."})
	return nil
}
