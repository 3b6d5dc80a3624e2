package news

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// shockClasses are the crises that put a whole country in shock.
var shockClasses = []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
	checker.CrisisMourning, checker.CrisisDeath, checker.CrisisUnrest}

// plugSeverity is how grave an event must be (0–1) for sympathy that doubles
// as a plug to be blocked: a deadly disaster, an attack, a national figure's
// death.
const plugSeverity = 0.6

func (r *reader) audienceInShock() *checker.Rule {
	o := r.opts
	return &checker.Rule{
		ID:       "news.audience_in_shock",
		Category: checker.CategoryNews,
		Title:    "Cheerful promotion while the audience's country is in shock",
		Doc: fmt.Sprintf("The day after a mass-casualty attack, a deadly disaster or the death of a head of state, "+
			"a flash sale or a joke reads as tone-deaf to everyone in that country, even when it mentions nothing "+
			"of the news. The rule weighs each live event by its reach (local, regional, national, international), "+
			"its severity and the audience's proximity (the event's country, a neighbouring or culturally close "+
			"one, far away). A promotional or light-hearted post to the country of a national crisis (severity "+
			"%.2f or more) is held for review until the event is expected to quiet; the same post after a local "+
			"incident, or to a neighbouring country, gets advice; far away it passes. Sympathy that doubles as a "+
			"plug (a product, a link, a discount, the brand's hashtag) is blocked. A price rise (\"fares have "+
			"increased\") to an audience exposed to a deadly event is reviewed as profiting from it. Sober notices "+
			"and condolences alone pass.", o.ShockMinSeverity),
		Fix:       "Postpone the promotion until the event has passed, or pause scheduled posts for the affected region; offer sympathy without a plug, or not at all.",
		Since:     "2026.11.0",
		Kinds:     []checker.Kind{checker.KindPost}, // replies answer one customer, not the country
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			t := r.toneOfPass(p)
			plugged := len(t.condolence) > 0 && (t.links || t.plug || len(t.promo) > 0 || len(t.light) > 0 || brandHashtag(p))
			var tags []text.Entity // other tags on a condolence: a campaign's, unless about the event
			if len(t.condolence) > 0 && !plugged {
				tags = r.otherTags(p, t)
			}
			if !t.selling() && !plugged && len(tags) == 0 {
				return nil
			}
			evs, ok, err := r.events(p)
			if err != nil {
				return err
			}
			if !ok {
				return r.shockFromArticles(p, t)
			}
			regions := checker.NormaliseRegions(p.Post.Regions)
			var best *checker.Finding
			var bestTag text.Entity
			var bestTagged bool
			for _, ev := range evs {
				if !harmful(ev) {
					continue
				}
				prox := r.prox.of(regions, ev)
				if prox == ProximityFar && !(plugged && unplaced(ev)) {
					// Sympathy that sells speaks of a tragedy itself: one
					// whose country is unknown may be the audience's.
					continue
				}
				tag, tagged := campaignTag(tags, ev)
				if !t.selling() && !plugged && !tagged {
					continue // a condolence whose tags are about this event
				}
				f := r.shockFinding(p, t, plugged, tag, prox, ev)
				if f != nil && (best == nil || f.Severity > best.Severity) {
					best, bestTag, bestTagged = f, tag, tagged
				}
			}
			if best == nil {
				return nil
			}
			var spans []text.Span
			switch {
			case plugged:
				spans = t.condolence
			case bestTagged:
				spans = []text.Span{bestTag.Span}
			}
			if s, ok := firstSpan(t.promo, t.light, t.priceRise, spans); ok {
				p.ReportSpan(s, *best)
			} else {
				p.Report(*best)
			}
			return nil
		},
	}
}

