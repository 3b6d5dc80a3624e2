package calendar

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// greetingHit is a greeting found in a post: "Happy Mother's Day",
// "God jul", "Eid Mubarak".
type greetingHit struct {
	span text.Span
	def  int // index into lexicon.greetings
}

// findGreetings returns the greetings for days people greet.
func findGreetings(d *text.Doc, lex *lexicon) []greetingHit {
	var out []greetingHit
	for _, h := range lex.greetPhrases.find(d) {
		i, _ := strconv.Atoi(h.key)
		out = append(out, greetingHit{span: h.span, def: i})
	}
	var names []hit
	for _, i := range greetingWordIndexes(d, lex) {
		if names == nil {
			names = lex.greetNames.find(d)
		}
		for _, h := range startingAt(names, i+1) {
			g, _ := strconv.Atoi(h.key)
			out = append(out, greetingHit{span: text.Span{Start: d.Tokens[i].Start, End: h.span.End}, def: g})
		}
	}
	// Keep the longest of overlapping hits.
	sort.Slice(out, func(a, b int) bool {
		if out[a].span.Start != out[b].span.Start {
			return out[a].span.Start < out[b].span.Start
		}
		return out[a].span.End > out[b].span.End
	})
	kept := out[:0]
	end := -1
	for _, h := range out {
		if h.span.Start < end {
			continue
		}
		kept = append(kept, h)
		end = h.span.End
	}
	return kept
}

// greetingWordIndexes returns the indexes of greeting words ("happy", "merry").
func greetingWordIndexes(d *text.Doc, lex *lexicon) []int {
	var out []int
	for i := 0; i+1 < len(d.Tokens); i++ {
		if t := &d.Tokens[i]; (t.Kind == text.Word || t.Kind == text.Hashtag) && lex.greetWords[t.Norm] {
			out = append(out, i)
		}
	}
	return out
}

// cheerGreetings finds cheerful greetings for an occasion ("Happy Sunday!",
// "A very merry unbirthday to you!", "Happy Friday, everyone"): a cheer
// word at the start of a sentence (after "a", "very", "wishing you a" and
// the like), then one word, then an exclamation mark or the people greeted
// ("to you", "to all", ", everyone"). "Happy to help!" and "Happy customers
// tell us ..." are not greetings, and a greeting for a holiday ("Happy
// Easter!" on Good Friday) is the greeting rules' to judge.
func cheerGreetings(d *text.Doc, lex *lexicon) []text.Span {
	var out []text.Span
	var holidays []hit
	holidaysRead := false
	toks := d.Tokens
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind == text.Hashtag {
			if cheerTag(t.Norm, lex) {
				out = append(out, t.Span)
			}
			continue
		}
		if t.Kind != text.Word || !lex.cheerWords[t.Norm] || i+1 == len(toks) {
			continue
		}
		start := i
		for start > 0 && !toks[start].SentenceStart && toks[start-1].Kind == text.Word && lex.cheerLead[toks[start-1].Norm] {
			start--
		}
		if !toks[start].SentenceStart {
			continue
		}
		w := &toks[i+1]
		if w.Kind != text.Word && w.Kind != text.Number || w.SentenceStart || lex.cheerLead[w.Norm] || cheerNotAfter[w.Norm] {
			continue
		}
		if !holidaysRead {
			holidays, holidaysRead = lex.greetNames.find(d), true
		}
		if len(startingAt(holidays, i+1)) > 0 {
			continue
		}
		greeted := false
		if k := w.End; k < d.Len() {
			rest := []rune(d.Slice(text.Span{Start: k, End: min(k+3, d.Len())}))
			greeted = len(rest) > 0 && rest[0] == '!' || len(rest) > 1 && rest[0] == ' ' && rest[1] == '!'
		}
		if !greeted && i+2 < len(toks) && !toks[i+2].SentenceStart {
			switch toks[i+2].Norm {
			case "everyone", "everybody", "all", "friends", "folks", "y'all":
				greeted = true
			case "to":
				if i+3 < len(toks) && !toks[i+3].SentenceStart {
					switch toks[i+3].Norm {
					case "you", "all", "everyone", "everybody":
						greeted = true
					}
				}
			}
		}
		if greeted {
			out = append(out, text.Span{Start: toks[start].Start, End: w.End})
		}
	}
	return out
}

