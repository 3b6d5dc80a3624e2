package calendar

import (
	"fmt"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// commemorationCue is a day that commemorates a people's history (their
// emancipation, a civil-rights leader): greeted, often a day off, but a
// product made in its name ("Juneteenth ice cream", "MLK Day sale")
// reads as selling it.
type commemorationCue struct {
	// Names are how posts name the day.
	Names []string `yaml:"names"`
	// Lead is how many days before the day a product in its name still
	// counts: editions are launched weeks ahead.
	Lead int `yaml:"lead"`
	// Suggestion is what to post instead.
	Suggestion string `yaml:"suggestion"`
}

// runCommemoration reports a post that makes a commemoration day into a
// product or an offer: the day's name beside goods ("Juneteenth ice
// cream", "MLK Day collection") or beside an offer, from Lead days before
// the day until ReferenceDays after it, in a region that keeps the day.
// Reviewed, not blocked: a sincere tribute edition exists, and a human
// should judge it.
func runCommemoration(p *checker.Pass, opts Options, lex *lexicon, cache *indexCache) {
	if len(lex.commemorations) == 0 || p.Post.Kind == checker.KindReply {
		return
	}
	names := lex.commemorationNames.find(p.Doc)
	if len(names) == 0 {
		return
	}
	at := p.At()
	var goods []hit
	goodsRead := false
	var sig *signals
	for _, h := range names {
		c := lex.commemorations[h.key]
		for _, region := range audience(p, opts) {
			idx := cache.get(p.Calendar, region, at)
			obs := idx.byID[h.key]
			if len(obs) == 0 {
				continue
			}
			o := nearest(obs, at)
			lead := time.Duration(max(c.Lead, opts.ReferenceDays)) * 24 * time.Hour
			after := time.Duration(opts.ReferenceDays) * 24 * time.Hour
			if at.Before(o.Start.Add(-lead)) || !at.Before(o.End.Add(after)) {
				continue
			}
			if !goodsRead {
				goods, goodsRead = lex.merch.find(p.Doc), true
			}
			what := ""
			for _, g := range goods {
				// The goods right after the name ("Juneteenth ice cream",
				// "MLK Day sneakers"), or a line the day names ("... Edition").
				if g.first > h.last && g.first <= h.last+2 || g.last < h.first && g.last >= h.first-2 {
					what = fmt.Sprintf("%q beside it", p.Doc.Slice(g.span))
					break
				}
			}
			if what == "" {
				if sig == nil {
					s := readSignals(p, lex)
					sig = &s
				}
				if len(sig.promo) > 0 {
					what = fmt.Sprintf("the offer %q", p.Doc.Slice(sig.promo[0]))
				}
			}
			if what == "" {
				continue
			}
			fix := c.Suggestion
			if fix == "" {
				fix = "Mark the day without a product or an offer in its name."
			}
			p.ReportSpan(h.span, checker.Finding{Severity: opts.Severity.SolemnPromo,
				Message: fmt.Sprintf("The post makes %q a product, with %s, %s %s: a day that commemorates a people's history reads as sold.",
					p.Doc.Slice(h.span), what, relativeTo(o, at), dayLabel(o)),
				Suggestion: fix, Evidence: []checker.Evidence{evidence(o)}})
			return
		}
	}
}