// shockFinding weighs one event against the post: nil when it passes.
func (r *reader) shockFinding(p *checker.Pass, t tone, plugged bool, tag text.Entity, prox Proximity, ev checker.Event) *checker.Finding {
	o := r.opts
	at := p.At()
	// The shock lasts the shock window after the first report; an
	// exceptional event (fifty or more dead, or the gravest news widely
	// covered) keeps it until its estimated end, a week at most.
	hold := shockEnd(ev, o.ShockWindow, ev.Toll >= 50 || (ev.Severity >= 0.95 && ev.Articles >= 3))
	fresh := at.Before(hold)
	grave := ev.Severity >= o.ShockMinSeverity
	what := describe(ev, at)
	f := &checker.Finding{Evidence: eventEvidence(ev)}
	switch {
	case len(t.priceRise) > 0 && ev.Severity >= plugSeverity && exposed(prox, ev) && fresh:
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("The post raises prices while its audience is living through %s: it reads as profiting from the tragedy.", what)
		if len(t.condolence) > 0 {
			f.Severity = checker.SeverityCritical
			f.Message += " Sympathy in the same breath makes it worse."
		}
		f.Suggestion = fmt.Sprintf("Hold the price rise (and the post) until %s; if people need the service to get to safety, say what you do to help.", hold.UTC().Format("Mon 2 Jan 15:04 UTC"))
	case plugged && (ev.Severity >= plugSeverity || mourned(ev)) && (exposed(prox, ev) || unplaced(ev)):
		f.Severity = checker.SeverityCritical
		f.Message = fmt.Sprintf("The post offers sympathy about %s and, in the same breath, promotes: a link, a product, a discount or the brand's hashtag. Sympathy as a lead-in to a plug reads as using the tragedy.", what)
		f.Suggestion = "Offer sympathy alone, with no link, product or brand hashtag, or say nothing."
	case tag.Text != "" && ev.Severity >= plugSeverity && exposed(prox, ev):
		// Sympathy filed under a campaign's tag (#Holiday15Deals): the
		// tag is not about the event, so it can only be the brand's.
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("The post offers sympathy about %s under the hashtag #%s, which is not about the event: a campaign's tag on a condolence turns it into a plug.", what, tag.Text)
		f.Suggestion = "Offer sympathy alone, without the campaign's hashtag, or say nothing; post the campaign another day."
	case prox == ProximityHome && grave && fresh && ev.Reach >= checker.ReachNational:
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("The audience (%s) is living through %s. A %s post now reads as tone-deaf.",
			audienceName(p, ev), what, toneName(t))
		if nationalShock(ev) && (len(t.promo) > 0 || len(t.light) > 0) {
			// The country is in mourning for a mass-casualty event: a
			// cheerful sale or a joke there is not published at all.
			f.Severity = checker.SeverityCritical
			f.Message = fmt.Sprintf("The audience (%s) is in mourning for %s. A %s post now will be read as indifference to the dead.",
				audienceName(p, ev), what, toneName(t))
		}
		f.Suggestion = fmt.Sprintf("Hold the post until %s, or pause the campaign in this region.", hold.UTC().Format("Mon 2 Jan 15:04 UTC"))
	case prox == ProximityHome && grave:
		f.Severity = checker.SeverityLow
		f.Message = fmt.Sprintf("There is %s news in the audience's country: %s. It is unlikely to touch most of the audience, but check the post does not read as a comment on it.", ev.Reach, what)
		f.Suggestion = "Consider leaving out the affected area, or holding the post a day."
	case prox == ProximityNear && grave && ev.Reach >= checker.ReachNational:
		f.Severity = checker.SeverityLow
		f.Message = fmt.Sprintf("A neighbouring country is living through %s; the audience (%s) is close to it.", what, strings.Join(checker.NormaliseRegions(p.Post.Regions), ", "))
		f.Suggestion = fmt.Sprintf("Make sure the post cannot read as a comment on it; hold it until %s if it could.", holdUntil(ev))
	default:
		return nil
	}
	return f
}

// shockEnd is when an event stops holding its country in shock: the
// shock window after the first report, or, for an exceptional event, its
// estimated end, but never more than a week: after that the country
// mourns but is no longer stunned.
func shockEnd(ev checker.Event, window time.Duration, exceptional bool) time.Time {
	hold := ev.First.Add(window)
	switch {
	case ev.Mourned:
		// Declared mourning holds the country until the event's end.
		hold = ev.Until
	case exceptional:
		hold = ev.First.Add(maxShock)
	}
	if hold.After(ev.Until) {
		hold = ev.Until
	}
	return hold
}

// maxShock caps how long an event keeps its country in shock.
const maxShock = 7 * 24 * time.Hour

// unplaced reports whether the coverage never says where an event
// happened (a figure's death reported without a country).
func unplaced(ev checker.Event) bool { return len(ev.Countries) == 0 }

// mourned reports whether an event is a death or a mourning: a tribute
// that sells on it uses the dead, however few.
// nationalShock reports whether an event is one a whole country mourns
// for its many dead: fifty or more, or national mourning declared for ten
// or more (a public figure's death, mourned by a nation, is not a shock of
// that kind: cheer then is reviewed, not stopped).
func nationalShock(ev checker.Event) bool {
	return ev.Toll >= 50 || ev.Class == checker.CrisisMourning && ev.Toll >= 10
}

func mourned(ev checker.Event) bool {
	return ev.Class == checker.CrisisDeath || ev.Class == checker.CrisisMourning
}

