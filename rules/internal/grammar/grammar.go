// Package grammar reads sentence patterns: a few word classes (a lexicon of
// groups, of roles, of insults) and patterns written over them and over
// literal words, such as "{group} belong|belongs in|at" or
// "our page|account , we set|make the? rules". The content and reply rules
// use it to read who is addressed and what is asserted instead of listing
// whole phrases, so a new group, product or insult is one word in a class
// and every pattern that uses the class learns it.
//
// A pattern is a sequence of slots separated by spaces:
//
//	{class}   one phrase of the class (its words, Lexicon syntax: "~stem", "prefix*"),
//	          not in the possessive ("men" does not read "men's")
//	{class}'s a phrase of the class in the possessive ("a {group}'s place")
//	a|b|c     one word among the alternatives (apostrophes optional: can't = cant)
//	*         any one word
//	^         the start of a sentence (first slot only): for imperatives
//	?         suffix: the slot may be skipped ("the?", "{trait}?", "*?")
//
// A match never runs across a sentence boundary. Matching is linear in the
// text's tokens times the pattern's length (optional slots are tried both
// ways; a pattern may have at most MaxOptional of them).
package grammar

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// MaxOptional bounds the optional slots of one pattern, so matching stays
// bounded (each optional slot doubles the ways a pattern can match).
const MaxOptional = 5

// Pattern is a pattern as written in a data file, with what to say when it
// matches.
type Pattern struct {
	ID       string `yaml:"id"`
	Pattern  string `yaml:"pattern"`
	Severity string `yaml:"severity,omitempty"`
	// Message and Suggestion are the finding's text; {match} is replaced
	// by the quoted words.
	Message    string `yaml:"message,omitempty"`
	Suggestion string `yaml:"suggestion,omitempty"`
	// Examples are posts the pattern must flag and near misses it must
	// not; the rule's tests read them.
	Examples struct {
		Flag []string `yaml:"flag"`
		Pass []string `yaml:"pass"`
	} `yaml:"examples"`
}

// Match is one pattern found in a text.
type Match struct {
	Pattern *Pattern
	Span    text.Span
	// First and Last index Doc.Tokens.
	First, Last int
	// Classes are the classes the match consumed, in order ("group.gender").
	Classes []string
}

// Grammar is a compiled set of word classes and patterns; safe for
// concurrent use.
type Grammar struct {
	lex      *text.Lexicon
	names    [][]string // class names of each lexicon entry (a phrase may be in several)
	folded   []string   // each lexicon entry's phrase folded (lexicon.Fold of its lower case)
	patterns []compiled
	src      []Pattern
	// anchors maps a word to the patterns that cannot match without it
	// (their required word slot with the fewest words), so Find tries a
	// pattern only on texts holding one of its anchor words.
	anchors  map[uint64][]int // by text.BareKey of the word
	anchored []bool
	// anchorBits has bit h%1024 set for the hash h of every anchor word,
	// so most tokens are passed over without a map lookup.
	anchorBits [1024 / 64]uint64
	// needs are, for each pattern without anchor words, the classes its
	// required slots name.
	needs [][]string
	// Each class a slot names has a bit (slotBits); entryBits are, for
	// each lexicon entry, the bits of the slot classes its classes are
	// under, and needBits each pattern's needs as bits, so that possible
	// compares words of bits instead of class names.
	slotBits  map[string]int
	words     int // uint64s per bit set
	entryBits []uint64
	needBits  []uint64
	// The patterns by what their first slot takes, so Find tries at a
	// token only those that can start there: free (an optional slot or
	// any word) at every token, atStart (^) at a sentence's first,
	// byWord (a required word slot) at a token of one of its words
	// (startBits filters the hashes), byEntry (a required class slot) at
	// a phrase of a lexicon entry with a class under the slot's.
	free, atStart []int
	byWord        map[uint64][]int
	startBits     [1024 / 64]uint64
	byEntry       [][]int
}

type slotKind uint8

const (
	slotClass slotKind = iota + 1
	slotWords
	slotAny
	slotStart
)

type slot struct {
	kind  slotKind
	class string // a class name, or a prefix ("group" matches "group.gender")
	words map[string]bool
	// set is words as a list with their hashes, which is what matching
	// reads: a slot has a few words, fewer than a map needs to pay off.
	set      []hashedWord
	optional bool
	poss     bool // a class slot written {class}'s
}

type compiled struct {
	slots []slot
}

