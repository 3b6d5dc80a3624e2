package hashtag

import (
	"fmt"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// invitePrefixes and inviteSuffixes make a brand tag a call for the public
// to speak: #AskBP, #MyNYPD, #WaitroseReasons, #McDStories.
var (
	invitePrefixes = []string{"ask", "my", "dear", "hey", "ilove", "welove", "whyilove", "tell", "meet", "spør", "spor", "min", "mitt", "kjære"}
	inviteSuffixes = []string{"stories", "story", "reasons", "memories", "moments", "experience", "experiences",
		"questions", "question", "qa", "fans", "love", "life", "selfie", "selfies", "photos", "pics", "because",
		"confessions", "why", "live", "chat", "tips", "hacks", "minne", "minner", "historier"}
	// brandNoise are words of a brand's name too generic to stand for it.
	brandNoise = map[string]bool{"the": true, "and": true, "inc": true, "ltd": true, "llc": true, "plc": true,
		"group": true, "records": true, "company": true, "corp": true, "official": true, "music": true,
		"news": true, "store": true, "stores": true, "shop": true, "foods": true, "bank": true, "team": true,
		"global": true, "international": true, "as": true, "asa": true}
)

func (p *pack) hijackRisk() *checker.Rule {
	return &checker.Rule{
		ID:       "hashtag.hijack_risk",
		Category: checker.CategoryHashtag,
		Title:    "Brand hashtag invites a hijack",
		Doc: "A brand tag that asks the public to speak (#AskJPM, #McDStories, #WaitroseReasons, \"tweet us\") " +
			"belongs to whoever uses it: critics, pranksters and people with a grievance arrive first, and the " +
			"brand's campaign becomes a collection of complaints. J.P. Morgan's #AskJPM weeks after record fines " +
			"drew a flood of abuse. When the brand is in negative news, the post is blocked.",
		Fix: "Think how critics would use the tag before launching it; run it only when the brand has no open " +
			"controversy, with moderation ready, or use a tag that does not invite replies.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			keys := brandKeys(pass.Profile.BrandNames(pass.Post))
			engaged := p.cue(pass, "engagement")
			for _, h := range tags(pass) {
				tag := fold(h.Text)
				owned, invite := p.brandTag(tag, keys)
				if len(keys) == 0 && engaged && p.askTag(h.Text) {
					owned, invite = true, true // no brand configured: an #Ask… tag with a call to ask
				}
				if !owned || !(invite || engaged) {
					continue
				}
				f := checker.Finding{Severity: checker.SeverityMedium,
					Message: fmt.Sprintf("#%s invites the public to speak under your brand's tag; critics can use it too.", h.Text),
					Suggestion: "Think how critics would use #" + h.Text + " (complaints, scandals, jokes) before posting; " +
						"have moderation ready or choose a tag that does not invite replies."}
				if invite && engaged {
					f.Severity = checker.SeverityHigh
				}
				arts, err := pass.BrandTrouble(time.Duration(p.opts.TroubleDays) * 24 * time.Hour)
				if err != nil {
					return err
				}
				if len(arts) > 0 {
					f.Severity = checker.SeverityCritical
					f.Message = fmt.Sprintf("#%s invites the public to speak under your brand's tag while the brand is in negative news (%q); expect the tag to be taken over.",
						h.Text, arts[0].Title)
					f.Evidence = newsEvidence(arts, 3)
					f.Suggestion = "Do not launch a call-for-replies tag while the brand is in the news for this; wait until it has passed."
				}
				pass.ReportSpan(h.Span, f)
			}
			return nil
		},
	}
}

// askTag is true for a tag that reads "ask" and a name (#AskJPM), not
// one that starts with other words (#AskingForAFriend).
func (p *pack) askTag(body string) bool {
	rs := p.seg.Readings(body, 1)
	return len(rs) > 0 && len(rs[0].Words) >= 2 && rs[0].Words[0] == "ask"
}

// brandKeys are the folded forms that stand for the brand in a tag: each
// whole name ("robinthicke", "bp"), each significant word of a
// multi-word name ("thicke") and its initials when there are three or more
// ("jpm").
func brandKeys(names []string) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, n := range names {
		add(squash(strings.ToLower(n)))
		ws := strings.FieldsFunc(strings.ToLower(n), func(r rune) bool { return r == ' ' || r == '-' || r == '.' || r == '&' })
		if len(ws) < 2 {
			continue
		}
		var initials strings.Builder
		for _, w := range ws {
			if w = squash(w); w == "" {
				continue
			}
			initials.WriteString(string([]rune(w)[:1]))
			if len(w) >= 4 && !brandNoise[w] {
				add(w)
			}
		}
		if initials.Len() >= 3 {
			add(initials.String()) // "J.P. Morgan" → "jpm"
		}
	}
	return keys
}

// brandTag reports whether tag stands for the brand, and whether its shape
// invites replies (#Ask<Brand>, #My<Brand>, #<Brand>Stories). Keys of
// three letters or fewer must fill the tag with an invitation around them
// (#AskBP, #BPStories, #BP), not just occur in it (#bpm).
func (p *pack) brandTag(tag string, keys []string) (owned, invite bool) {
	for _, k := range keys {
		i := strings.Index(tag, k)
		if i < 0 {
			continue
		}
		pre, post := tag[:i], tag[i+len(k):]
		shaped := contains(invitePrefixes, pre) && post == "" || pre == "" && contains(inviteSuffixes, post) ||
			contains(invitePrefixes, pre) && contains(inviteSuffixes, post)
		if len(k) <= 3 && !shaped && tag != k {
			continue
		}
		owned = true
		invite = invite || shaped
	}
	return owned, invite
}
