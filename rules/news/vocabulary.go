package news

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
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
			"\"drop everything and escape to\"): a sales pitch on a tragedy. So is a claim that the product is " +
			"immune to what the event did (\"our boats don't sink\", \"naturally flame resistant\"). Sober posts " +
			"and condolences pass.",
		Fix:       "Reword without the event's vocabulary, or hold the post until the event has passed.",
		Since:     "2026.12.0",
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			t := r.toneOfPass(p)
			// A price rise is not a pun: the shock rule weighs it.
			punning := len(t.promo) > 0 || len(t.light) > 0
			// A claim that the brand's product is immune to what the
			// event did ("our subs don't implode", "naturally flame
			// resistant") sells against the tragedy without a sale word.
			claim := !punning && p.Post.Kind == checker.KindPost && len(t.condolence) == 0 && r.immunityCue(p.Doc)
			// A brand post with no tone the analysis reads — a joke in
			// words no cue list holds, a language it reads less well —
			// that speaks the event's kind of words to the country
			// living through it is still worth a second look, unless it
			// is sympathy or a service notice.
			plain := !punning && !claim && len(t.occasion) == 0
			if plain && (p.Post.Kind != checker.KindPost || len(t.condolence) > 0 || len(t.engage) > 0 && !t.links ||
				r.service.Contains(p.Doc)) {
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
				if !exposed(prox, ev) || plain && !r.shocked(p, prox, ev) {
					continue
				}
				hits := r.ownLanguage(p.Doc, vocabularyHits(stems, ev))
				if plain {
					hits = r.punHits(p.Doc, kindHits(hits))
				}
				if claim && len(t.occasion) == 0 {
					hits = r.immune(p.Doc, hits)
				}
				if len(hits) == 0 {
					continue
				}
				sort.SliceStable(hits, func(i, j int) bool { return hits[i].span.Start < hits[j].span.Start })
				// The colliding words, each once and at most five, named in
				// every finding: a message stays short however long the post.
				var words []string
				seenWord := map[string]bool{}
				for _, h := range hits {
					w := p.Doc.Slice(h.span)
					if k := strings.ToLower(w); !seenWord[k] {
						seenWord[k] = true
						if len(words) < maxNamedWords {
							words = append(words, fmt.Sprintf("%q", w))
						}
					}
				}
				if more := len(seenWord) - len(words); more > 0 {
					words = append(words, fmt.Sprintf("%d more", more))
				}
				list := strings.Join(words, ", ")
				sev := checker.SeverityHigh
				switch {
				case plain:
					sev = checker.SeverityMedium
				case prox == ProximityHome && ev.Severity >= 0.8 && ev.Reach >= checker.ReachNational:
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
					reading := fmt.Sprintf("In a %s post, %s reads as a pun on it.", toneName(t), list)
					switch {
					case plain:
						reading = fmt.Sprintf("Read while it is live, %s may sound like a comment on it.", list)
					case claim && len(t.occasion) == 0:
						reading = fmt.Sprintf("Claiming the product is immune to it (%s) sells against the tragedy.", list)
					case !punning:
						reading = fmt.Sprintf("Next to %q, %s presents it as an occasion to act: a sales pitch on a tragedy.",
							p.Doc.Slice(t.occasion[0]), list)
					}
					p.ReportSpan(h.span, checker.Finding{
						Severity: sev,
						Message: fmt.Sprintf("%s is %s, and %s is living through %s. %s",
							fmt.Sprintf("%q", p.Doc.Slice(h.span)), why, who, describe(ev, p.At()), reading),
						Suggestion: fmt.Sprintf("Reword without %s, or hold the post until %s.", list, holdUntil(ev)),
						Evidence:   eventEvidence(ev),
					})
				}
				return nil // the gravest event the post collides with is enough
			}
			return nil
		},
	}
}

// shocked reports whether an event has the audience's country in shock
// now: at home, grave, national or wider, within the shock window (longer
// for an exceptional toll) and before its estimated end.
func (r *reader) shocked(p *checker.Pass, prox Proximity, ev checker.Event) bool {
	if prox != ProximityHome || ev.Severity < r.opts.ShockMinSeverity || ev.Reach < checker.ReachNational {
		return false
	}
	return p.At().Before(shockEnd(ev, r.opts.ShockWindow, ev.Toll >= 50))
}

