package news

import (
	"fmt"
	"strings"

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
			if !t.selling() && !plugged {
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
			for _, ev := range evs {
				if !harmful(ev) {
					continue
				}
				prox := r.prox.of(regions, ev)
				if prox == ProximityFar {
					continue
				}
				f := r.shockFinding(p, t, plugged, prox, ev)
				if f != nil && (best == nil || f.Severity > best.Severity) {
					best = f
				}
			}
			if best == nil {
				return nil
			}
			var spans []text.Span
			if plugged {
				spans = t.condolence
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
func (r *reader) shockFinding(p *checker.Pass, t tone, plugged bool, prox Proximity, ev checker.Event) *checker.Finding {
	o := r.opts
	at := p.At()
	// The shock lasts the shock window after the first report; an
	// exceptional event (fifty or more dead, or the gravest news widely
	// covered) keeps it until its estimated end.
	hold := ev.First.Add(o.ShockWindow)
	if ev.Toll >= 50 || (ev.Severity >= 0.95 && ev.Articles >= 3) {
		hold = ev.Until
	}
	if hold.After(ev.Until) {
		hold = ev.Until
	}
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
	case plugged && ev.Severity >= plugSeverity && exposed(prox, ev):
		f.Severity = checker.SeverityCritical
		f.Message = fmt.Sprintf("The post offers sympathy about %s and, in the same breath, promotes: a link, a product, a discount or the brand's hashtag. Sympathy as a lead-in to a plug reads as using the tragedy.", what)
		f.Suggestion = "Offer sympathy alone, with no link, product or brand hashtag, or say nothing."
	case prox == ProximityHome && grave && fresh && ev.Reach >= checker.ReachNational:
		f.Severity = checker.SeverityHigh
		f.Message = fmt.Sprintf("The audience (%s) is living through %s. A %s post now reads as tone-deaf.",
			audienceName(p, ev), what, toneName(t))
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
