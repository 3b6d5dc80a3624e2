package calendar

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

const solemnDayDoc = `A brand that sells or jokes on a day of mourning or fasting looks as if it
has not noticed what the day is, and a brand that puts its name or products
on the day ("Take a moment to remember #PearlHarbor with us" beside a mascot,
"Twin Tower sale ... We'll never forget") is seen as profiting from the dead.
The rule looks at the solemn and fasting days in force in each audience
region at the scheduled time (9/11, Memorial Day, Remembrance Day, Anzac Day,
Yom Kippur, Norway's 22 July, Good Friday where it is kept as a quiet day, the
company's own solemn days): a promotional or light-hearted post on such a day,
or a cheerful greeting for some other occasion ("Happy Sunday!" on Nagasaki's
day of remembrance), is sent for review; a post that names the day or its
symbols together with an offer or the brand is blocked, also when the day is
a few days away (two weeks for a day with a season of its own, as the poppy
appeal before Remembrance Day). An offer there is also a freebie
("complimentary coffee and muffins in remembrance of 9/11", "10 free wings
#MemorialDay"), a price, or a call to buy or taste a product ("Treat yourself
to ...", "Now in all restaurants"); a call to indulge ("enjoy the sweeter
things today, and remember ..."), a campaign frame ("make your own profile
picture") or the brand's goods in the picture beside the day is reviewed.
Days a region's minority community keeps (Yom Kippur in the US) get lower
severities. Fasts are weighed by how widely the audience keeps them (the
calendar's weight, from population data): where most keep the fast, party
and alcohol content is blocked and a food or drink promotion, or a dare to
eat or drink, during the fasting hours (dawn to sunset in Ramadan) is
reviewed; where a minority
keeps it, ordinary content gets advice at most and only a post that names
the fast to sell, or greets it wrongly, is flagged. Where the law forbids
eating in public in the fasting hours (Saudi Arabia, Kuwait, Pakistan ...),
that food promotion is blocked.

Three things make a post on a solemn day worse than tone-deaf, and are
blocked: a sale or a party on a day a nation mourns the mass killing of
its own people (a genocide's remembrance, the Nanjing Massacre, Holodomor), where the
country keeps the day; an offer that names the clock time of the day's
national silence ("Tonight at 20:00 ..." on the Dutch 4 May, "at 11am" on
Remembrance Day, "8時15分から" on Hiroshima's day); and a word that echoes
how the day's dead died, beside an offer on the day ("prices that shake"
on Mexico's earthquake day, "bomb deals" on the anniversary of a bombing,
the bombed station's name). A day that commemorates a people's history
(Juneteenth, MLK Day) made into a product or an offer ("Juneteenth ice
cream", "MLK Day sale"), weeks ahead for a product launch, is reviewed.`

func solemnDayRule(opts Options, lex *lexicon, idx *indexCache) *checker.Rule {
	return &checker.Rule{
		ID:            "calendar.solemn_day",
		Category:      checker.CategoryCalendar,
		Title:         "Promotion or levity on a solemn day",
		Doc:           solemnDayDoc,
		Fix:           "Move the promotion to another day, or replace the post with a plain, respectful message that carries no offer, product or mascot.",
		Since:         "2026.11.0",
		NeedsCalendar: true,
		Run: func(p *checker.Pass) error {
			if !runSolemnDay(p, opts, lex, idx) {
				runCommemoration(p, opts, lex, idx)
			}
			return nil
		},
	}
}

type solemnFinding struct {
	sev  checker.Severity
	span text.Span
	alt  int // as hit.alt
	msg  string
	o    checker.Observance
	fix  string
}