// cheerTag reports whether a hashtag's folded body is a cheerful greeting
// for an occasion ("happyfriday", "merrymonday"); a greeting for a holiday
// ("happyeaster") is the greeting rules', and "happyhour" or
// "happycustomers" are no greeting.
func cheerTag(tag string, lex *lexicon) bool {
	for w := range lex.cheerWords {
		rest, ok := strings.CutPrefix(tag, w)
		if ok && len(rest) >= 3 && !lex.holidayTags()[rest] && !cheerNotAfter[rest] {
			return true
		}
	}
	return false
}

// cheerNotAfter are words that follow "happy" in a sentence, not in a
// greeting ("Happy to help!", "Happy with your order?").
var cheerNotAfter = map[string]bool{"to": true, "with": true, "for": true, "about": true, "that": true, "as": true,
	"and": true, "or": true, "customers": true, "clients": true, "guests": true, "campers": true, "hour": true}

const solemnGreetingDoc = `"Happy Memorial Day! 40% off grills", "Happy 9/11", "Happy Yom Kippur":
wishing people a happy day of mourning or fasting tells them the brand does
not know what the day is, and a party tone ("let's celebrate Anzac Day 🎉")
does the same. The rule finds a greeting word (happy, merry, joyous, god,
frohe...) followed by the name or alias of a solemn or fasting day kept in an
audience region, whatever the date, and a post that names such a day in a
party tone on or near it.`

func solemnGreetingRule(opts Options, lex *lexicon, cache *indexCache) *checker.Rule {
	return &checker.Rule{
		ID:       "calendar.solemn_greeting",
		Category: checker.CategoryCalendar,
		Title:    `"Happy" greeting or party tone for a solemn day`,
		Doc:      solemnGreetingDoc,
		Fix:      "Replace the greeting with a respectful message (the suggestion gives one) and keep offers out of it.",
		Since:    "2026.11.0", NeedsCalendar: true,
		Run: func(p *checker.Pass) error {
			runSolemnGreeting(p, opts, lex, cache)
			return nil
		},
	}
}

func runSolemnGreeting(p *checker.Pass, opts Options, lex *lexicon, cache *indexCache) {
	d := p.Doc
	gws := greetingWordIndexes(d, lex)
	var party []text.Span
	partyRead := false
	at := p.At()
	window := time.Duration(opts.ReferenceDays) * 24 * time.Hour
	reported := map[string]bool{}
	suggest := func(o checker.Observance) string {
		if s := lex.solemn[o.ID].Suggestion; s != "" {
			return s
		}
		return "Use a respectful message such as \"Today we remember ...\" instead of a greeting."
	}
	for _, region := range audience(p, opts) {
		idx := cache.get(p.Calendar, region, at)
		// "Happy <solemn day>", whatever the date.
		var names []hit
		if len(gws) > 0 {
			names = idx.names.find(d)
		}
		for _, i := range gws {
			for _, h := range startingAt(names, i+1) {
				o, ok := idx.nearestOf(strings.TrimPrefix(h.key, weakKey), at)
				if !ok || reported[o.ID] || lex.solemn[o.ID].Greet {
					continue
				}
				sp := text.Span{Start: d.Tokens[i].Start, End: h.span.End}
				reported[o.ID] = true
				p.ReportSpan(sp, checker.Finding{Severity: opts.Severity.SolemnGreeting,
					Message:    fmt.Sprintf("%q greets %s as a happy occasion; it is a day of %s.", p.Doc.Slice(sp), dayLabel(o), mourningOrFasting(o)),
					Suggestion: suggest(o), Evidence: []checker.Evidence{evidence(o)}})
			}
		}
		// A party tone about a solemn day, on or near it.
		var mentions map[string]bool
		for _, o := range idx.solemn {
			// A day people greet ("Happy Vesak Day to all who
			// celebrate") may be named in a cheerful tone.
			if reported[o.ID] || lex.solemn[o.ID].Greet || at.Before(o.Start.Add(-window)) || !at.Before(o.End.Add(window)) ||
				o.End.Sub(o.Start) > 72*time.Hour {
				continue
			}
			if mentions == nil {
				mentions = map[string]bool{}
				for _, h := range idx.names.find(d) {
					mentions[strings.TrimPrefix(h.key, weakKey)] = true
				}
			}
			if !mentions[o.ID] {
				continue
			}
			if !partyRead {
				party, partyRead = d.Cues.LightHearted, true
			}
			if len(party) == 0 {
				continue
			}
			reported[o.ID] = true
			p.ReportSpan(party[0], checker.Finding{Severity: opts.Severity.SolemnGreeting,
				Message:    fmt.Sprintf("The post names %s in a party tone; it is a day of %s.", dayLabel(o), mourningOrFasting(o)),
				Suggestion: suggest(o), Evidence: []checker.Evidence{evidence(o)}})
		}
	}
}