// kindHits keeps the hits from the vocabulary of the event's kind (a
// lexical resource's words for an earthquake, a flood, a shooting), not
// its articles' own words, which ordinary posts share more often.
func kindHits(hits []vocabHit) []vocabHit {
	out := hits[:0:0]
	for _, h := range hits {
		if kind, _ := kindOf(h.term); kind != "" {
			out = append(out, h)
		}
	}
	return out
}

// punHits drops the hits that speak of the event itself: a word right
// after a determiner ("after the floods", "this earthquake") names it,
// it is no pun. A post about the event is the other rules' to weigh.
func (r *reader) punHits(d *text.Doc, hits []vocabHit) []vocabHit {
	out := hits[:0:0]
	for _, h := range hits {
		i := tokenAt(d, h.span.Start)
		if i > 0 && r.definite[d.Tokens[i-1].Norm] && onlySpace(d, d.Tokens[i-1].End, h.span.Start) {
			continue
		}
		out = append(out, h)
	}
	return out
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
	"sv": "Swedish", "tr": "Turkish", "ja": "Japanese", "zh": "Chinese", "ko": "Korean", "ru": "Russian",
	"uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "ur": "Urdu", "hi": "Hindi", "th": "Thai"}

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

// maxNamedWords caps the colliding words a finding names.
const maxNamedWords = 5

// immunityCue reports whether the post holds a negator or an immunity
// word at all: the cheap test before the events are read.
func (r *reader) immunityCue(d *text.Doc) bool {
	for _, t := range d.Tokens {
		if r.negator[t.Norm] || r.immunity[t.Norm] || strings.HasSuffix(t.Norm, "-proof") {
			return true
		}
	}
	return false
}

// immune keeps the vocabulary hits that a claim of immunity governs: a
// negator within the two words before ("don't implode", "hard to
// ignite"), or an immunity word right after ("flame resistant",
// "flood-proof").
func (r *reader) immune(d *text.Doc, hits []vocabHit) []vocabHit {
	var out []vocabHit
	for _, h := range hits {
		i := tokenAt(d, h.span.Start)
		if i < 0 {
			continue
		}
		ok := strings.HasSuffix(d.Tokens[i].Norm, "-proof")
		for k := max(0, i-2); k < i && !ok; k++ {
			ok = r.negator[d.Tokens[k].Norm]
		}
		for k := i + 1; k < len(d.Tokens) && k <= i+1 && !ok; k++ {
			ok = r.immunity[d.Tokens[k].Norm] && d.Tokens[k].Start <= h.span.End+1
		}
		if ok {
			out = append(out, h)
		}
	}
	return out
}

// tokenAt returns the index of the token starting at rune offset start,
// or -1: a binary search, tokens being in text order.
func tokenAt(d *text.Doc, start int) int {
	i := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Start >= start })
	if i < len(d.Tokens) && d.Tokens[i].Start == start {
		return i
	}
	return -1
}

// ownLanguage drops the hits of English terms (WordNet's, the articles')
// on words that are ordinary words of the post's own language: "die" and
// "war" in a German post are an article and a verb, not a killing and a
// war. An English word in a post in another language ("Blackout deals!" in
// Spanish) still counts.
func (r *reader) ownLanguage(d *text.Doc, hits []vocabHit) []vocabHit {
	lang := d.Language
	if lang == "" || lang == "en" || len(hits) == 0 {
		return hits
	}
	seg := r.langWords(lang)
	if seg == nil {
		return hits
	}
	out := hits[:0:0]
	for _, h := range hits {
		if lexiconLanguage(h.term) == "" && ordinaryIn(seg, lang, d.Slice(h.span)) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// ordinaryIn reports whether every word of s is in lang's word list.
func ordinaryIn(seg *segment.Segmenter, lang, s string) bool {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range ws {
		if !seg.KnownIn(lang, w) {
			return false
		}
	}
	return len(ws) > 0
}

// langWords is the word list of a language other than English, read on
// first use; nil for a language without one.
func (r *reader) langWords(lang string) *segment.Segmenter {
	if !slices.Contains(segment.Languages(), lang) {
		return nil
	}
	v, _ := r.langSegs.LoadOrStore(lang, sync.OnceValue(func() *segment.Segmenter { return segment.NewFor(lang) }))
	return v.(func() *segment.Segmenter)()
}