// New compiles classes (name → phrases) and patterns. A pattern naming an
// unknown class, or with no required slot, is an error naming the pattern.
func New(classes map[string][]string, patterns []Pattern) (*Grammar, error) {
	g := &Grammar{src: patterns}
	names := make([]string, 0, len(classes))
	for n := range classes {
		names = append(names, n)
	}
	sort.Strings(names)
	// Sized for every phrase at once: growing them was most of what
	// compiling the rules' grammars allocated and threw away.
	phrases := 0
	for _, phs := range classes {
		phrases += len(phs)
	}
	entries := make([]text.Entry, 0, phrases)
	entry := make(map[string]int, phrases)
	g.names, g.folded = make([][]string, 0, phrases), make([]string, 0, phrases)
	for k, n := range names {
		if !goodClassName(n) {
			return nil, classProblem(names, classes)
		}
		for _, ph := range classes[n] {
			key := strings.Join(strings.Fields(strings.ToLower(ph)), " ")
			if i, ok := entry[key]; ok {
				if !slices.Contains(g.names[i], n) {
					g.names[i] = append(g.names[i], n)
				}
				continue
			}
			entry[key] = len(entries)
			entries = append(entries, text.Entry{Phrase: ph})
			// names[k] itself, capped so that adding a class copies it.
			g.names = append(g.names, names[k:k+1:k+1])
			g.folded = append(g.folded, lexicon.Fold(strings.ToLower(ph)))
		}
	}
	if len(entries) > 0 {
		l, err := text.KeepLexicon(entries, text.LexiconOptions{Separators: text.SpaceSeparator})
		if err != nil {
			if perr := classProblem(names, classes); perr != nil {
				return nil, perr
			}
			return nil, err
		}
		g.lex = l
	}
	for i, p := range patterns {
		c, err := compile(p.Pattern, names)
		if err != nil {
			return nil, fmt.Errorf("pattern %d (%s): %w", i, p.ID, err)
		}
		g.patterns = append(g.patterns, c)
	}
	g.anchor()
	g.indexStarts()
	return g, nil
}

// goodClassName reports whether n can name a class in a pattern.
func goodClassName(n string) bool { return n != "" && !strings.ContainsAny(n, "{}|? ") }

// classProblem names the first class, in the order of names, whose name
// is unusable or which has a phrase the lexicon cannot match, or returns
// nil. New calls it only when something failed: the lexicon compiles
// every phrase once, and checking each beforehand compiled it twice.
func classProblem(names []string, classes map[string][]string) error {
	for _, n := range names {
		if !goodClassName(n) {
			return fmt.Errorf("class name %q: use letters, digits, dots and underscores", n)
		}
		for _, ph := range classes[n] {
			if err := text.CheckPhrase(ph); err != nil {
				return fmt.Errorf("class %s: %w", n, err)
			}
		}
	}
	return nil
}

// anchor indexes each pattern by the words of its required word slot with
// the fewest words: every match consumes a token with one of them.
func (g *Grammar) anchor() {
	g.anchors, g.anchored = map[uint64][]int{}, make([]bool, len(g.patterns))
	g.needs = make([][]string, len(g.patterns))
	for pi, c := range g.patterns {
		var best *slot
		for k := range c.slots {
			if s := &c.slots[k]; s.kind == slotWords && !s.optional && (best == nil || len(s.words) < len(best.words)) {
				best = s
			}
		}
		if best == nil {
			for k := range c.slots {
				if s := &c.slots[k]; s.kind == slotClass && !s.optional {
					g.needs[pi] = append(g.needs[pi], s.class)
				}
			}
			continue
		}
		g.anchored[pi] = true
		for w := range best.words {
			h := text.BareKey(w)
			g.anchors[h] = append(g.anchors[h], pi)
			g.anchorBits[h%1024/64] |= 1 << (h % 64)
		}
	}
	g.slotBits = map[string]int{}
	var slotClasses []string
	for _, cs := range g.needs {
		for _, c := range cs {
			if _, ok := g.slotBits[c]; !ok {
				g.slotBits[c] = len(slotClasses)
				slotClasses = append(slotClasses, c)
			}
		}
	}
	g.words = (len(slotClasses) + 63) / 64
	g.entryBits = make([]uint64, len(g.names)*g.words)
	for ei, ns := range g.names {
		for b, c := range slotClasses {
			if slices.ContainsFunc(ns, func(n string) bool { return under(n, c) }) {
				g.entryBits[ei*g.words+b/64] |= 1 << (b % 64)
			}
		}
	}
	g.needBits = make([]uint64, len(g.patterns)*g.words)
	for pi, cs := range g.needs {
		for _, c := range cs {
			b := g.slotBits[c]
			g.needBits[pi*g.words+b/64] |= 1 << (b % 64)
		}
	}
}