// runSolemnDay reports the post's gravest finding on a solemn day, and
// whether there was one.
func runSolemnDay(p *checker.Pass, opts Options, lex *lexicon, cache *indexCache) bool {
	at := p.At()
	window := time.Duration(opts.ReferenceDays) * 24 * time.Hour
	var sig *signals
	var mentions map[string][]hit
	var best map[string]*solemnFinding // by day id
	var order []string
	for _, region := range audience(p, opts) {
		idx := cache.get(p.Calendar, region, at)
		for _, o := range idx.solemn {
			before := window
			if lead := time.Duration(lex.solemn[o.ID].Lead) * 24 * time.Hour; lead > before {
				before = lead
			}
			if at.Before(o.Start.Add(-before)) || !at.Before(o.End.Add(window)) {
				continue
			}
			if mentions == nil {
				mentions = map[string][]hit{}
				for _, h := range idx.names.find(p.Doc) {
					mentions[h.key] = append(mentions[h.key], h)
				}
				// The day named in an image's alt text ("mascot holding
				// a flag at Pearl Harbor") ties it to the post as well.
				for i, alt := range p.Alts {
					if alt == nil || alt.Raw == "" {
						continue
					}
					for _, h := range idx.names.find(alt) {
						h.alt = i + 1
						mentions[h.key] = append(mentions[h.key], h)
					}
				}
			}
			ms := mentions[o.ID]
			now := inForce(o, at)
			if now {
				ms = append(ms, mentions[weakKey+o.ID]...)
			}
			if len(ms) == 0 && !now {
				continue // a day nearby that the post does not name
			}
			if sig == nil {
				s := readSignals(p, lex)
				sig = &s
			}
			f := judgeSolemn(p, o, at, ms, sig, opts, lex)
			if f == nil {
				continue
			}
			if best == nil {
				best = map[string]*solemnFinding{}
			}
			if prev, ok := best[o.ID]; !ok || f.sev > prev.sev {
				if !ok {
					order = append(order, o.ID)
				}
				best[o.ID] = f
			}
		}
		mentions = nil // names differ by region (local names)
	}
	if len(order) == 0 {
		return false
	}
	// One finding per post: the most serious, and of equals the day in
	// force or nearest; the other days it touches are cited as evidence
	// (Remembrance Sunday and Remembrance Day in the same week).
	fs := make([]*solemnFinding, 0, len(order))
	for _, id := range order {
		fs = append(fs, best[id])
	}
	dist := func(f *solemnFinding) time.Duration {
		switch {
		case inForce(f.o, at):
			return 0
		case at.Before(f.o.Start):
			return f.o.Start.Sub(at)
		}
		return at.Sub(f.o.End)
	}
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].sev != fs[j].sev {
			return fs[i].sev > fs[j].sev
		}
		return dist(fs[i]) < dist(fs[j])
	})
	f := fs[0]
	ev := make([]checker.Evidence, 0, len(fs))
	for _, g := range fs {
		ev = append(ev, evidence(g.o))
	}
	fd := checker.Finding{Severity: f.sev, Message: f.msg, Suggestion: f.fix, Evidence: ev}
	if f.alt > 0 {
		p.ReportAlt(f.alt-1, f.span, fd)
	} else {
		p.ReportSpan(f.span, fd)
	}
	return true
}