func mourningOrFasting(o checker.Observance) string {
	if o.Tone == checker.ToneFasting {
		return "fasting and reflection"
	}
	return "mourning and remembrance"
}

const wrongDayDoc = `A greeting for a holiday on a day it is not kept in the audience's region
("Happy Mother's Day" to Americans in March, when Britain keeps Mothering
Sunday) shows the post was written for someone else or scheduled wrongly.
The rule finds greetings (happy/merry/god/frohe + a day's name, and set
phrases such as "Eid Mubarak" or "God jul") and checks, for each audience
region that keeps the day, that the scheduled time falls within the day or a
sensible window around it: a day or two for most days, the Christmas season
from late November to Epiphany, New Year greetings from mid-December to about
7 January, the whole of Ramadan for "Ramadan Mubarak". A greeting for
another country's national holiday that no audience region keeps ("Happy
Thanksgiving" to Britain, "God 17. mai" to the US) is reported too; greetings
for religious days are not, since brands greet communities everywhere.
Generic names greet each country's own day: "Happy Independence Day" is due
on 12 June in the Philippines and 9 July in Argentina, "Feliz Día de la
Constitución" on 6 December in Spain. Mother's and Father's Day follow each
country's date (19 March for Father's Day in Spain and Italy, the first
Sunday of May for Mother's Day in Spain and Portugal, 21 March in the Arab
world), read in the audience's languages.`

func wrongDayGreetingRule(opts Options, lex *lexicon, cache *indexCache) *checker.Rule {
	return &checker.Rule{
		ID:       "calendar.wrong_day_greeting",
		Category: checker.CategoryCalendar,
		Title:    "Greeting for a holiday on the wrong day",
		Doc:      wrongDayDoc,
		Fix:      "Schedule the greeting for the day the audience's region keeps, or remove it.",
		Since:    "2026.11.0", NeedsCalendar: true,
		Run: func(p *checker.Pass) error {
			runWrongDay(p, opts, lex, cache)
			return nil
		},
	}
}

func runWrongDay(p *checker.Pass, opts Options, lex *lexicon, cache *indexCache) {
	hits := findGreetings(p.Doc, lex)
	if len(hits) == 0 {
		return
	}
	at := p.At()
	var loc *time.Location
	done := map[int]bool{} // one finding per greeted day: "Selamat Hari Raya! Mohon maaf lahir dan batin"
	// A greeting the post ties to its own day ("Eid Mubarak! Our Eid sale
	// starts today") is due on the day itself: the day before, it greets a
	// day the audience does not keep yet (Eid a day early where the moon
	// is sighted a day later).
	today := len(lex.today.find(p.Doc)) > 0
	for _, h := range hits {
		if done[h.def] {
			continue
		}
		done[h.def] = true
		g := lex.greetings[h.def]
		var wrong []string
		var ev []checker.Evidence
		keptAnywhere := false
		for _, region := range audience(p, opts) {
			idx := cache.get(p.Calendar, region, at)
			kept := greetedDays(idx, g)
			ok := false
			for _, o := range kept {
				from := o.Start.AddDate(0, 0, -g.Before)
				if today {
					from = o.Start
				}
				to := o.End.AddDate(0, 0, g.After)
				if !at.Before(from) && at.Before(to) {
					ok = true
				}
			}
			if len(kept) > 0 {
				keptAnywhere = true
			}
			if ok || len(kept) == 0 {
				continue
			}
			o := nearest(kept, at)
			if loc == nil {
				loc = o.Start.Location()
			}
			when := "is on"
			if o.End.Before(at) {
				when = "was on"
			}
			d, _ := time.Parse("2006-01-02", o.Date)
			wrong = append(wrong, fmt.Sprintf("in %s it %s %s", region, when, d.Format("Monday 2 January 2006")))
			ev = append(ev, evidence(o))
		}
		if !keptAnywhere {
			// No audience region keeps the day: a national holiday of
			// another country ("Happy Thanksgiving" to Britain) reads as a
			// post meant for someone else. Religious days are left alone:
			// brands greet minority communities everywhere.
			if f, ok := foreignHoliday(p, g.IDs, cache, at); ok {
				p.ReportSpan(h.span, f)
			}
			continue
		}
		if len(wrong) == 0 {
			continue
		}
		p.ReportSpan(h.span, checker.Finding{Severity: opts.Severity.WrongDay,
			Message: fmt.Sprintf("%q is not due on %s: %s.", p.Doc.Slice(h.span), at.In(loc).Format("2 January 2006"),
				strings.Join(wrong, "; ")),
			Suggestion: "Schedule the greeting for that date, or drop it from this post.",
			Evidence:   ev})
	}
}