func audienceName(p *checker.Pass, ev checker.Event) string {
	if ev.Reach == checker.ReachInternational {
		return "everyone"
	}
	return strings.Join(checker.NormaliseRegions(p.Post.Regions), ", ")
}

// brandHashtag reports whether the post carries the brand's own hashtag
// (#Acme, #AcmeSale): sympathy under a brand tag is a plug.
func brandHashtag(p *checker.Pass) bool {
	for _, h := range hashtags(p.Doc) {
		body := strings.ToLower(h.Text)
		for _, n := range p.Profile.BrandNames(p.Post) {
			var b strings.Builder
			for _, r := range strings.ToLower(n) {
				if r != ' ' && r != '-' && r != '.' && r != '\'' {
					b.WriteRune(r)
				}
			}
			if k := b.String(); len(k) >= 3 && strings.Contains(body, k) {
				return true
			}
		}
	}
	return false
}

// shockFromArticles is the rule on a news source that does not group
// events: a grave crisis article about the audience's country in the shock
// window holds a cheerful post.
func (r *reader) shockFromArticles(p *checker.Pass, t tone) error {
	o := r.opts
	if len(p.Post.Regions) == 0 || !t.selling() {
		return nil
	}
	arts, err := p.News.Search(p.Context, checker.NewsQuery{At: p.At(), Window: o.ShockWindow,
		Regions: p.Post.Regions, Classes: shockClasses, MinSeverity: o.ShockMinSeverity, Limit: 3})
	if err != nil {
		return fmt.Errorf("news index: %w", err)
	}
	if len(arts) == 0 {
		return nil
	}
	a := arts[0]
	f := checker.Finding{
		Severity: checker.SeverityHigh,
		Message: fmt.Sprintf("The audience in %s is living through a major crisis: %s, published %s the scheduled time. "+
			"A promotional or light-hearted post now reads as tone-deaf.",
			strings.Join(a.Regions, ", "), headline(a), timeAgo(p.At(), a.Published)),
		Suggestion: "Postpone the post until the news has passed, or pause the campaign in this region.",
		Evidence:   evidence(arts, 3),
	}
	if s, ok := firstSpan(t.promo, t.light); ok {
		p.ReportSpan(s, f)
	} else {
		p.Report(f)
	}
	return nil
}

// otherTags returns the hashtags of a condolence post that are neither
// sympathy, help or remembrance (#PrayForX, #XStrong, data/words.yaml) nor
// part of the condolence itself: candidates for a campaign's tag, to be
// weighed against each event (campaignTag).
func (r *reader) otherTags(p *checker.Pass, t tone) []text.Entity {
	var out []text.Entity
	for _, h := range hashtags(p.Doc) {
		if overlapsAny(t.condolence, h.Span) {
			continue
		}
		body := tagKey(h.Text)
		if len(body) < 3 {
			continue
		}
		sympathy := false
		for _, w := range r.sympathyTag {
			if strings.Contains(body, w) {
				sympathy = true
				break
			}
		}
		if !sympathy {
			out = append(out, h)
		}
	}
	return out
}

// campaignTag returns the first of tags that is not about ev: it names
// none of the event's places or names, none of its kinds and none of its
// salient words, and is no part of its headlines. A tag about the event (#Newtown, #BostonMarathon,
// #QuakeRelief) is the audience's own.
func campaignTag(tags []text.Entity, ev checker.Event) (text.Entity, bool) {
	if len(tags) == 0 {
		return text.Entity{}, false
	}
	var keys []string
	add := func(s string) {
		if k := tagKey(s); len(k) >= 4 {
			keys = append(keys, k)
		}
	}
	for _, n := range ev.Places {
		add(n)
	}
	for _, n := range ev.Names {
		add(n)
	}
	for _, k := range ev.Kinds {
		add(k)
	}
	for i, v := range ev.Vocabulary {
		if i == 15 {
			break
		}
		add(v.Stem)
	}
	// The coverage's own words: a tag that is part of a headline
	// (#Prince, #QueenElizabeth) names the event.
	var heads []string
	heads = append(heads, tagKey(ev.Headline))
	for _, a := range ev.Evidence {
		heads = append(heads, tagKey(a.Title))
	}
	for _, h := range tags {
		body := tagKey(h.Text)
		related := false
		for _, k := range keys {
			if strings.Contains(body, k) || (len(body) >= 4 && strings.Contains(k, body)) {
				related = true
				break
			}
		}
		for _, hd := range heads {
			if related {
				break
			}
			related = len(body) >= 4 && strings.Contains(hd, body)
		}
		if !related {
			return h, true
		}
	}
	return text.Entity{}, false
}

// tagKey folds a tag or a name to lower-case letters and digits, the way
// a hashtag runs words together.
func tagKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