func judgeSolemn(p *checker.Pass, o checker.Observance, at time.Time, mentions []hit, sig *signals, opts Options, lex *lexicon) *solemnFinding {
	minority := o.Weight < opts.MinorityWeight
	now := inForce(o, at)
	fix := lex.solemn[o.ID].Suggestion
	if fix == "" {
		fix = "Keep " + o.Name + " free of offers and jokes; post a plain, respectful message or nothing."
	}
	label := dayLabel(o)
	long := o.End.Sub(o.Start) > 72*time.Hour
	offer := len(sig.promo) > 0 || len(sig.offer) > 0
	// In a day's lead, before the reference window, only an offer, a tie
	// or a campaign frame counts: the brand's name beside a poppy in late
	// October is the appeal season, not a tie.
	early := at.Before(o.Start.Add(-time.Duration(opts.ReferenceDays) * 24 * time.Hour))
	if early && !offer && len(sig.tie) == 0 && len(sig.softTie) == 0 {
		return nil
	}
	if len(mentions) > 0 {
		if f := forbiddenTie(p, o, at, mentions, sig, opts, fix, minority); f != nil {
			return f
		}
	}
	if len(mentions) > 0 && !long && (offer || len(sig.tie) > 0 || len(sig.brand) > 0 || len(sig.softTie) > 0 || len(sig.indulge) > 0 || len(sig.altGoods) > 0) {
		sev := opts.Severity.SolemnTie
		if !offer && len(sig.tie) == 0 {
			// Only the brand's name beside the day ("Northway remembers
			// ..."), an invitation ("join us for two minutes' silence",
			// "make your own profile picture"), a call to indulge
			// ("enjoy the sweeter things today, and remember ...") or
			// food or goods in the picture: sometimes a sincere
			// commemoration, for review rather than block.
			sev = min(sev, opts.Severity.SolemnPromo)
		}
		if len(sig.charity) > 0 {
			// Selling for the cause (poppy pins, proceeds to veterans):
			// a human should look, but it is not profiteering.
			sev = min(sev, opts.Severity.SolemnPromo)
		}
		// A national day of mourning tied to a sale is blocked however
		// widely it is kept; a minority community's religious day gets
		// a review.
		if minority && o.Kind != checker.DaySolemn {
			sev = opts.Severity.MinorityTie
		}
		if m := lex.solemn[o.ID].Max; m != "" {
			if ms, err := checker.ParseSeverity(m); err == nil && sev > ms {
				sev = ms
			}
		}
		what := "the brand"
		switch {
		case offer:
			what = "an offer"
		case len(sig.tie) > 0 || len(sig.brand) > 0 || len(sig.softTie) > 0:
		case len(sig.indulge) > 0:
			what = "a call to indulge"
		case len(sig.altGoods) > 0:
			what = "the goods in its picture"
		}
		when := relativeTo(o, at)
		m := mentions[0]
		quoted := p.Doc.Slice(m.span)
		if m.alt > 0 {
			quoted = p.Alts[m.alt-1].Slice(m.span)
		}
		msg := fmt.Sprintf("The post ties %q to %s %s %s: using a day of %s to sell or to promote the brand reads as profiting from it.",
			quoted, what, when, label, mourningOrFasting(o))
		if len(sig.charity) > 0 {
			msg = fmt.Sprintf("The post ties %q to %s %s %s, for a cause: check that it honours the day rather than the brand.",
				quoted, what, when, label)
		}
		return &solemnFinding{sev: sev, span: m.span, alt: m.alt, o: o, fix: fix, msg: msg}
	}
	if len(mentions) > 0 && !long && !lex.solemn[o.ID].Greet && (len(sig.party) > 0 || len(sig.nightlife) > 0) {
		// Drink or party content in the day's own name ("champagne
		// popsicles this #MemorialDay"): levity on a day of mourning
		// that the post cannot claim not to have noticed.
		cue := sig.nightlife
		if len(cue) == 0 {
			cue = sig.party
		}
		sev := opts.Severity.SolemnPromo
		if minority && o.Kind != checker.DaySolemn {
			sev = opts.Severity.MinorityPromo
		}
		if m := lex.solemn[o.ID].Max; m != "" {
			if ms, err := checker.ParseSeverity(m); err == nil && sev > ms {
				sev = ms
			}
		}
		m := mentions[0]
		quoted := p.Doc.Slice(m.span)
		if m.alt > 0 {
			quoted = p.Alts[m.alt-1].Slice(m.span)
		}
		return &solemnFinding{sev: sev, span: m.span, alt: m.alt, o: o, fix: fix,
			msg: fmt.Sprintf("The post puts %q beside %q %s %s, a day of %s: levity in the day's own name reads as tone-deaf.",
				p.Doc.Slice(cue[0]), quoted, relativeTo(o, at), label, mourningOrFasting(o))}
	}
	if long && o.Tone == checker.ToneFasting && len(mentions) > 0 && len(sig.nightlife) > 0 {
		// Party or drink sold in the name of a month of fasting mocks it,
		// wherever the audience is.
		sev := opts.Severity.FastParty
		if minority {
			sev = opts.Severity.MinorityTie
		}
		if m := lex.solemn[o.ID].Max; m != "" {
			// A festival that is a fast too (Navratri's garba nights).
			if ms, err := checker.ParseSeverity(m); err == nil && sev > ms {
				sev = ms
			}
		}
		return &solemnFinding{sev: sev, span: mentions[0].span, alt: mentions[0].alt, o: o, fix: fix,
			msg: fmt.Sprintf("The post ties %q to party or alcohol content %s %s, a fast: it reads as mocking the people keeping it.",
				p.Doc.Slice(mentions[0].span), relativeTo(o, at), label)}
	}
	// Promotion or levity on the day without naming it: posts only (a
	// customer-care reply that jokes is not a campaign on the day).
	if !now || o.Weight < opts.MinWeight || lex.solemn[o.ID].NamedOnly || p.Post.Kind == checker.KindReply {
		return nil
	}
	if o.Tone == checker.ToneFasting {
		return judgeFast(o, at, sig, opts, lex, fix, label, minority)
	}
	var cue []text.Span
	var what string
	// A post that names a day people greet ("Happy Vesak Day to all who
	// celebrate", "Selamat Hari Raya Nyepi") is greeting it: its cheer is
	// the greeting rules' to judge, its offers are still this rule's.
	greets := len(mentions) > 0 && lex.solemn[o.ID].Greet
	switch {
	case len(sig.party) > 0 && !greets:
		cue, what = sig.party, "a light-hearted post"
	case len(sig.promo) > 0:
		cue, what = sig.promo, "a promotion"
	case len(sig.cheer) > 0 && len(mentions) == 0 && o.Weight >= opts.StopWeight:
		// "Happy Sunday!" on a day of mourning the country stops for:
		// a greeting for another occasion ("Happy Memorial Day" is the
		// greeting rule's).
		cue, what = sig.cheer, "a cheerful greeting"
	case len(sig.offer) > 0 && o.Weight >= opts.StopWeight:
		// A freebie or a call to try a product is an offer too on a day
		// the country stops for; on a day fewer people mark, only plain
		// selling words count.
		cue, what = sig.offer, "a promotion"
	}
	if len(cue) == 0 {
		return nil
	}
	if food := forbiddenOn(sig, o.ID); food != nil && !minority && (len(sig.promo) > 0 || len(sig.offer) > 0) {
		// Meat sold on Good Friday where most of the audience abstains
		// from it that day, without naming the day.
		return &solemnFinding{sev: opts.Severity.SolemnPromo, span: food.span, o: o, fix: fix,
			msg: fmt.Sprintf("%q is sold on %s, when most of the audience abstains from it: the offer reads as disregarding the day.",
				p.Doc.Slice(food.span), label)}
	}
	sev := opts.Severity.SolemnPromo
	day := "a solemn day"
	switch {
	case minority && (o.Kind == checker.DaySolemn || o.Kind == checker.DayCompany):
		// A national remembrance kept less widely is still the nation's.
		sev, day = opts.Severity.LesserSolemn, day+" kept by part of the audience"
	case minority && o.Kind == checker.DayReligious:
		sev, day = opts.Severity.MinorityPromo, "a religious day kept by part of the audience"
	case minority:
		// A public holiday kept less widely (Good Friday where most do
		// not go to church, Veterans Day where it is a day of sales).
		sev, day = opts.Severity.MinorityPromo, "a day kept by part of the audience"
	}
	if !minority {
		// Only where the country stops for the silence (the stop
		// weight): a sale "from 11 am" on India's Martyrs' Day, whose
		// silence few keep, stays a review.
		if span, hhmm, ok := timedToSilence(p, o, at, lex); ok && o.Weight >= opts.StopWeight {
			// "Tonight at 20:00 the party starts" on the Dutch day of
			// remembrance: the offer lands in the two minutes' silence.
			return &solemnFinding{sev: opts.Severity.Grave, span: span, o: o, fix: fix,
				msg: fmt.Sprintf("%s timed to %s on %s, when the country stops for a silence: it reads as breaking the silence to sell.", capitalise(what), hhmm, label)}
		}
		if lex.solemn[o.ID].Grave && o.Weight >= opts.StopWeight && sellsOrParties(sig) {
			// A genocide or a massacre mourned by the nation whose
			// people were killed: nothing is sold or celebrated that day.
			return &solemnFinding{sev: opts.Severity.Grave, span: cue[0], o: o, fix: fix,
				msg: fmt.Sprintf("%s scheduled on %s, the day the country mourns the mass killing of its people: a sale or a party that day reads as contempt for the dead.", capitalise(what), label)}
		}
	}
	return &solemnFinding{sev: sev, span: cue[0], o: o, fix: fix,
		msg: fmt.Sprintf("%s scheduled on %s, %s: it can read as tone-deaf.", capitalise(what), label, day)}
}

