package news

import (
	"fmt"
	"sort"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// exposed says whether an audience lives through an event closely enough
// for its vocabulary to be loaded: the event's own country (beyond one
// town), a neighbour when the event is a national tragedy, or everyone
// when it is a world event.
func exposed(prox Proximity, ev checker.Event) bool {
	switch prox {
	case ProximityHome:
		return ev.Reach >= checker.ReachRegional
	case ProximityNear:
		return ev.Reach >= checker.ReachNational && ev.Severity >= 0.75
	}
	return false
}

func (r *reader) eventVocabulary() *checker.Rule {
	return &checker.Rule{
		ID:       "news.event_vocabulary",
		Category: checker.CategoryNews,
		Title:    "Jokes or sells with the words of a tragedy the audience is living through",
		Doc: "A post can collide with the news without naming it: \"a flood of savings\" the day rivers burst " +
			"their banks, \"we're shaking things up\" the morning after an earthquake, \"deals to die for\" on the " +
			"day of a mass shooting. Ordinary idioms on a quiet day, they read as puns on the tragedy while it is " +
			"live. The rule groups the news before the scheduled time into events, gives each a vocabulary (the " +
			"words its articles share that ordinary text seldom uses, and the vocabulary of its kind of event " +
			"derived from WordNet: synonyms, derivations, multi-word expressions; for a post in another language, " +
			"the kind's core words in that language) and flags a promotional or " +
			"light-hearted post, or reply, that uses those words while its audience is exposed: the event's " +
			"country, a neighbour for a national tragedy, everyone for a world event. So is a post that speaks " +
			"of the event and presents the moment as an occasion to act (\"why not take this opportunity\", " +
			"\"drop everything and escape to\"): a sales pitch on a tragedy. Sober posts and condolences pass.",
		Fix:       "Reword without the event's vocabulary, or hold the post until the event has passed.",
		Since:     "2026.12.0",
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			t := r.toneOfPass(p)
			// A price rise is not a pun: the shock rule weighs it.
			punning := len(t.promo) > 0 || len(t.light) > 0
			if !punning && len(t.occasion) == 0 {
				return nil
			}
			if p.Post.Kind == checker.KindReply && len(t.light) == 0 {
				// Customer care mentions codes and offers all day; a
				// reply is flagged when it jokes.
				return nil
			}
			evs, ok, err := r.events(p)
			if err != nil || !ok {
				return err
			}
			stems := newPostStems(p.Doc)
			regions := checker.NormaliseRegions(p.Post.Regions)
			var taken []text.Span
			for _, ev := range evs {
				if !harmful(ev) {
					continue
				}
				prox := r.prox.of(regions, ev)
				if !exposed(prox, ev) {
					continue
				}
				hits := vocabularyHits(stems, ev)
				if len(hits) == 0 {
					continue
				}
				sort.SliceStable(hits, func(i, j int) bool { return hits[i].span.Start < hits[j].span.Start })
				var words []string
				for _, h := range hits {
					words = append(words, fmt.Sprintf("%q", p.Doc.Slice(h.span)))
				}
				sev := checker.SeverityHigh
				if prox == ProximityHome && ev.Severity >= 0.8 && ev.Reach >= checker.ReachNational {
					sev = checker.SeverityCritical
				}
				who := "its audience in " + strings.Join(regions, ", ")
				if len(regions) == 0 || ev.Reach == checker.ReachInternational {
					who = "everyone"
				}
				for _, h := range hits {
					if overlapsAny(taken, h.span) {
						continue
					}
					taken = append(taken, h.span)
					why := "a word its coverage keeps using"
					if kind, src := kindOf(h.term); kind != "" {
						why = "in the vocabulary of " + article(kind) + " " + kind + " (" + src + ")"
					}
					reading := fmt.Sprintf("In a %s post, %s reads as a pun on it.", toneName(t), strings.Join(words, ", "))
					if !punning {
						reading = fmt.Sprintf("Next to %q, %s presents it as an occasion to act: a sales pitch on a tragedy.",
							p.Doc.Slice(t.occasion[0]), strings.Join(words, ", "))
					}
					p.ReportSpan(h.span, checker.Finding{
						Severity: sev,
						Message: fmt.Sprintf("%s is %s, and %s is living through %s. %s",
							fmt.Sprintf("%q", p.Doc.Slice(h.span)), why, who, describe(ev, p.At()), reading),
						Suggestion: fmt.Sprintf("Reword without %s, or hold the post until %s.", strings.Join(words, ", "), holdUntil(ev)),
						Evidence:   eventEvidence(ev),
					})
				}
				return nil // the gravest event the post collides with is enough
			}
			return nil
		},
	}
}

// toneName says how a post sounds, for messages.
func toneName(t tone) string {
	switch {

	case len(t.promo) > 0 && len(t.light) > 0:
		return "light-hearted, promotional"
	case len(t.promo) > 0:
		return "promotional"
	}
	return "light-hearted"
}

// languageNames name the languages of the event lexicons, for messages.
var languageNames = map[string]string{"da": "Danish", "de": "German", "es": "Spanish", "fi": "Finnish",
	"fr": "French", "it": "Italian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
	"sv": "Swedish", "tr": "Turkish"}

// kindOf names the kind of event a vocabulary term comes from and its
// source ("WordNet", "Spanish lexicon"); "" for an article's own word.
func kindOf(t checker.EventTerm) (kind, source string) {
	if k, ok := strings.CutPrefix(t.Source, "wordnet:"); ok {
		return k, "WordNet"
	}
	l := lexiconLanguage(t)
	if l == "" {
		return "", ""
	}
	name := languageNames[l]
	if name == "" {
		name = l
	}
	return strings.TrimPrefix(t.Source, "lexicon:"+l+":"), name + " lexicon"
}

// article is "a" or "an" before a word.
func article(w string) string {
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}