// indexStarts indexes the patterns by their first slot (see free).
func (g *Grammar) indexStarts() {
	g.byWord, g.byEntry = map[uint64][]int{}, make([][]int, len(g.names))
	for pi, c := range g.patterns {
		s := &c.slots[0]
		switch {
		case s.optional || s.kind == slotAny:
			g.free = append(g.free, pi)
		case s.kind == slotStart:
			g.atStart = append(g.atStart, pi)
		case s.kind == slotWords:
			for _, w := range s.set {
				if l := g.byWord[w.h]; len(l) == 0 || l[len(l)-1] != pi {
					g.byWord[w.h] = append(l, pi)
				}
				g.startBits[w.h%1024/64] |= 1 << (w.h % 64)
			}
		case s.kind == slotClass:
			for ei, ns := range g.names {
				if slices.ContainsFunc(ns, func(n string) bool { return under(n, s.class) }) {
					g.byEntry[ei] = append(g.byEntry[ei], pi)
				}
			}
		}
	}
}

// possible reports, per pattern, whether r holds the pattern's anchor
// words, or for a pattern without anchor words, a phrase of each class its
// required slots name.
// The answer is appended to ok (empty), so a caller may keep it on its
// stack.
func (g *Grammar) possible(r *Reading, ok []bool) []bool {
	ok = append(ok[:0], make([]bool, len(g.patterns))...)
	// found has the bits of the slot classes r holds a phrase of.
	var fbuf [4]uint64
	found := fbuf[:0]
	if r.grammar == g {
		found = append(found, make([]uint64, g.words)...)
		for _, ei := range r.entries {
			for w := range found {
				found[w] |= g.entryBits[int(ei)*g.words+w]
			}
		}
	} else {
		found = g.classBits(r, found)
	}
	for pi, a := range g.anchored {
		if a {
			continue
		}
		ok[pi] = true
		need := g.needBits[pi*g.words : (pi+1)*g.words]
		for w := range need {
			if need[w]&^found[w] != 0 {
				ok[pi] = false
				break
			}
		}
	}
	// A word whose hash is another's may enable a pattern for nothing:
	// matching checks the words themselves.
	for _, h := range r.hashes {
		if g.anchorBits[h%1024/64]&(1<<(h%64)) == 0 {
			continue
		}
		for _, pi := range g.anchors[h] {
			ok[pi] = true
		}
	}
	return ok
}

// classBits are the bits of the slot classes that the class phrases of a
// reading made by another grammar are under, appended to found (empty).
func (g *Grammar) classBits(r *Reading, found []uint64) []uint64 {
	found = append(found, make([]uint64, g.words)...)
	for _, h := range r.hits {
		for c, b := range g.slotBits {
			if under(h.class, c) {
				found[b/64] |= 1 << (b % 64)
			}
		}
	}
	return found
}

func compile(src string, names []string) (compiled, error) {
	var c compiled
	optional, required := 0, 0
	for _, f := range strings.Fields(src) {
		s := slot{}
		if strings.HasSuffix(f, "?") && len(f) > 1 {
			s.optional, f = true, strings.TrimSuffix(f, "?")
			optional++
		} else {
			required++
		}
		switch {
		case f == "*":
			s.kind = slotAny
		case f == "^":
			if len(c.slots) > 0 || s.optional {
				return c, fmt.Errorf("%q: ^ is only the first slot", src)
			}
			s.kind = slotStart
			required-- // zero-width: it consumes no word
		case strings.HasPrefix(f, "{") && (strings.HasSuffix(f, "}") || strings.HasSuffix(f, "}'s")):
			s.poss = strings.HasSuffix(f, "'s")
			s.kind, s.class = slotClass, f[1:strings.LastIndexByte(f, '}')]
			if !knownClass(s.class, names) {
				return c, fmt.Errorf("unknown class {%s}", s.class)
			}
		default:
			s.kind, s.words = slotWords, map[string]bool{}
			for _, w := range strings.Split(f, "|") {
				if w == "" {
					return c, fmt.Errorf("empty alternative in %q", f)
				}
				k := wordKey(lexicon.Fold(strings.ToLower(w)))
				if !s.words[k] {
					s.words[k] = true
					s.set = append(s.set, hashedWord{text.BareKey(k), k})
				}
			}
		}
		c.slots = append(c.slots, s)
	}
	if required == 0 {
		return c, fmt.Errorf("%q has no required slot", src)
	}
	if optional > MaxOptional {
		return c, fmt.Errorf("%q has %d optional slots; at most %d", src, optional, MaxOptional)
	}
	return c, nil
}