// sellsOrParties reports whether a post sells or invites to a party: a
// selling word, an offer, drink or nightlife, or light-hearted words other
// than a greeting's ("Happy Sunday, everyone!" is tone-deaf on a day of
// mourning, but it is not a celebration of it).
func sellsOrParties(sig *signals) bool {
	if len(sig.promo) > 0 || len(sig.offer) > 0 || len(sig.nightlife) > 0 {
		return true
	}
	for _, s := range sig.party {
		inCheer := false
		for _, c := range sig.cheer {
			if s.Start < c.End && c.Start < s.End {
				inCheer = true
				break
			}
		}
		if !inCheer {
			return true
		}
	}
	return false
}

// timedToSilence reports whether a post on day o names the clock time of
// the day's national silence ("Tonight at 20:00 ...", "8時15分から"): the
// offer is set in the silence. span is the written time, hhmm the silence
// time. A post that merely goes out at that time is not counted: the
// audience reads the words, not the schedule.
func timedToSilence(p *checker.Pass, o checker.Observance, at time.Time, lex *lexicon) (text.Span, string, bool) {
	times := lex.silence[o.ID]
	if len(times) == 0 || !inForce(o, at) {
		return text.Span{}, "", false
	}
	written := clockTimes(p.Doc.Raw)
	for _, t := range times {
		for _, c := range written {
			if c.at(t) {
				return c.span, fmt.Sprintf("%02d:%02d", t/60, t%60), true
			}
		}
	}
	return text.Span{}, "", false
}

