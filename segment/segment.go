package segment

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/segment/internal/wordtrie"
)

// Reading is one way to read a hashtag as words.
type Reading struct {
	// Words are the words in lower case, in order; together they hold
	// every letter and digit of the tag.
	Words []string
	// Offsets are the code-point offsets in the tag (as given, sigil
	// included) where each word starts.
	Offsets []int
	// Score is the reading's log-probability (natural log; higher is
	// likelier, always negative).
	Score float64
	// Unknown counts the words no word list knows (names, brands).
	Unknown int
}

// String returns the words joined by spaces.
func (r Reading) String() string { return strings.Join(r.Words, " ") }

// Costs of the model, in nats (natural-log units).
const (
	maxWord       = wordtrie.MaxWord // longest dictionary word walked (bytes)
	caseCross     = 8.0              // a word that crosses a case boundary the writer typed
	plural        = 2.0              // a known word plus "s" (plural, possessive) not itself listed
	unknownStart  = 14.0             // starting a word no list knows
	unknownLetter = 3.0              // each letter of an unknown word
	digitRun      = 4.0              // a run of digits ("2", "2026")
	// Margin is how far below the best reading a reading may score and
	// still be listed as plausible.
	Margin = 20.0
)

// MaxLetters is the most letters and digits a tag may have to be read:
// nobody reads a longer run of letters as words, and the search's work and
// memory grow with the length (readings × positions). Longer tags get no
// reading at all, never the reading of a prefix.
const MaxLetters = 100

// Segmenter splits hashtags into words. It is immutable and safe for
// concurrent use.
type Segmenter struct {
	ts    []*trie // the base model first, then each further language's
	langs []string
	pool  sync.Pool
	seen  answers
}

// answers keeps the readings of the tags read last: one post's rules read
// the same tag many times, and a service's posts share their tags. It
// holds at most maxAnswers tags and starts afresh when full.
type answers struct {
	mu sync.Mutex
	m  map[answerKey][]Reading
}

type answerKey struct {
	tag string
	max int
}

const maxAnswers = 4096

func (a *answers) get(k answerKey) ([]Reading, bool) {
	a.mu.Lock()
	rs, ok := a.m[k]
	a.mu.Unlock()
	return rs, ok
}

func (a *answers) put(k answerKey, rs []Reading) {
	if len(k.tag) > 256 {
		return // long tags are rare; they are not kept
	}
	a.mu.Lock()
	if a.m == nil || len(a.m) >= maxAnswers {
		a.m = make(map[answerKey][]Reading)
	}
	k.tag = strings.Clone(k.tag) // not the post's text, which a tag may be a slice of
	a.m[k] = rs
	a.mu.Unlock()
}

// model is the embedded trie, opened on first use.
var model = sync.OnceValue(func() *trie { return openTrie(trieData) })

// langModels opens each further language's trie on its first use, so a
// process that never reads a German post never touches the German trie.
var langModels = func() map[string]func() *trie {
	m := make(map[string]func() *trie, len(langTrieData))
	for code, data := range langTrieData {
		m[code] = sync.OnceValue(func() *trie { return openTrie(*data) })
	}
	return m
}()

// New returns a segmenter over the embedded English and Norwegian word
// lists. The model is built at generate time and read in place, so New
// costs next to nothing.
func New() *Segmenter {
	return &Segmenter{ts: []*trie{model()}}
}

// NewFor returns a segmenter that reads English and Norwegian and, besides,
// each of langs that has a word list of its own (see Languages); other
// codes are ignored. A word in several lists takes its likeliest cost.
func NewFor(langs ...string) *Segmenter {
	s := New()
	for _, l := range langs {
		open, ok := langModels[l]
		if !ok || slices.Contains(s.langs, l) {
			continue
		}
		s.ts = append(s.ts, open())
		s.langs = append(s.langs, l)
	}
	return s
}

