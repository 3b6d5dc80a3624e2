package news

import (
	_ "embed"
	"fmt"
	"github.com/anyascii/go"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/proximity.yaml
var proximityYAML []byte

// Proximity says how close an audience is to an event.
type Proximity int

// The proximities, farthest first.
const (
	ProximityFar  Proximity = iota // another part of the world
	ProximityNear                  // a neighbouring or culturally close country
	ProximityHome                  // the event's own country, or a world event
)

func (p Proximity) String() string {
	return [...]string{"far away", "a neighbouring country", "the event's country"}[p]
}

// proximityTable knows which countries are near each other.
type proximityTable struct {
	pairs      map[[2]string]bool
	neighbours map[string][]string
}

func newProximityTable(extra [][]string) (proximityTable, error) {
	var raw struct {
		Groups [][]string `yaml:"groups"`
	}
	if err := strictyaml.Decode(proximityYAML, &raw); err != nil {
		return proximityTable{}, fmt.Errorf("news proximity: %w", err)
	}
	t := proximityTable{pairs: map[[2]string]bool{}, neighbours: map[string][]string{}}
	for gi, g := range append(raw.Groups, extra...) {
		for _, a := range g {
			if len(a) != 2 {
				return t, fmt.Errorf("news proximity: group %d: %q is not an ISO country code", gi+1, a)
			}
			for _, b := range g {
				a, b := strings.ToUpper(a), strings.ToUpper(b)
				if a != b && !t.pairs[[2]string{a, b}] {
					t.pairs[[2]string{a, b}] = true
					t.neighbours[a] = append(t.neighbours[a], b)
				}
			}
		}
	}
	return t, nil
}

// of returns how close an audience (its regions) is to the event. An event
// of international reach is everyone's; without audience regions only
// such events are close.
func (t proximityTable) of(audience []string, ev checker.Event) Proximity {
	if ev.Reach == checker.ReachInternational {
		return ProximityHome
	}
	best := ProximityFar
	for _, a := range audience {
		for _, c := range ev.Countries {
			switch {
			case a == c:
				return ProximityHome
			case t.pairs[[2]string{a, c}]:
				best = ProximityNear
			}
		}
	}
	return best
}

// eventsKey memoises the events for one post, shared by the news rules.
type eventsKey struct{}

type eventsResult struct {
	events []checker.Event
	err    error
	ok     bool // the index groups events
}

// harmClasses are the classes of events about harm to people.
var harmClasses = []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
	checker.CrisisDeath, checker.CrisisUnrest, checker.CrisisMourning}