// judgeFast weighs ordinary content on a fast by how widely the audience
// keeps it. Where most keep it (Ramadan in SA, Yom Kippur in IL), party and
// alcohol content is out of place all day and night and a food or drink
// promotion while people are fasting (dawn to sunset for Ramadan, all day
// for Yom Kippur) is reviewed; an iftar offer after sunset is not. Where a
// minority keeps it, such content is advice at most: only a post that
// names the fast to sell, mocks it or greets it wrongly (the tie and
// greeting checks) is more.
func judgeFast(o checker.Observance, at time.Time, sig *signals, opts Options, lex *lexicon, fix, label string, minority bool) *solemnFinding {
	fasting := duringFast(o, at, lex.solemn[o.ID].FastHours)
	// A price is an offer too ("burger and fries for 5 dinars").
	promoted := len(sig.promo) > 0 || len(sig.party) > 0 || len(sig.offer) > 0
	var cue []text.Span
	var what string
	var sev checker.Severity
	switch {
	case len(sig.nightlife) > 0:
		cue, what, sev = sig.nightlife, "party or alcohol content", opts.Severity.FastParty
	case fasting && len(sig.food) > 0 && promoted:
		cue, what, sev = sig.food, "a food and drink promotion", opts.Severity.FastFood
	case fasting && len(sig.food) > 0 && len(sig.engage) > 0:
		// "Retweet if you have already drunk a litre today": a dare to
		// eat or drink, asked of people who are fasting.
		cue, what, sev = sig.food, "a dare to eat or drink", opts.Severity.FastFood
	case fasting && promoted && o.End.Sub(o.Start) <= 72*time.Hour:
		// A one-day fast is also a solemn day; a month of fasting is a
		// season of its own, with its offers and cheerful evenings.
		cue, what, sev = sig.party, "a light-hearted post", opts.Severity.SolemnPromo
		if len(cue) == 0 {
			cue, what = sig.promo, "a promotion"
		}
	}
	if len(cue) == 0 {
		return nil
	}
	keep, reads := "which most of the audience keeps", "it can read as tone-deaf"
	switch {
	case minority:
		sev, keep = opts.Severity.MinorityPromo, fmt.Sprintf("which part of the audience keeps (about %.0f%%)", o.Weight*100)
	case what == "a food and drink promotion" && slices.Contains(lex.solemn[o.ID].PublicFast, o.Region):
		// Where the law forbids eating in public in the fasting hours,
		// a lunch offer invites a breach of it as well as of the fast.
		sev, keep = max(sev, opts.Severity.PublicFast), "which most of the audience keeps"
		reads = "eating in public in those hours is an offence there, so the offer invites a breach of the law as well as of the fast"
	}
	when := ""
	if fasting && len(lex.solemn[o.ID].FastHours) > 0 {
		when = " during the fasting hours"
	}
	return &solemnFinding{sev: sev, span: cue[0], o: o, fix: fix,
		msg: fmt.Sprintf("%s scheduled%s on %s, a fast %s: %s.", capitalise(what), when, label, keep, reads)}
}