func knownClass(c string, names []string) bool {
	for _, n := range names {
		if n == c || strings.HasPrefix(n, c+".") {
			return true
		}
	}
	return false
}

// under reports whether class n is c or a class under it ("group.gender"
// under "group"), without building c+".".
func under(n, c string) bool {
	return n == c || len(n) > len(c) && n[len(c)] == '.' && n[:len(c)] == c
}

// possessive reports whether a word (apostrophes kept) is a possessive:
// "men's", "girls'".
func possessive(w string) bool { return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'") }

// wordKey drops apostrophes so "can't" and "cant" are one word.
func wordKey(w string) string {
	if strings.IndexByte(w, '\'') < 0 {
		return w
	}
	return strings.ReplaceAll(w, "'", "")
}

// Patterns returns the patterns as written, index-aligned with Match.Pattern.
func (g *Grammar) Patterns() []Pattern { return g.src }

// classHit is one class phrase found at a token: it runs from first to
// last.
type classHit struct {
	class       string
	entry       int32 // the lexicon entry of the phrase
	first, last int
	poss        bool // the phrase was read in the possessive ("men's" for "men")
}

// Reading is a text's class phrases by first token, computed once and
// shared by every pattern.
type Reading struct {
	doc *text.Doc
	// hashes are each token's text.BareKey of its word key (wordKey of
	// lexicon.TokenKey): the Doc's text.BareKeys, shared by every grammar.
	hashes []uint64
	// hits are the class phrases in order of their first token; from
	// indexes them by it (hits[from[i]:from[i+1]] start at token i), nil
	// when there are none, as in most posts.
	hits []classHit
	from []int32
	// grammar made the reading; entries are the lexicon entries of its
	// hits (each once a match), for possible.
	grammar *Grammar
	entries []int32
}

// at is the class phrases that start at token i.
func (r *Reading) at(i int) []classHit {
	if r.from == nil {
		return nil
	}
	return r.hits[r.from[i]:r.from[i+1]]
}

// Read finds the class phrases of d, outside hashtags (a class word inside
// a tag is not part of a sentence).
func (g *Grammar) Read(d *text.Doc) *Reading { return g.read(d, false) }

// ReadTags finds the class phrases of d, also those written as a hashtag
// ("#HappyWomensDay" for "happy womens day"): for names, not sentences.
func (g *Grammar) ReadTags(d *text.Doc) *Reading { return g.read(d, true) }

func (g *Grammar) read(d *text.Doc, tags bool) *Reading {
	r := &Reading{doc: d, hashes: d.BareKeys(), grammar: g}
	if g.lex == nil {
		return r
	}
	ms := g.lex.FindShared(d)
	if len(ms) > 0 {
		r.hits, r.entries = make([]classHit, 0, len(ms)+len(ms)/2), make([]int32, 0, len(ms))
	}
	for _, m := range ms {
		if m.Hashtag && !tags {
			continue
		}
		poss := possessive(lexicon.TokenKey(&d.Tokens[m.Last])) && !possessive(g.folded[m.Index])
		r.entries = append(r.entries, int32(m.Index))
		for _, n := range g.names[m.Index] {
			r.hits = append(r.hits, classHit{class: n, entry: int32(m.Index), first: m.First, last: m.Last, poss: poss})
		}
	}
	if len(r.hits) == 0 {
		return r
	}
	// The lexicon answers in text order; a stable sort by first token
	// keeps the order of the phrases found at one token, should it not.
	slices.SortStableFunc(r.hits, func(a, b classHit) int { return cmp.Compare(a.first, b.first) })
	r.from = make([]int32, len(d.Tokens)+1)
	k := 0
	for i := range d.Tokens {
		r.from[i] = int32(k)
		for k < len(r.hits) && r.hits[k].first == i {
			k++
		}
	}
	r.from[len(d.Tokens)] = int32(k)
	return r
}

// Has reports whether the reading found a phrase of class c (or of a class
// under it: "group" for "group.gender").
func (r *Reading) Has(c string) bool {
	for _, h := range r.hits {
		if under(h.class, c) {
			return true
		}
	}
	return false
}

// Spans returns the spans of the phrases of class c (or under it), in
// text order.
func (r *Reading) Spans(c string) []text.Span {
	var out []text.Span
	for _, h := range r.hits {
		if under(h.class, c) {
			out = append(out, text.Span{Start: r.doc.Tokens[h.first].Start, End: r.doc.Tokens[h.last].End})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// Find returns every pattern match in the reading's text, in text order,
// at most one per pattern and first token (the longest), without matches
// nested in an earlier match of the same pattern.
func (g *Grammar) Find(r *Reading) []Match {
	if r.grammar != g {
		return g.findEach(r)
	}
	var out []Match
	toks := r.doc.Tokens
	var buf [256]bool
	possible := g.possible(r, buf[:0])
	// ends[pi] is the last token of pattern pi's last match: a match
	// nested in it is not reported.
	var ebuf [256]int
	ends := append(ebuf[:0], make([]int, len(g.patterns))...)
	for pi := range ends {
		ends[pi] = -1
	}
	var cbuf [64]int
	for i := range toks {
		// The patterns that can start at token i, in pattern order: at
		// one token, matches are reported in pattern order.
		cands := append(cbuf[:0], g.free...)
		if i == 0 || toks[i].SentenceStart {
			cands = append(cands, g.atStart...)
		}
		if h := r.hashes[i]; g.startBits[h%1024/64]&(1<<(h%64)) != 0 {
			cands = append(cands, g.byWord[h]...)
		}
		for _, h := range r.at(i) {
			cands = append(cands, g.byEntry[h.entry]...)
		}
		if len(cands) > 1 {
			slices.Sort(cands)
			cands = slices.Compact(cands)
		}
		for _, pi := range cands {
			p := &g.patterns[pi]
			if !possible[pi] || i <= ends[pi] || !canStart(r, &p.slots[0], i) {
				continue
			}
			last, classes, ok := g.match(r, p.slots, i, i, nil)
			if !ok {
				continue
			}
			out = append(out, Match{Pattern: &g.src[pi], First: i, Last: last, Classes: classes,
				Span: text.Span{Start: toks[i].Start, End: toks[last].End}})
			ends[pi] = last
		}
	}
	return out
}

// findEach is Find for a reading made by another grammar (its phrases
// are another lexicon's entries): each pattern tried at every token.
func (g *Grammar) findEach(r *Reading) []Match {
	var out []Match
	toks := r.doc.Tokens
	var buf [256]bool
	possible := g.possible(r, buf[:0])
	for pi := range g.patterns {
		if !possible[pi] {
			continue
		}
		p := &g.patterns[pi]
		end := -1
		for i := range toks {
			if i <= end || !canStart(r, &p.slots[0], i) {
				continue
			}
			last, classes, ok := g.match(r, p.slots, i, i, nil)
			if !ok {
				continue
			}
			out = append(out, Match{Pattern: &g.src[pi], First: i, Last: last, Classes: classes,
				Span: text.Span{Start: toks[i].Start, End: toks[last].End}})
			end = last
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int { return cmp.Compare(a.First, b.First) })
	return out
}

// hashedWord is a word of a slot with its key's hash (text.BareKey).
type hashedWord struct {
	h uint64
	w string
}

// normIs reports whether the word key of a token whose Norm is norm is w.
func normIs(norm, w string) bool {
	k := 0
	for i := 0; i < len(norm); {
		if n := text.ApostropheAt(norm, i); n > 0 {
			i += n
			continue
		}
		if k >= len(w) || w[k] != norm[i] {
			return false
		}
		k++
		i++
	}
	return k == len(w)
}

// has reports whether token i of r is one of the slot's words.
func (s *slot) has(r *Reading, i int) bool {
	h := r.hashes[i]
	for k := range s.set {
		if s.set[k].h == h && normIs(r.doc.Tokens[i].Norm, s.set[k].w) {
			return true
		}
	}
	return false
}

// canStart reports whether a pattern whose first slot is s may match from
// token i: false when s is required and token i is not what it takes, the
// test match makes first, without setting up the match.
func canStart(r *Reading, s *slot, i int) bool {
	if s.optional {
		return true
	}
	switch s.kind {
	case slotStart:
		return i == 0 || r.doc.Tokens[i].SentenceStart
	case slotAny:
		k := r.doc.Tokens[i].Kind
		return k == text.Word || k == text.Number
	case slotWords:
		return s.has(r, i)
	case slotClass:
		return len(r.at(i)) > 0
	}
	return true
}

// match tries slots from token i (start is the match's first token) and
// returns the last token consumed, preferring the longest reading.
func (g *Grammar) match(r *Reading, slots []slot, i, start int, classes []string) (int, []string, bool) {
	if len(slots) == 0 {
		return i - 1, classes, i > start
	}
	s := slots[0]
	best, bestClasses, found := -1, []string(nil), false
	try := func(last int, cls []string) {
		if last > best {
			best, bestClasses, found = last, cls, true
		}
	}
	if s.optional {
		if last, cls, ok := g.match(r, slots[1:], i, start, classes); ok {
			try(last, cls)
		}
	}
	toks := r.doc.Tokens
	if i >= len(toks) || (i > start && toks[i].SentenceStart) {
		return best, bestClasses, found
	}
	switch s.kind {
	case slotStart:
		if i == 0 || toks[i].SentenceStart {
			return g.match(r, slots[1:], i, start, classes)
		}
	case slotAny:
		if toks[i].Kind == text.Word || toks[i].Kind == text.Number {
			if last, cls, ok := g.match(r, slots[1:], i+1, start, classes); ok {
				try(last, cls)
			}
		}
	case slotWords:
		if s.has(r, i) {
			if last, cls, ok := g.match(r, slots[1:], i+1, start, classes); ok {
				try(last, cls)
			}
		}
	case slotClass:
		for _, h := range r.at(i) {
			if !under(h.class, s.class) || h.poss != s.poss {
				continue
			}
			if h.last > i && crossesSentence(toks, i, h.last) {
				continue
			}
			cls := append(append([]string(nil), classes...), h.class)
			if last, c, ok := g.match(r, slots[1:], h.last+1, start, cls); ok {
				try(last, c)
			}
		}
	}
	return best, bestClasses, found
}

func crossesSentence(toks []text.Token, a, b int) bool {
	for k := a + 1; k <= b; k++ {
		if toks[k].SentenceStart {
			return true
		}
	}
	return false
}

// File is the shape of a data file of word classes and sentence patterns;
// a rule's own file may inline it and add its keys.
type File struct {
	Source   string              `yaml:"source"`
	Licence  string              `yaml:"licence"`
	Classes  map[string][]string `yaml:"classes"`
	Patterns []Pattern           `yaml:"patterns"`
}

// Severities reads each pattern's severity (medium when it names none) by
// pattern id, and checks that a message comes with a suggestion.
func Severities(ps []Pattern) (map[string]checker.Severity, error) {
	out := make(map[string]checker.Severity, len(ps))
	for _, p := range ps {
		sev := checker.SeverityMedium
		if p.Severity != "" {
			var err error
			if sev, err = checker.ParseSeverity(p.Severity); err != nil {
				return nil, fmt.Errorf("pattern %s: %w", p.ID, err)
			}
		}
		if (p.Message == "") != (p.Suggestion == "") {
			return nil, fmt.Errorf("pattern %s: message and suggestion go together", p.ID)
		}
		out[p.ID] = sev
	}
	return out, nil
}

// ExampleErrors checks each pattern's own examples: every flag example
// must be found by that pattern and no pass example by any pattern, where
// find returns what a rule reports for a text. It returns one line per
// failure, for a rule's test to print.
func ExampleErrors(ps []Pattern, find func(string) []Match) []string {
	var out []string
	for _, p := range ps {
		for _, w := range strings.Fields(p.Pattern) {
			if strings.Contains(w, "|") && strings.ContainsAny(w, "{}") {
				out = append(out, fmt.Sprintf("pattern %s: %q mixes a class and words in one slot", p.ID, w))
			}
		}
		if len(p.Examples.Flag) == 0 || len(p.Examples.Pass) == 0 {
			out = append(out, fmt.Sprintf("pattern %s: needs flag and pass examples", p.ID))
		}
		for _, ex := range p.Examples.Flag {
			if !slices.ContainsFunc(find(ex), func(m Match) bool { return m.Pattern.ID == p.ID }) {
				out = append(out, fmt.Sprintf("pattern %s: %q is not flagged", p.ID, ex))
			}
		}
		for _, ex := range p.Examples.Pass {
			for _, m := range find(ex) {
				out = append(out, fmt.Sprintf("pattern %s: %q is flagged by %s", p.ID, ex, m.Pattern.ID))
			}
		}
	}
	return out
}