// countries are the audience's countries and their neighbours: events
// elsewhere reach the audience only when they cross borders. Without
// audience regions, "-" keeps only those.
func (t proximityTable) countries(regions []string) []string {
	if len(regions) == 0 {
		return []string{"-"}
	}
	out := append([]string(nil), regions...)
	for _, r := range regions {
		for _, n := range t.neighbours[r] {
			if !contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// eventWindow is how far back events are read: the longest an event stays
// sensitive (a mass-casualty attack, about a week).
const eventWindow = 7 * 24 * time.Hour

// events returns the live events as of the post's time: those whose
// estimated end is still ahead. ok is false when the news index does not
// group events (the rules then fall back to articles).
func (r *reader) events(p *checker.Pass) ([]checker.Event, bool, error) {
	res := p.Memo(eventsKey{}, func() any {
		en, ok := p.News.(checker.EventNews)
		if !ok {
			return eventsResult{}
		}
		evs, err := en.Events(p.Context, checker.EventQuery{At: p.At(), Window: eventWindow, MinSeverity: 0.45,
			Classes: harmClasses, Countries: r.prox.countries(checker.NormaliseRegions(p.Post.Regions)), Limit: 12})
		if err != nil {
			return eventsResult{err: fmt.Errorf("news index: %w", err), ok: true}
		}
		// Events' answer is shared (read only): it is copied only when
		// some of its events are over.
		n := 0
		for i := range evs {
			if p.At().Before(evs[i].Until) {
				n++
			}
		}
		live := evs
		if n < len(evs) {
			live = liveEvents(evs, p.At())
		}
		return eventsResult{events: live, ok: true}
	}).(eventsResult)
	return res.events, res.ok, res.err
}

// liveEvents are the events of evs still live at at. Posts of a service
// share the index's answer (evs) and mostly which of its events are over,
// so the filtered slice is kept too (shared, read only), by the events'
// IDs and which are live: events are large and a post would copy them.
func liveEvents(evs []checker.Event, at time.Time) []checker.Event {
	h := uint64(14695981039346656037) // FNV-1a, without allocating
	var mask uint64
	for i := range evs {
		// The ID, and what changes as an event grows (an event keeps its
		// ID when a commit adds articles to it).
		id := evs[i].ID
		for k := 0; k < len(id); k++ {
			h = (h ^ uint64(id[k])) * 1099511628211
		}
		for _, v := range []int64{int64(evs[i].Articles), evs[i].Last.UnixNano(), evs[i].Until.UnixNano()} {
			h = (h ^ uint64(v)) * 1099511628211
		}
		if i < 64 && at.Before(evs[i].Until) {
			mask |= 1 << i
		}
	}
	key := liveKey{ids: h, n: len(evs), mask: mask}
	liveSets.Lock()
	if live, ok := liveSets.m[key]; ok {
		liveSets.Unlock()
		return live
	}
	liveSets.Unlock()
	live := make([]checker.Event, 0, bits.OnesCount64(mask))
	for i := range evs {
		if at.Before(evs[i].Until) {
			live = append(live, evs[i])
		}
	}
	if len(evs) <= 64 {
		liveSets.Lock()
		if liveSets.m == nil || len(liveSets.m) >= maxLiveSets {
			liveSets.m = map[liveKey][]checker.Event{}
		}
		liveSets.m[key] = live
		liveSets.Unlock()
	}
	return live
}

type liveKey struct {
	ids  uint64 // FNV-1a of the events' IDs, sizes and times, in order
	n    int
	mask uint64 // which are live
}

// liveSets holds liveEvents' answers, at most maxLiveSets; it is emptied
// when full.
var liveSets struct {
	sync.Mutex
	m map[liveKey][]checker.Event
}

const maxLiveSets = 1024

// eventOf finds the live event an article belongs to, among the events
// near the post's audience: one citing the article, or naming the place
// or name the post shares with it.
func (r *reader) eventOf(p *checker.Pass, a checker.Article, name string) (checker.Event, bool) {
	evs, _, err := r.events(p)
	if err != nil {
		return checker.Event{}, false
	}
	for _, ev := range evs {
		for _, e := range ev.Evidence {
			if e.ID == a.ID && e.Published.Equal(a.Published) {
				return ev, true
			}
		}
		if ev.Headline == a.Title {
			return ev, true
		}
		if slices.ContainsFunc(ev.Places, func(n string) bool { return strings.EqualFold(n, name) }) ||
			slices.ContainsFunc(ev.Names, func(n string) bool { return strings.EqualFold(n, name) }) {
			return ev, true
		}
	}
	return checker.Event{}, false
}

// stemmed is a post word in the form event vocabularies are kept in.
type stemmed struct {
	stem string
	word string // lower case, as written
	span text.Span
}

// stemsOf stems the post's words (English Snowball, as news ingestion
// does); hashtag bodies are split at their capitals ("#ShakeItUp").
func stemsOf(d *text.Doc) []stemmed {
	var out []stemmed
	for i := range d.Tokens {
		t := &d.Tokens[i] // by reference: a token is large
		switch t.Kind {
		case text.Word:
			if t.Norm != "" && !strings.ContainsAny(t.Norm, "'’-") {
				// One part, the word itself (what FieldsFunc would
				// return, without its slice).
				out = append(out, stemmed{stem: stemWord(t.Norm), word: t.Norm, span: t.Span})
				continue
			}
			for _, part := range strings.FieldsFunc(t.Norm, func(r rune) bool { return r == '\'' || r == '’' || r == '-' }) {
				out = append(out, stemmed{stem: stemWord(part), word: part, span: t.Span})
			}
		case text.Hashtag:
			body := strings.TrimPrefix(t.Raw, "#")
			start := t.End - len([]rune(body))
			for _, cp := range camelParts(body) {
				s := text.Span{Start: start + cp.offset, End: start + cp.offset + len([]rune(cp.word))}
				w := strings.ToLower(cp.word)
				out = append(out, stemmed{stem: stemWord(w), word: w, span: s})
			}
		}
	}
	return out
}

func stemWord(w string) string {
	if len(w) < 3 {
		return w
	}
	if st, ok := stemCache.Load(w); ok {
		return st.(string)
	}
	env := snowballstem.NewEnv(w)
	english.Stem(env)
	st := env.Current()
	if stemCached.Load() < maxCachedStems {
		stemCached.Add(1)
		stemCache.Store(strings.Clone(w), st)
	}
	return st
}

// The stems of the words posts use are remembered process-wide: a word
// is stemmed once, not once for each post and rule that reads it. The
// cache stops growing at maxCachedStems words; later words are stemmed
// each time.
var (
	stemCache  sync.Map // word → English stem
	stemCached atomic.Int64
)

const maxCachedStems = 1 << 16

// vocabHit is a post phrase in an event's vocabulary.
type vocabHit struct {
	term checker.EventTerm
	span text.Span
}

// minVocabWeight drops weak vocabulary (hyponyms below it, rare article
// words shared by few articles).
const minVocabWeight = 0.6

// maxPostLanguages caps the languages a post's words are stemmed in for
// the event lexicons: its language, or the detector's first candidates.
const maxPostLanguages = 3

// stemIndex is a post's words stemmed one way and, for a long post, where
// each stem occurs (a short one is read through).
type stemIndex struct {
	stems []string
	at    map[string][]int // nil for a post of at most maxScannedStems words
}

// maxScannedStems is the longest post whose stems are looked up by reading
// them all: a map costs more to build than a few dozen comparisons.
const maxScannedStems = 64

func newStemIndex(ws []stemmed, stem func(stemmed) string) stemIndex {
	ix := stemIndex{stems: make([]string, len(ws))}
	if len(ws) > maxScannedStems {
		ix.at = make(map[string][]int, len(ws))
	}
	for i, w := range ws {
		st := stem(w)
		ix.stems[i] = st
		if ix.at != nil {
			ix.at[st] = append(ix.at[st], i)
		}
	}
	return ix
}

// postStems are a post's words stemmed in English (for the WordNet and
// article vocabularies) and in each other language the post may be in
// (for that language's event lexicon, "lexicon:<lang>").
type postStems struct {
	words []stemmed
	en    stemIndex
	langs map[string]stemIndex
	// doc is the post's text analysis, where the lexicon terms of the
	// languages told by script are found (scriptLexiconOf).
	doc *text.Doc
}

func newPostStems(d *text.Doc) postStems {
	ws := stemsOf(d)
	ps := postStems{words: ws, en: newStemIndex(ws, func(w stemmed) string { return w.stem }), doc: d}
	langs := d.Candidates
	if d.Language != "" {
		langs = []string{d.Language}
	}
	for _, l := range langs {
		if l == "en" || l == "" || asWritten(l) {
			continue
		}
		if len(ps.langs) == maxPostLanguages {
			break
		}
		if ps.langs == nil {
			ps.langs = map[string]stemIndex{}
		}
		ps.langs[l] = newStemIndex(ws, func(w stemmed) string { return text.StemIn(w.word, l) })
	}
	return ps
}

// lexiconLanguage is the language of a term from an event lexicon in
// another language than English (source "lexicon:<lang>:<kind>"; "" for
// WordNet's and the articles' terms).
func lexiconLanguage(t checker.EventTerm) string {
	rest, ok := strings.CutPrefix(t.Source, "lexicon:")
	if !ok {
		return ""
	}
	l, _, _ := strings.Cut(rest, ":")
	return l
}

// vocabularyHits finds the event's vocabulary (its articles' words and its
// kinds') in the post's stems, longest phrase first, one hit per post word.
// A lexicon's term matches only a post that may be in its language, stemmed
// in that language.
func vocabularyHits(ps postStems, ev checker.Event) []vocabHit {
	if len(ps.words) == 0 {
		return nil
	}
	used := make([]bool, len(ps.words))
	hits := stemHits(ps, ev, used)
	// The kinds' terms in the languages told by script, found as the
	// text analysis finds any lexicon's words: inside a run of Japanese,
	// Chinese or Thai letters, before a Korean particle, by a Russian or
	// Arabic stem.
	if sl := scriptLexiconOf(ev.KindVocabulary); sl != nil && ps.doc != nil {
		for _, m := range sl.lex.Find(ps.doc) {
			if !hitOverlaps(hits, m.Span) {
				hits = append(hits, vocabHit{term: sl.terms[m.Index], span: m.Span})
			}
		}
	}
	// The articles' own words in another derivation: a stemmer keeps
	// "implosion" (implos) and "implode" (implod) apart, a reader does not.
	for _, term := range ev.Vocabulary {
		if term.Weight < minVocabWeight || strings.IndexByte(term.Stem, ' ') >= 0 || lexiconLanguage(term) != "" {
			continue
		}
		for i, st := range ps.en.stems {
			if !used[i] && derivation(st, term.Stem) {
				used[i] = true
				hits = append(hits, vocabHit{term: term, span: ps.words[i].span})
			}
		}
	}
	return hits
}

// stemHits finds the event's terms matched by post stems, marking the
// words they use: multi-word expressions first, articles' words before
// kinds'. The kinds' vocabulary is long and shared by every event of the
// same kinds: its terms are looked up by the post's stems in an index
// made once, and tried in the order of the vocabulary, as the articles'
// are.
func stemHits(ps postStems, ev checker.Event, used []bool) []vocabHit {
	var hits []vocabHit
	kinds := kindIndexOf(ev.KindVocabulary)
	for pass := 0; pass < 4; pass++ {
		multi := pass < 2
		if pass%2 == 0 {
			for _, term := range ev.Vocabulary {
				if ct, ok := compileTerm(term); ok && ct.multi() == multi {
					hits = matchTerm(ps, ct, used, hits)
				}
			}
			continue
		}
		for _, i := range kinds.candidates(ps, multi) {
			hits = matchTerm(ps, kinds.terms[i], used, hits)
		}
	}
	return hits
}

// compiledTerm is a vocabulary term as vocabularyHits matches it: its
// words, and the language its post words are stemmed in ("" English).
type compiledTerm struct {
	term  checker.EventTerm
	words []string
	lang  string
	// multiWord: the stem holds a space (matched in the passes for
	// expressions).
	multiWord bool
}

func (ct compiledTerm) multi() bool { return ct.multiWord }

// compileTerm reads a term for matching; false when it never matches post
// stems (too weak, or in a language told by script, which the text
// analysis finds).
func compileTerm(t checker.EventTerm) (compiledTerm, bool) {
	if t.Weight < minVocabWeight {
		return compiledTerm{}, false
	}
	l := lexiconLanguage(t)
	if asWritten(l) {
		return compiledTerm{}, false
	}
	sp := strings.IndexByte(t.Stem, ' ')
	if sp < 0 {
		return compiledTerm{term: t, words: []string{t.Stem}, lang: l}, true
	}
	// An expression is looked for by its first word as written before
	// the space, and matched word by word.
	words := strings.Fields(t.Stem)
	if len(words) == 0 || words[0] != t.Stem[:sp] {
		return compiledTerm{}, false
	}
	return compiledTerm{term: t, words: words, lang: l, multiWord: true}, true
}

// matchTerm marks every place the post's stems (in the term's language)
// hold the term's words, on words not yet used.
func matchTerm(ps postStems, ct compiledTerm, used []bool, hits []vocabHit) []vocabHit {
	ix := ps.en
	if ct.lang != "" {
		var ok bool
		if ix, ok = ps.langs[ct.lang]; !ok {
			return hits
		}
	}
	if ix.at != nil {
		for _, i := range ix.at[ct.words[0]] {
			hits = matchTermAt(ps, ix, ct, i, used, hits)
		}
		return hits
	}
	for i, st := range ix.stems {
		if st == ct.words[0] {
			hits = matchTermAt(ps, ix, ct, i, used, hits)
		}
	}
	return hits
}

// matchTermAt marks the term's words at the post's word i when they are
// there and not yet used.
func matchTermAt(ps postStems, ix stemIndex, ct compiledTerm, i int, used []bool, hits []vocabHit) []vocabHit {
	words := ct.words
	if i+len(words) > len(ix.stems) || used[i] {
		return hits
	}
	for k := 1; k < len(words); k++ {
		if ix.stems[i+k] != words[k] || used[i+k] {
			return hits
		}
	}
	for k := range words {
		used[i+k] = true
	}
	return append(hits, vocabHit{term: ct.term, span: text.Span{Start: ps.words[i].span.Start, End: ps.words[i+len(words)-1].span.End}})
}

// kindIndex is a kind vocabulary compiled for matching: its terms, and for
// each language and first word the terms that start with it, in order.
type kindIndex struct {
	terms   []compiledTerm
	byFirst map[string]map[string][]int // language → first word → term indexes
	// vocab keeps the vocabulary reachable while the entry is cached (see
	// scriptLexicon).
	vocab []checker.EventTerm
}

// candidates are the indexes, in vocabulary order, of the terms with one
// word (or, multi, several) whose first word is among the post's stems in
// the term's language.
func (ki *kindIndex) candidates(ps postStems, multi bool) []int {
	if ki == nil {
		return nil
	}
	var out []int
	add := func(lang string, ix stemIndex) {
		firsts := ki.byFirst[lang]
		if len(firsts) == 0 {
			return
		}
		// The post's stems in order (a slice reads faster than the
		// map's keys); a stem seen twice adds its terms twice, and the
		// repeats go below.
		for _, st := range ix.stems {
			for _, i := range firsts[st] {
				if ki.terms[i].multi() == multi {
					out = append(out, i)
				}
			}
		}
	}
	add("", ps.en)
	for l, ix := range ps.langs {
		add(l, ix)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// kindIndexes caches kindIndexOf, as scriptLexicons does scriptLexiconOf.
var kindIndexes struct {
	sync.Mutex
	m map[vocabKey]*kindIndex
}

// kindIndexOf compiles a kind vocabulary once; nil when it is empty.
func kindIndexOf(vocab []checker.EventTerm) *kindIndex {
	if len(vocab) == 0 {
		return nil
	}
	key := vocabKey{&vocab[0], len(vocab)}
	kindIndexes.Lock()
	defer kindIndexes.Unlock()
	if ki, ok := kindIndexes.m[key]; ok {
		return ki
	}
	ki := &kindIndex{byFirst: map[string]map[string][]int{}, vocab: vocab}
	for _, t := range vocab {
		ct, ok := compileTerm(t)
		if !ok {
			continue
		}
		firsts := ki.byFirst[ct.lang]
		if firsts == nil {
			firsts = map[string][]int{}
			ki.byFirst[ct.lang] = firsts
		}
		firsts[ct.words[0]] = append(firsts[ct.words[0]], len(ki.terms))
		ki.terms = append(ki.terms, ct)
	}
	if kindIndexes.m == nil || len(kindIndexes.m) >= maxScriptLexicons {
		kindIndexes.m = map[vocabKey]*kindIndex{}
	}
	kindIndexes.m[key] = ki
	return ki
}

// writtenPlaces finds in a post the live events' places written in
// another script or language (Event.PlacesWritten, from the gazetteer):
// each a candidate named by the place's English name, the name the
// coverage uses, with the span of the post's own words, so a post naming
// 新潟, "в Москве", München or Londres meets the news about Niigata,
// Moscow, Munich or London. The words are found as every lexicon's are:
// inside a run of Japanese or Chinese letters, before a Korean particle, by
// a Russian stem.
func (r *reader) writtenPlaces(p *checker.Pass) []candidate {
	if p.Doc.Language == "en" {
		return nil // an English post names places as the coverage does
	}
	evs, _, err := r.events(p)
	if err != nil || len(evs) == 0 {
		return nil
	}
	out := romanisedPlaces(p.Doc, evs)
	out = append(out, inflectedPlaces(p.Doc, evs)...)
	ws := writtenSetOf(evs)
	if ws.lex == nil {
		return out
	}
	for _, m := range ws.lex.FindLongest(p.Doc) {
		out = append(out, candidate{term: ws.names[m.Index], span: m.Span, capital: true})
	}
	// A Chinese or Japanese topic tag runs its words together (#武汉加油#):
	// a place's name written in Han letters counts inside it. At most
	// maxHanTags tags are read.
	tags := 0
	for _, t := range p.Doc.Tokens {
		if tags == maxHanTags {
			break
		}
		if t.Kind != text.Hashtag || !strings.ContainsFunc(t.Raw, isHan) {
			continue
		}
		tags++
		for _, i := range ws.han {
			if strings.Contains(t.Raw, ws.written[i]) {
				out = append(out, candidate{term: ws.names[i], span: t.Span, capital: true, hashtag: true})
				break
			}
		}
	}
	return out
}

// maxHanTags caps the topic tags writtenPlaces reads.
const maxHanTags = 16

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// maxRomanised caps the words of a post romanised for romanisedPlaces;
// maxRomanisedRunes the letters of one (a place's name is short, and a
// Korean word's prefixes are tried one by one).
const (
	maxRomanised      = 32
	maxRomanisedRunes = 16
)

// romanisedPlaces finds the live events' places and names that a post
// writes in Hangul, Cyrillic, Greek, Georgian or Armenian, where the gazetteer has no form in
// that script (a town the size of Gyeongju, Kočani or Pylos): each such
// word is romanised (anyascii: 경주 → GyeongJu, Кочани → Kochani, Πύλο →
// Pylo) and compared with the names, folded alike. A Korean word may carry
// a particle (경주에서): its first two or more syllables are tried too. A
// word inflected in Cyrillic or Greek matches a name that differs from it
// only in its last two letters, keeping at least four in common. A run of
// Thai, Lao, Khmer or Burmese letters is searched for the names by their
// consonants (namesInRuns).
func romanisedPlaces(d *text.Doc, evs []checker.Event) []candidate {
	var words, runs []int
	for i, t := range d.Tokens {
		if len(words)+len(runs) == maxRomanised {
			break
		}
		if t.Kind != text.Word {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.Raw); unspaced(r) {
			runs = append(runs, i)
		} else if romanisable(t.Raw) && utf8.RuneCountInString(t.Raw) <= maxRomanisedRunes {
			words = append(words, i)
		}
	}
	if len(words)+len(runs) == 0 {
		return nil
	}
	names := map[string]string{} // folded → as the events write it
	for i := range evs {
		for _, n := range append(slices.Clip(evs[i].Places), evs[i].Names...) {
			if f := romanFold(n); len(f) >= 4 {
				names[f] = n
			}
		}
	}
	out := namesInRuns(d, runs, names)
	var skeletons map[string]string // skeleton → name, made when first needed
	for _, i := range words {
		t := d.Tokens[i]
		forms := []string{t.Raw}
		if rs := []rune(t.Raw); unicode.Is(unicode.Hangul, rs[0]) {
			for n := len(rs) - 1; n >= 2; n-- {
				forms = append(forms, string(rs[:n]))
			}
		}
		for _, f := range forms {
			r0, _ := utf8.DecodeRuneInString(f)
			rf := romanFold(anyascii.Transliterate(f))
			n, ok := matchRoman(rf, names, !unicode.Is(unicode.Hangul, r0) && !skeletal(r0))
			if !ok && skeletal(r0) {
				if skeletons == nil {
					skeletons = map[string]string{}
					for f, n := range names {
						if sk := skeleton(f); len(sk) >= minSkeleton {
							if prev, dup := skeletons[sk]; !dup || n < prev {
								skeletons[sk] = n
							}
						}
					}
				}
				if sk := skeleton(rf); len(sk) >= minSkeleton {
					n, ok = skeletons[sk]
				}
			}
			if ok {
				span := t.Span // the name without a Korean particle
				span.End = span.Start + utf8.RuneCountInString(f)
				out = append(out, candidate{term: n, span: span, capital: true})
				break
			}
		}
	}
	return out
}

// inflectingLanguages put case endings on place names ("v Ostravě",
// "w Koszalinie", "Helsingissä", "Rīgā", "Zagrebu").
var inflectingLanguages = map[string]bool{"cs": true, "sk": true, "pl": true, "sl": true, "hr": true, "sr": true,
	"bs": true, "fi": true, "et": true, "hu": true, "lv": true, "lt": true, "tr": true, "az": true, "ro": true,
	"is": true, "sq": true, "uz": true, "mt": true, "eu": true}

// inflectedPlaces finds the live events' places that a post in a language
// with case endings writes inflected, in Latin letters: a capitalised
// word that is the place's name without its accents (Rīgā, Riga), or that
// differs from it only in the last two letters of the name and at most
// five of the word, with at least four in common (Ostravě, Ostrava;
// Helsingissä, Helsinki); a four-letter name only with an ending of one or
// two letters (Rīgas, Riga). Only the events' places (gazetteer names) are
// compared, not people's names. At most maxRomanised words are read.
func inflectedPlaces(d *text.Doc, evs []checker.Event) []candidate {
	if !inflectingLanguages[d.Language] {
		return nil
	}
	names := map[string]string{}
	for i := range evs {
		for _, n := range evs[i].Places {
			if !strings.ContainsAny(n, " -") && !romanisable(n) {
				names[strings.ToLower(text.PressForm(n))] = n
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	var out []candidate
	read := 0
	for _, t := range d.Tokens {
		if t.Kind != text.Word || !isCapitalised(t.Raw) || romanisable(t.Raw) || utf8.RuneCountInString(t.Raw) > maxRomanisedRunes {
			continue
		}
		if read++; read > maxRomanised {
			break
		}
		core, off := nameCore(t.Raw)
		w := strings.ToLower(text.PressForm(core))
		span := text.Span{Start: t.Start + off, End: t.Start + off + utf8.RuneCountInString(core)}
		if n, ok := names[w]; ok {
			if n != core {
				out = append(out, candidate{term: n, span: span, capital: true})
			}
		} else if n, ok := inflectedName(w, names, 5); ok {
			out = append(out, candidate{term: n, span: span, capital: true})
		}
	}
	return out
}

// hanHangulNames are the names among names written in Han letters or in
// Hangul (a Korean headline's 시청역): the coverage writes them as a post
// in that language does.
func hanHangulNames(names []string) []string {
	var out []string
	for _, n := range names {
		if r, _ := utf8.DecodeRuneInString(n); unicode.In(r, unicode.Han, unicode.Hangul) {
			out = append(out, n)
		}
	}
	return out
}

// romanisable reports whether w is written in Hangul, Cyrillic, Greek,
// Georgian or Armenian: alphabets anyascii romanises with their vowels
// (თბილისი → tbilisi, Երևան → Erevan), unlike the abjads and abugidas.
func romanisable(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.In(r, unicode.Hangul, unicode.Cyrillic, unicode.Greek, unicode.Georgian, unicode.Armenian) || skeletal(r)
}

// skeletal reports whether r is in a script written with spaces whose
// romanisation drops or guesses the vowels (the Indian abugidas,
// Sinhala, Ethiopic; Arabic and Hebrew, abjads): ऋषिकेश reads "rsikes",
// Rishikesh in the news. Names in them are compared by their consonants
// (skeleton).
func skeletal(r rune) bool {
	return unicode.In(r, unicode.Devanagari, unicode.Bengali, unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya,
		unicode.Tamil, unicode.Telugu, unicode.Kannada, unicode.Malayalam, unicode.Sinhala, unicode.Ethiopic,
		unicode.Arabic, unicode.Hebrew)
}

// skeleton is a folded romanisation's consonants, each once where
// doubled, without h (the aspiration one spelling writes and another
// leaves out) and with m read as n and w as v (ऋषिकेश and Rishikesh are
// both "rsks", बेंगलुरु and Bengaluru "bnglr").
func skeleton(s string) string {
	b := make([]byte, 0, len(s))
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'h':
			continue
		case 'm':
			c = 'n'
		case 'w':
			c = 'v'
		case 'q':
			c = 'k'
		}
		if c < 'a' || c > 'z' || c == last {
			continue
		}
		b = append(b, c)
		last = c
	}
	return string(b)
}

// minSkeleton is the fewest consonants a name is compared by: shorter
// skeletons are shared by too many names.
const minSkeleton = 4

// unspaced reports whether r is in a script written without spaces
// between words whose romanisation keeps every consonant (Thai, Lao,
// Khmer, Myanmar): a name is one stretch of a longer run of letters
// (สยามพารากอนวันนี้, "Siam Paragon today"), found by its consonants.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// Runs of an unspaced script are read for at most maxRunRunes letters
// each, and a name is found inside a longer run only when its skeleton
// has minRunSkeleton consonants or more: a run of a hundred letters holds
// about sixty, among which a four-consonant name would turn up by chance.
// A run that is the name alone needs minSkeleton.
const (
	maxRunRunes    = 160
	minRunSkeleton = 6
	maxRunName     = 24
)

// namesInRuns finds the names (folded → as the events write them) that
// the runs of an unspaced script (tokens of d) spell, compared by their
// consonants (runSkeleton): the stretches of each run's skeleton, longest
// first from its start, are looked up among the names' skeletons, so the
// cost follows the run, not the number of names. The span is the letters
// the name's consonants came from. At most maxRunRunes letters of a run
// are read, and a name's skeleton is at most maxRunName consonants.
func namesInRuns(d *text.Doc, runs []int, names map[string]string) []candidate {
	if len(runs) == 0 {
		return nil
	}
	sks := map[string]string{} // skeleton → name; of two, the first in order
	for f, n := range names {
		sk := runSkeleton(skeleton(f))
		if len(sk) < minSkeleton || len(sk) > maxRunName {
			continue
		}
		if prev, ok := sks[sk]; !ok || n < prev {
			sks[sk] = n
		}
	}
	if len(sks) == 0 {
		return nil
	}
	var out []candidate
	for _, i := range runs {
		t := d.Tokens[i]
		sk, at := runConsonants(t.Raw)
		if n, ok := sks[sk]; ok { // the run is the name alone
			out = append(out, candidate{term: n, span: runSpan(t, at[0], at[len(sk)-1]+1), capital: true})
			continue
		}
	search:
		for a := range sk {
			for l := min(maxRunName, len(sk)-a); l >= minRunSkeleton; l-- {
				if n, ok := sks[sk[a:a+l]]; ok {
					out = append(out, candidate{term: n, span: runSpan(t, at[a], at[a+l-1]+1), capital: true})
					break search
				}
			}
		}
	}
	return out
}

// runSpan is the span of runes [a, b) of token t, widened over a vowel or
// a vowel's carrier written before the first consonant (เมกา, អង្គរ), and
// after the last over the vowels and marks that follow it (บางนา) and a
// doubled consonant (វត្ត).
func runSpan(t text.Token, a, b int) text.Span {
	rs := []rune(t.Raw)
	if a > 0 && strings.ContainsRune(leadingVowels, rs[a-1]) {
		a--
	}
	last := letterConsonants(rs[b-1])
	for b < len(rs) && (unicode.In(rs[b], unicode.Mn, unicode.Mc) || strings.ContainsRune(followingVowels, rs[b]) ||
		last != "" && letterConsonants(rs[b]) == last) {
		b++
	}
	return text.Span{Start: t.Start + a, End: t.Start + b}
}

// Thai and Lao vowels written before their consonant, with the letters
// that carry a vowel at a syllable's start (Thai, Lao, Khmer, Burmese),
// and the vowels written after a consonant as letters rather than marks.
const (
	leadingVowels   = "เแโใไເແໂໃໄอອអအ"
	followingVowels = "ะาำๅະາຳ"
)

// letterConsonants is one letter's consonants, as runConsonants reads them.
func letterConsonants(r rune) string {
	return runSkeleton(skeleton(romanFold(anyascii.Transliterate(string(r)))))
}

// runConsonants is a run's skeleton (runSkeleton of each letter's
// romanisation, doubled consonants once across letters too) with, for
// each of its bytes, the rune offset in run of the letter it came from.
func runConsonants(run string) (string, []int) {
	var sk []byte
	var at []int
	var last byte
	k := 0
	for _, r := range run {
		if k == maxRunRunes {
			break
		}
		for _, c := range []byte(letterConsonants(r)) {
			if c != last {
				sk, at = append(sk, c), append(at, k)
			}
			last = c
		}
		k++
	}
	return string(sk), at
}

// runSkeleton folds a skeleton for the unspaced scripts: they have no
// voiced g, which English names write for their k (สยามพารากอน is
// "syampharakon", Siam Paragon in the news), and doubled consonants are
// written once.
func runSkeleton(sk string) string {
	if !strings.Contains(sk, "g") {
		return sk
	}
	b := make([]byte, 0, len(sk))
	for i := 0; i < len(sk); i++ {
		c := sk[i]
		if c == 'g' {
			c = 'k'
		}
		if len(b) > 0 && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// romanFold is a name's form for comparing romanisations: lower case,
// without accents, and with the digraphs one transliteration writes for
// another's letter made one (Kochani and Kočani, Kharkiv and Charkiw).
func romanFold(s string) string {
	return romanDigraphs.Replace(strings.ToLower(text.PressForm(s)))
}

var romanDigraphs = strings.NewReplacer("ch", "c", "sh", "s", "zh", "z", "kh", "h", "ts", "c", "yo", "o", "yu", "u", "ya", "a", "ye", "e",
	"ow", "u", "j", "y", " ", "", "-", "")

// matchRoman finds the name a romanised word stands for: the same, or, for
// an inflected word, a name that differs only in the last two letters of
// either, with at least four in common (Pylo, Pylos).
func matchRoman(w string, names map[string]string, inflected bool) (string, bool) {
	if len(w) < 4 {
		return "", false
	}
	if n, ok := names[w]; ok {
		return n, true
	}
	if !inflected {
		return "", false
	}
	return inflectedName(w, names, 2)
}

// inflectedName finds the name (a key of names, folded) that an inflected
// word w stands for: w keeps at least four of its letters, changes at most
// the name's last two and adds at most ending letters of its own; a
// four-letter name only takes an ending of one or two letters (Rīgas).
// Of several, the one sharing the most letters wins, then the first in
// order, so the answer does not hang on the map's order.
func inflectedName(w string, names map[string]string, ending int) (string, bool) {
	bestF, bestK := "", 0
	for f := range names {
		k := commonPrefix(f, w)
		ok := k >= 4 && (len(f) >= 5 && len(f)-k <= 2 && len(w)-k <= ending || k == len(f) && len(w) > k && len(w)-k <= 2)
		if ok && (k > bestK || k == bestK && f < bestF) {
			bestF, bestK = f, k
		}
	}
	if bestK == 0 {
		return "", false
	}
	return names[bestF], true
}

func commonPrefix(a, b string) int {
	k := 0
	for k < len(a) && k < len(b) && a[k] == b[k] {
		k++
	}
	return k
}

// writtenSet is the live events' places in other scripts and languages,
// compiled: lex's entry i is written i, which stands for names[i].
type writtenSet struct {
	names   []string
	written []string // the names as written, by the same index
	han     []int    // the indexes of the names written in Han letters
	lex     *text.Lexicon
}

// writtenSets caches writtenSetOf by the places of the events it was made
// from: posts at different times see mostly
// the same events, and a place has dozens of names (München, Múnich,
// Monaco di Baviera …), too many to gather and sort for every post.
var writtenSets struct {
	sync.Mutex
	m map[string]*writtenSet
}

// maxWrittenSets caps writtenSets; it is emptied when full.
const maxWrittenSets = 256

// writtenSetOf gathers and compiles the places of evs (Event.PlacesWritten),
// each name once, in a stable order.
func writtenSetOf(evs []checker.Event) *writtenSet {
	var kb strings.Builder
	for i := range evs {
		han := hanHangulNames(evs[i].Names)
		if len(evs[i].PlacesWritten) == 0 && len(han) == 0 {
			continue
		}
		// PlacesWritten follows from the event's places (the gazetteer's
		// names of each), so they key it exactly; with the names the
		// coverage writes in Han letters.
		for _, pl := range evs[i].Places {
			kb.WriteString(pl)
			kb.WriteByte(0)
		}
		for _, n := range han {
			kb.WriteString(n)
			kb.WriteByte(0)
		}
		kb.WriteByte(1)
	}
	key := kb.String()
	writtenSets.Lock()
	if ws := writtenSets.m[key]; ws != nil {
		writtenSets.Unlock()
		return ws
	}
	writtenSets.Unlock()
	ws := &writtenSet{}
	var written []string
	seen := map[string]bool{}
	for _, ev := range evs {
		names := make([]string, 0, len(ev.PlacesWritten))
		for w := range ev.PlacesWritten {
			names = append(names, w)
		}
		slices.Sort(names)
		for _, w := range names {
			// Arabic, Persian and Urdu spell a name with their own
			// yeh, kaf and heh (لاهور, لاہور).
			for _, f := range append([]string{w}, text.ArabicScriptForms(w)...) {
				if !seen[f] {
					seen[f] = true
					written = append(written, f)
					ws.names = append(ws.names, ev.PlacesWritten[w])
				}
			}
		}
		// A name Japanese, Chinese or Korean coverage writes (熱海 of
		// 熱海市, 시청역) stands for itself: the coverage is searched for
		// it as written.
		for _, n := range hanHangulNames(ev.Names) {
			if !seen[n] {
				seen[n] = true
				written = append(written, n)
				ws.names = append(ws.names, n)
			}
		}
	}
	if len(written) > 0 {
		ws.lex = placeLexiconOf(written)
		ws.written = written
		for i, w := range written {
			if strings.ContainsFunc(w, isHan) {
				ws.han = append(ws.han, i)
			}
		}
	}
	writtenSets.Lock()
	if writtenSets.m == nil || len(writtenSets.m) >= maxWrittenSets {
		writtenSets.m = map[string]*writtenSet{}
	}
	writtenSets.m[key] = ws
	writtenSets.Unlock()
	return ws
}

// placeLexicons caches placeLexiconOf by the names it holds: the live
// events change seldom, so their places are compiled once, not per post.
var placeLexicons struct {
	sync.Mutex
	m map[string]*text.Lexicon
}

// placeLexiconOf compiles place names into a lexicon whose entry i is
// written[i]; nil when they do not compile.
func placeLexiconOf(written []string) *text.Lexicon {
	key := strings.Join(written, "\x00")
	placeLexicons.Lock()
	defer placeLexicons.Unlock()
	if lex, ok := placeLexicons.m[key]; ok {
		return lex
	}
	entries := make([]text.Entry, len(written))
	for i, w := range written {
		entries[i] = text.Entry{Phrase: w}
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		lex = nil
	}
	if placeLexicons.m == nil || len(placeLexicons.m) >= maxScriptLexicons {
		placeLexicons.m = map[string]*text.Lexicon{}
	}
	placeLexicons.m[key] = lex
	return lex
}

// hitOverlaps reports whether s overlaps a hit's span.
func hitOverlaps(hits []vocabHit, s text.Span) bool {
	for _, h := range hits {
		if s.Start < h.span.End && h.span.Start < s.End {
			return true
		}
	}
	return false
}

// asWritten reports whether a lexicon language is one the text package
// tells by script: its terms come unstemmed (news/data/eventlexicon.yaml)
// and are matched with text.Lexicon.
func asWritten(lang string) bool { return lang != "" && slices.Contains(text.ScriptLanguages, lang) }

// scriptLexicon is a kind vocabulary's terms in the languages told by
// script, compiled: entry i is terms[i].
type scriptLexicon struct {
	lex   *text.Lexicon
	terms []checker.EventTerm
	// vocab keeps the vocabulary the entry was compiled from reachable,
	// so its backing array (the cache key) cannot be freed and reused by
	// another vocabulary while the entry is cached.
	vocab []checker.EventTerm
}

// vocabKey names a kind vocabulary by its backing array: the news index
// gives every event with the same kinds one shared, read-only slice.
type vocabKey struct {
	first *checker.EventTerm
	n     int
}

// maxScriptLexicons caps the compiled vocabularies kept; past it the
// cache starts again.
const maxScriptLexicons = 256

// scriptLexicons caches scriptLexiconOf: a vocabulary is compiled once,
// not for every post.
var scriptLexicons struct {
	sync.Mutex
	m map[vocabKey]*scriptLexicon
}

// scriptLexiconOf compiles a kind vocabulary's terms in the languages told
// by script (each restricted to posts in its language, or of unknown
// language); nil when it has none.
func scriptLexiconOf(vocab []checker.EventTerm) *scriptLexicon {
	if len(vocab) == 0 {
		return nil
	}
	key := vocabKey{&vocab[0], len(vocab)}
	scriptLexicons.Lock()
	defer scriptLexicons.Unlock()
	if sl, ok := scriptLexicons.m[key]; ok {
		if sl.lex == nil {
			return nil
		}
		return sl
	}
	var entries []text.Entry
	var terms []checker.EventTerm
	for _, t := range vocab {
		l := lexiconLanguage(t)
		if t.Weight < minVocabWeight || !asWritten(l) || text.CheckPhrase(t.Stem) != nil {
			continue
		}
		entries = append(entries, text.Entry{Phrase: t.Stem, Lang: l})
		terms = append(terms, t)
	}
	sl := &scriptLexicon{terms: terms, vocab: vocab}
	if lex, err := text.NewLexicon(entries); err == nil && len(entries) > 0 {
		sl.lex = lex
	}
	if scriptLexicons.m == nil || len(scriptLexicons.m) >= maxScriptLexicons {
		scriptLexicons.m = map[vocabKey]*scriptLexicon{}
	}
	scriptLexicons.m[key] = sl
	if sl.lex == nil {
		return nil
	}
	return sl
}

// derivation reports whether two different English stems of the same
// length, six letters or more, are derivations of one word: they differ
// only in their last letter ("implod", "implos").
func derivation(a, b string) bool {
	return a != b && len(a) == len(b) && len(a) >= 6 && a[:len(a)-1] == b[:len(b)-1]
}

// harmful says whether an event is about harm to people: its vocabulary
// and its shock count; a scandal's do not (news.brand_in_trouble).
func harmful(ev checker.Event) bool {
	switch ev.Class {
	case checker.CrisisScandal, checker.CrisisTrending, checker.CrisisNone:
		return false
	}
	return true
}

// describe names an event for a finding: headline, time, reach, coverage.
func describe(ev checker.Event, at time.Time) string {
	n := "1 article"
	if ev.Articles != 1 {
		n = fmt.Sprintf("%d articles", ev.Articles)
	}
	where := ""
	if len(ev.Countries) > 0 {
		where = " in " + strings.Join(ev.Countries, ", ")
	}
	// As fmt.Sprintf("%q (%s news%s, first reported %s the scheduled
	// time, %s)", …) would write it, without fmt (a finding's hot path).
	b := make([]byte, 0, len(ev.Headline)+len(where)+96)
	b = strconv.AppendQuote(b, ev.Headline)
	b = append(b, " ("...)
	b = append(b, ev.Reach.String()...)
	b = append(b, " news"...)
	b = append(b, where...)
	b = append(b, ", first reported "...)
	b = append(b, timeAgo(at, ev.First)...)
	b = append(b, " the scheduled time, "...)
	b = append(b, n...)
	b = append(b, ')')
	return string(b)
}

// holdUntil says until when to hold a post.
func holdUntil(ev checker.Event) string {
	return ev.Until.UTC().Format("Mon 2 Jan 15:04 UTC")
}

func eventEvidence(ev checker.Event) []checker.Evidence {
	var out []checker.Evidence
	for _, a := range ev.Evidence {
		out = append(out, checker.NewsEvidence(a))
	}
	return out
}