// duringFast reports whether at falls in the fast's hours in the region's
// local time: hours [from, until) of every day of the observance, or the
// whole observance when hours is empty.
func duringFast(o checker.Observance, at time.Time, hours []int) bool {
	if !inForce(o, at) {
		return false
	}
	if len(hours) != 2 {
		return true
	}
	h := at.In(o.Start.Location()).Hour()
	return h >= hours[0] && h < hours[1]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// forbiddenOn is the first food or drink in the post that those keeping
// day id abstain from, or nil.
func forbiddenOn(sig *signals, id string) *hit {
	for i := range sig.forbidden {
		if sig.forbidden[i].key == id {
			return &sig.forbidden[i]
		}
	}
	return nil
}

// forbiddenTie reports a food or drink that those keeping the day abstain
// from, put beside the day's name ("Ramadan Mubarak! Smoky bacon crisps,
// special offer"): it mocks the people keeping it, wherever the audience
// is, so a minority community's day gets the minority tie's severity
// rather than none.
func forbiddenTie(p *checker.Pass, o checker.Observance, at time.Time, mentions []hit, sig *signals, opts Options, fix string, minority bool) *solemnFinding {
	food := forbiddenOn(sig, o.ID)
	if food == nil {
		return nil
	}
	sev := opts.Severity.SolemnTie
	if minority {
		sev = opts.Severity.MinorityTie
	}
	m := mentions[0]
	quoted := p.Doc.Slice(m.span)
	if m.alt > 0 {
		quoted = p.Alts[m.alt-1].Slice(m.span)
	}
	return &solemnFinding{sev: sev, span: food.span, o: o, fix: fix,
		msg: fmt.Sprintf("The post puts %q beside %q %s %s: those who keep the day abstain from it, so the pairing reads as mocking them.",
			p.Doc.Slice(food.span), quoted, relativeTo(o, at), dayLabel(o))}
}
