package calendar

import (
	"fmt"
	"strconv"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// zodiacLead is how long before Lunar New Year the coming year's animal is
// already the one to greet: campaigns for it start weeks ahead.
const zodiacLead = 60 * 24 * time.Hour

// zodiacRegion is whose calendar starts the zodiac year: the animal
// changes at Lunar New Year as China reckons it, whatever the audience.
const zodiacRegion = "CN"

const zodiacDoc = "The Chinese zodiac gives each lunar year an animal, and a greeting or a collection for " +
	"\"the Year of the Rabbit\" in the Year of the Dragon tells the people who keep Lunar New Year that " +
	"the brand did not check. The rule finds \"the year of\" an animal (in English, Spanish, French, German, " +
	"Portuguese, Italian and Indonesian; Vietnam's Cat and Buffalo count as the Rabbit and the Ox) and " +
	"compares it with the lunar year in force at the scheduled time, or the one starting within 60 days. " +
	"A birth year or a past year (\"born in the Year of the Tiger\") is left alone."

func zodiacRule(opts Options, lex *lexicon, cache *indexCache) *checker.Rule {
	return &checker.Rule{
		ID:       "calendar.wrong_zodiac",
		Category: checker.CategoryCalendar,
		Title:    "Names the wrong animal for the lunar year",
		Doc:      zodiacDoc,
		Fix:      "Name the animal of the year the post goes out in.",
		Since:    "2026.12.0", NeedsCalendar: true,
		Run: func(p *checker.Pass) error {
			runZodiac(p, opts, lex, cache)
			return nil
		},
	}
}

func runZodiac(p *checker.Pass, opts Options, lex *lexicon, cache *indexCache) {
	hits := lex.zodiac.find(p.Doc)
	if len(hits) == 0 {
		return
	}
	at := p.At()
	idx := cache.get(p.Calendar, zodiacRegion, at)
	var current, next checker.Observance
	for _, o := range idx.byID["lunar-new-year"] {
		if o.Start.After(at) {
			if next.ID == "" {
				next = o
			}
			continue
		}
		current = o
	}
	if current.ID == "" {
		return // a calendar without the lunar year: nothing to compare with
	}
	coming := next.ID != "" && next.Start.Sub(at) <= zodiacLead
	due := map[int]bool{animalOf(current): true}
	if coming {
		due[animalOf(next)] = true
	}
	notNow := notNowEnds(lex.zodiacNotNow.find(p.Doc))
	for _, h := range hits {
		animal, err := strconv.Atoi(h.key)
		if err != nil || animal < 0 || animal >= len(lex.zodiacNames) {
			continue
		}
		if due[animal] || speaksOfAnotherYear(notNow, h) {
			continue
		}
		right := lex.zodiacNames[animalOf(current)]
		o := current
		if coming {
			right += " (or, from " + next.Start.Format("2 January 2006") + ", the " + lex.zodiacNames[animalOf(next)] + ")"
			o = next
		}
		p.ReportSpan(h.span, checker.Finding{Severity: opts.Severity.WrongDay,
			Message: fmt.Sprintf("%q names the %s, but the lunar year in force on %s is the year of the %s.",
				p.Doc.Slice(h.span), lex.zodiacNames[animal], at.In(current.Start.Location()).Format("2 January 2006"), right),
			Suggestion: "Name the year's own animal, or leave the animal out.",
			Evidence:   []checker.Evidence{evidence(o)}})
	}
}

// animalOf is the place in the zodiac's cycle of the year a Lunar New Year
// opens: 2020 was the Rat's (0), 2024 the Dragon's (4).
func animalOf(o checker.Observance) int {
	y, err := strconv.Atoi(o.Date[:min(4, len(o.Date))])
	if err != nil {
		y = o.Start.Year()
	}
	return ((y-2020)%12 + 12) % 12
}

// notNowEnds is the set of token indexes where a "born in the" or "last"
// phrase ends.
func notNowEnds(notNow []hit) map[int]bool {
	ends := make(map[int]bool, len(notNow))
	for _, n := range notNow {
		ends[n.last] = true
	}
	return ends
}

// speaksOfAnotherYear reports whether a "born in the" or "last" phrase
// ends within two words before the hit: a look at three places, not a
// scan of every phrase (a long post may hold many of both).
func speaksOfAnotherYear(notNowEnds map[int]bool, h hit) bool {
	for i := h.first - 3; i < h.first; i++ {
		if notNowEnds[i] {
			return true
		}
	}
	return false
}