// greetedDays returns the region's occurrences of the days greeting g is
// for: its ids, and with Named, any day of the region whose English name
// holds one of those words, in English or the local name (a country's
// own Independence Day, "Día de la Constitución"), solemn days apart.
func greetedDays(idx *dayIndex, g greetingDef) []checker.Observance {
	var out []checker.Observance
	for _, id := range g.IDs {
		out = append(out, idx.byID[id]...)
	}
	if len(g.Named) == 0 {
		return out
	}
	for id, obs := range idx.byID {
		if slices.Contains(g.IDs, id) || len(obs) == 0 || solemnTone(obs[0]) {
			continue
		}
		o := obs[0]
		name := strings.ToLower(o.Name + "\x00" + o.LocalName + "\x00" + strings.Join(o.Aliases, "\x00"))
		for _, w := range g.Named {
			if startsWord(name, w) {
				out = append(out, obs...)
				break
			}
		}
	}
	return out
}

// startsWord reports whether w occurs in s at the start of a word: "national
// day" in "Swiss National Day", not in "International Day of Yoga"; a
// compound may go on after it ("grundlov" in "Grundlovsdag").
func startsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 {
			return true
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:j]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		i = j + 1
	}
	return false
}

// foreignHoliday reports a greeting for a national holiday or observance
// that none of the post's audience regions keeps, naming the regions that
// do.
func foreignHoliday(p *checker.Pass, ids []string, cache *indexCache, at time.Time) (checker.Finding, bool) {
	var keepers, today []string
	var ev, evToday []checker.Evidence
	name := ""
	for _, r := range p.Calendar.Regions() {
		idx := cache.get(p.Calendar, r, at)
		for _, id := range ids {
			obs := idx.byID[id]
			if len(obs) == 0 {
				continue
			}
			o := nearest(obs, at)
			if o.Kind == checker.DayReligious || o.Kind == checker.DayCompany {
				return checker.Finding{}, false
			}
			keepers = append(keepers, r)
			if !at.Before(o.Start.Add(-48*time.Hour)) && at.Before(o.End.Add(48*time.Hour)) {
				today = append(today, r) // where the greeting is due now
				if len(evToday) < 3 {
					evToday = append(evToday, evidence(o))
				}
			}
			if len(ev) < 3 {
				ev = append(ev, evidence(o))
			}
			name = o.Name
			break
		}
	}
	if len(keepers) == 0 {
		return checker.Finding{}, false
	}
	if len(today) > 0 {
		keepers, ev = today, evToday
	}
	audience := strings.Join(p.Post.Regions, ", ")
	if audience == "" {
		audience = "the audience's region"
	}
	return checker.Finding{Severity: checker.SeverityMedium,
		Message: fmt.Sprintf("%s is not kept in %s (it is kept in %s): the greeting reads as meant for another audience.",
			name, audience, strings.Join(keepers, ", ")),
		Suggestion: "Check the audience regions, or greet a day this audience keeps.",
		Evidence:   ev}, true
}

// nearest picks the occurrence closest to at, preferring the next one.
func nearest(obs []checker.Observance, at time.Time) checker.Observance {
	best := obs[0]
	bestD := time.Duration(1<<62 - 1)
	for _, o := range obs {
		d := o.Start.Sub(at)
		if d < 0 {
			d = at.Sub(o.End) + 24*time.Hour // a past day must be much nearer to win
		}
		if d < bestD {
			best, bestD = o, d
		}
	}
	return best
}