// Languages lists, sorted, the languages with a word list beyond English
// and Norwegian, as text.Doc.Language codes them.
func Languages() []string {
	out := make([]string, 0, len(langModels))
	for l := range langModels {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Langs lists the further languages s reads, in the order given to NewFor.
func (s *Segmenter) Langs() []string { return slices.Clone(s.langs) }

// KnownIn reports whether word (lower case) is in the word list of lang,
// one of the further languages s reads (false for any other).
func (s *Segmenter) KnownIn(lang, word string) bool {
	i := slices.Index(s.langs, lang)
	if i < 0 || word == "" {
		return false
	}
	t, n := s.ts[i+1], uint32(0)
	for k := 0; k < len(word); k++ {
		if n = t.child(n, word[k]); n == 0 {
			return false
		}
	}
	return t.logp(n) != 0
}

// Known reports whether word (lower case) is in a word list, and its
// log-probability (the likeliest, when several lists have it).
func (s *Segmenter) Known(word string) (float64, bool) {
	best, found := float32(0), false
	for _, t := range s.ts {
		n := uint32(0)
		for i := 0; i < len(word); i++ {
			if n = t.child(n, word[i]); n == 0 {
				break
			}
		}
		if n == 0 || len(word) == 0 {
			continue
		}
		if lp := t.logp(n); lp != 0 && (!found || lp > best) {
			best, found = lp, true
		}
	}
	return float64(best), found
}

// entry is one partial reading ending at a state.
type entry struct {
	score float64
	prev  int32 // previous state, -1 at the start
	rank  uint8 // index of the previous entry in its state's list
	kind  uint8
}

const (
	kindWord uint8 = iota
	kindUnknown
	kindDigits
)

// scratch holds one call's working memory; it is pooled.
type scratch struct {
	buf    []byte // the tag's letters, lower-cased, and digits
	runeAt []int  // code-point offset in the tag of the byte at each position (-1 inside a rune)
	hard   []bool // a word may not cross this position
	soft   []bool // the writer's case changes here
	edge   []edge
	first  []int     // first[i]: index in edge of position i's first edge
	rest   []float64 // best log-probability from each state to the end
	floor  float64   // the worst total score still plausible
	ent    []entry
	cnt    []int
	starts []int
	kinds  []uint8
	runes  []rune
}

// Readings returns the plausible readings of tag (with or without its
// "#"), best first: at most max, each within Margin of the best, without
// duplicates. A reading with more unknown words than the best one is
// dropped. It returns nil for a tag with no letters or digits, and for one
// with more than MaxLetters of them. The readings are shared with other
// callers: read them, do not change them.
func (s *Segmenter) Readings(tag string, max int) []Reading {
	if max <= 0 {
		return nil
	}
	max = min(max, 64)
	k := answerKey{tag, max}
	if rs, ok := s.seen.get(k); ok {
		return rs
	}
	rs := slices.Clip(s.read(tag, max))
	s.seen.put(k, rs)
	return rs
}

// read is Readings without the answers kept.
func (s *Segmenter) read(tag string, max int) []Reading {
	sc, _ := s.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	defer s.pool.Put(sc)
	if !sc.prepare(tag) {
		return nil
	}
	k := max + 8 // room for readings dropped as duplicates or as worse in unknowns
	s.search(sc, k)
	return sc.collect(max)
}

// prepare fills buf, runeAt, hard and soft from the tag; false when there
// is nothing to read.
func (sc *scratch) prepare(tag string) bool {
	sc.buf, sc.runeAt, sc.hard, sc.soft = sc.buf[:0], sc.runeAt[:0], sc.hard[:0], sc.soft[:0]
	rs := tag
	off := 0
	if strings.HasPrefix(rs, "#") || strings.HasPrefix(rs, "＃") {
		_, w := utf8.DecodeRuneInString(rs)
		rs, off = rs[w:], 1
	}
	hasLower, letters := false, 0
	for _, r := range rs {
		if unicode.IsLower(r) {
			hasLower = true
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if letters++; letters > MaxLetters {
				return false
			}
		}
	}
	var prev rune // previous kept rune
	cut := false  // a separator was skipped
	ri := off - 1
	runes := sc.runes[:0]
	for _, r := range rs {
		runes = append(runes, r)
	}
	sc.runes = runes
	for idx, r := range runes {
		ri++
		isL, isD := unicode.IsLetter(r), unicode.IsDigit(r)
		if !isL && !isD {
			cut = true
			continue
		}
		pos := len(sc.buf)
		lr := unicode.ToLower(r)
		var enc [utf8.UTFMax]byte
		n := utf8.EncodeRune(enc[:], lr)
		sc.buf = append(sc.buf, enc[:n]...)
		for i := 0; i < n; i++ {
			at, h, so := -1, false, false
			if i == 0 {
				at = ri
				if pos > 0 {
					h = cut || unicode.IsDigit(prev) != isD
					if hasLower && isL && unicode.IsUpper(r) {
						if unicode.IsLower(prev) {
							so = true
						} else if unicode.IsUpper(prev) && idx+1 < len(runes) && unicode.IsLower(runes[idx+1]) {
							so = true
						}
					}
				}
			} else {
				h = false
			}
			sc.runeAt = append(sc.runeAt, at)
			sc.hard = append(sc.hard, h)
			sc.soft = append(sc.soft, so)
		}
		cut = false
		prev = r
	}
	if len(sc.buf) == 0 {
		return false
	}
	sc.runeAt = append(sc.runeAt, -1)
	sc.hard = append(sc.hard, true)
	sc.soft = append(sc.soft, false)
	return true
}

// edge is a word (or digits, or one letter of an unknown word) from a
// position to end.
type edge struct {
	end  int32
	kind uint8
	cost float64 // log-probability, negative
}

// edges lists every edge from every position, and the offsets of each
// position's edges in it.
func (s *Segmenter) edges(sc *scratch) {
	buf, n := sc.buf, len(sc.buf)
	sc.edge = sc.edge[:0]
	sc.first = slices.Grow(sc.first[:0], n+2)[:n+2]
	for i := 0; i <= n; i++ {
		sc.first[i] = len(sc.edge)
		if i == n || sc.runeAt[i] < 0 {
			continue
		}
		for k, t := range s.ts {
			sc.wordEdges(t, i, k > 0)
		}
		if isDigitAt(buf, i) {
			j := i
			for j < n && (j == i || !sc.hard[j]) && isDigitAt(buf, j) {
				_, w := utf8.DecodeRune(buf[j:])
				j += w
			}
			sc.edge = append(sc.edge, edge{int32(j), kindDigits, -digitRun})
			continue
		}
		_, w := utf8.DecodeRune(buf[i:])
		sc.edge = append(sc.edge, edge{int32(i + w), kindUnknown, -unknownLetter})
	}
	sc.first[n+1] = len(sc.edge)
}

// wordEdges appends the words of t that start at byte i; merge keeps one
// edge per end (the likeliest) when another trie already gave one.
func (sc *scratch) wordEdges(t *trie, i int, merge bool) {
	buf, n := sc.buf, len(sc.buf)
	node, cross := uint32(0), 0.0
	for j := i; j < n && j-i < maxWord; j++ {
		if j > i {
			if sc.hard[j] {
				break
			}
			if sc.soft[j] {
				cross += caseCross
			}
		}
		if node = t.child(node, buf[j]); node == 0 {
			break
		}
		end := j + 1
		lp := t.logp(node)
		if lp == 0 || sc.runeAt[end] < 0 && end != n {
			continue
		}
		w := float64(lp) - cross
		sc.addWord(i, end, w, merge)
		// Plural or possessive of a listed word.
		if end < n && buf[end] == 's' && end-i >= 3 && !sc.hard[end] {
			if sn := t.child(node, 's'); sn == 0 || t.logp(sn) == 0 {
				extra := 0.0
				if sc.soft[end] {
					extra = caseCross
				}
				sc.addWord(i, end+1, w-plural-extra, merge)
			}
		}
	}
}

// addWord appends a word edge from i to end, or, when merging, raises the
// cost of the edge from i to end already there.
func (sc *scratch) addWord(i, end int, w float64, merge bool) {
	if merge {
		for k := sc.first[i]; k < len(sc.edge); k++ {
			if e := &sc.edge[k]; int(e.end) == end {
				e.cost = math.Max(e.cost, w)
				return
			}
		}
	}
	sc.edge = append(sc.edge, edge{int32(end), kindWord, w})
}

// unknownCost is the extra cost of an unknown letter at i from state flag f.
func (sc *scratch) unknownCost(i, f int) float64 {
	if f == 0 || sc.hard[i] {
		return unknownStart
	}
	if sc.soft[i] {
		return caseCross
	}
	return 0
}

// search runs the k-best dynamic programme. State 2·i is "at byte i after
// a known word, digits or the start", 2·i+1 "at byte i inside an unknown
// word". A backward 1-best pass first gives, for every position, the best
// score of the rest of the tag, so partial readings that cannot end within
// Margin of the best are dropped as soon as they appear.
func (s *Segmenter) search(sc *scratch, k int) {
	n := len(sc.buf)
	s.edges(sc)
	states := 2 * (n + 1)
	sc.rest = slices.Grow(sc.rest[:0], states)[:states]
	inf := math.Inf(-1)
	sc.rest[2*n], sc.rest[2*n+1] = 0, 0
	for i := n - 1; i >= 0; i-- {
		for f := 0; f < 2; f++ {
			b := inf
			if sc.runeAt[i] >= 0 {
				for _, e := range sc.edge[sc.first[i]:sc.first[i+1]] {
					to := 2 * int(e.end)
					c := e.cost
					if e.kind == kindUnknown {
						to++
						c -= sc.unknownCost(i, f)
					}
					b = math.Max(b, c+sc.rest[to])
				}
			}
			sc.rest[2*i+f] = b
		}
	}
	sc.floor = sc.rest[0] - Margin
	sc.ent = slices.Grow(sc.ent[:0], states*k)[:states*k]
	sc.cnt = slices.Grow(sc.cnt[:0], states)[:states]
	clear(sc.cnt)
	sc.push(k, 0, entry{score: 0, prev: -1})
	for i := 0; i < n; i++ {
		for f := 0; f < 2; f++ {
			st := 2*i + f
			c := sc.cnt[st]
			if c == 0 {
				continue
			}
			from := sc.ent[st*k : st*k+c]
			for _, e := range sc.edge[sc.first[i]:sc.first[i+1]] {
				to := 2 * int(e.end)
				w := e.cost
				if e.kind == kindUnknown {
					to++
					w -= sc.unknownCost(i, f)
				}
				sc.extend(k, from, st, to, w, e.kind)
			}
		}
	}
}

func decode(b []byte) rune { r, _ := utf8.DecodeRune(b); return r }

func isDigitAt(b []byte, j int) bool {
	if b[j] < 0x80 {
		return b[j] >= '0' && b[j] <= '9'
	}
	return unicode.IsDigit(decode(b[j:]))
}

// extend pushes every entry of from, extended by an edge of cost w, into
// state to.
func (sc *scratch) extend(k int, from []entry, st, to int, w float64, kind uint8) {
	for r := range from {
		if !sc.push(k, to, entry{score: from[r].score + w, prev: int32(st), rank: uint8(r), kind: kind}) {
			return // from is sorted: the rest are worse
		}
	}
}

// push inserts e into state st's sorted top-k list; false when it did not
// fit.
func (sc *scratch) push(k, st int, e entry) bool {
	if e.score+sc.rest[st] < sc.floor {
		return false
	}
	c := sc.cnt[st]
	list := sc.ent[st*k : st*k+k]
	if c == k && e.score <= list[c-1].score {
		return false
	}
	i := c
	if c == k {
		i--
	}
	for i > 0 && list[i-1].score < e.score {
		list[i] = list[i-1]
		i--
	}
	list[i] = e
	if c < k {
		sc.cnt[st]++
	}
	return true
}

// collect reads the readings out of the two final states.
func (sc *scratch) collect(max int) []Reading {
	n := len(sc.buf)
	k := len(sc.ent) / (2 * (n + 1))
	a, b := 2*n, 2*n+1
	la, lb := sc.ent[a*k:a*k+sc.cnt[a]], sc.ent[b*k:b*k+sc.cnt[b]]
	out := make([]Reading, 0, min(max, len(la)+len(lb)))
	top := math.Inf(-1)
	if len(la) > 0 {
		top = la[0].score
	}
	if len(lb) > 0 {
		top = math.Max(top, lb[0].score)
	}
	minUnknown := -1
	s := string(sc.buf)
	// Every reading's words and offsets share two backing arrays (cut with
	// full slice expressions, so appending to one reading cannot touch the
	// next).
	est := min(max, len(la)+len(lb)) * min(n, 4)
	words, offs := make([]string, 0, est), make([]int, 0, est)
	for len(out) < max && (len(la) > 0 || len(lb) > 0) {
		var e entry
		var st, r int
		if len(lb) == 0 || len(la) > 0 && la[0].score >= lb[0].score {
			e, st, r = la[0], a, sc.cnt[a]-len(la)
			la = la[1:]
		} else {
			e, st, r = lb[0], b, sc.cnt[b]-len(lb)
			lb = lb[1:]
		}
		if e.score < top-Margin {
			break
		}
		mark := len(words)
		var rd Reading
		rd, words, offs = sc.reading(k, st, r, s, words, offs)
		if minUnknown < 0 {
			minUnknown = rd.Unknown
		}
		if rd.Unknown > minUnknown || slices.ContainsFunc(out, func(o Reading) bool { return slices.Equal(o.Words, rd.Words) }) {
			words, offs = words[:mark], offs[:mark]
			continue
		}
		out = append(out, rd)
	}
	return out
}

// reading follows the back-pointers from entry r of state st, appending
// the words and offsets to words and offs.
func (sc *scratch) reading(k, st, r int, s string, words []string, offs []int) (Reading, []string, []int) {
	e := sc.ent[st*k+r]
	rd := Reading{Score: e.score}
	starts, kinds := sc.starts[:0], sc.kinds[:0] // byte starts of words, last first
	for e.prev >= 0 {
		ps := int(e.prev)
		start := ps / 2
		if e.kind == kindUnknown && ps%2 == 1 && !sc.hard[start] {
			// Inside an unknown word: keep walking to its start.
		} else {
			starts = append(starts, start)
			kinds = append(kinds, e.kind)
		}
		e = sc.ent[ps*k+int(e.rank)]
	}
	sc.starts, sc.kinds = starts, kinds
	m, nw := len(words), len(starts)
	words, offs = slices.Grow(words, nw)[:m+nw], slices.Grow(offs, nw)[:m+nw]
	rd.Words, rd.Offsets = words[m:m+nw:m+nw], offs[m:m+nw:m+nw]
	stop := len(sc.buf)
	for i, b := range starts {
		w := len(starts) - 1 - i
		rd.Words[w] = s[b:stop]
		rd.Offsets[w] = sc.runeAt[b]
		if kinds[i] == kindUnknown {
			rd.Unknown++
		}
		stop = b
	}
	return rd, words, offs
}
