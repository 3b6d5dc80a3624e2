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
	due := map[int]checker.Observance{animalOf(current): current}
	if next.ID != "" && next.Start.Sub(at) <= zodiacLead {
		due[animalOf(next)] = next
	}
	notNow := lex.zodiacNotNow.find(p.Doc)
	for _, h := range hits {
		animal, err := strconv.Atoi(h.key)
		if err != nil || animal < 0 || animal >= len(lex.zodiacNames) {
			continue
		}
		if _, ok := due[animal]; ok || speaksOfAnotherYear(notNow, h) {
			continue
		}
		right := lex.zodiacNames[animalOf(current)]
		o := current
		if next.ID != "" && next.Start.Sub(at) <= zodiacLead {
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

// speaksOfAnotherYear reports whether a "born in the" or "last" phrase
// ends within two words before the hit.
func speaksOfAnotherYear(notNow []hit, h hit) bool {
	for _, n := range notNow {
		if n.last < h.first && n.last >= h.first-3 {
			return true
		}
	}
	return false
}
