package text

import (
	"math/bits"
	"strings"
)

// wordKey is a 64-bit FNV-1a hash of a token's Norm. Analyse computes it
// once per token (Doc.info) so that every lexicon can reject the tokens
// none of its phrases starts with by a filter probe, without hashing the
// word again for a map lookup.
func wordKey(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// tokenInfo is what lexicons ask of every token, worked out once per Doc.
type tokenInfo struct {
	key uint64 // wordKey of the Norm
	// plain is true when the Norm has no masked letter ('*') and no
	// possessive "'s": it matches a phrase word only by being equal to it
	// (or, for a prefix word, starting with it).
	plain bool
	// masked is true when the Norm has a masked letter ('*').
	masked bool
	// base and baseS are a possessive's word without the "'s" and with a
	// plain s ("brand's": "brand", "brands"), and their wordKeys; empty
	// when the Norm does not end in "'s".
	base, baseS       string
	baseKey, baseSKey uint64
	// script is runScript of the Norm of a word or hashtag (scriptNone
	// for other tokens), for lexicons with words of unspaced scripts.
	script script
	// simple is true for a word a lexicon can only match by its whole
	// first word (byFirst), a prefix, a stem or a compound: plain, not a
	// possessive, in a spaced script, with a Norm that starts with a
	// letter or digit. Find passes over such a token by its filters.
	simple bool
}

func infoOf(t *Token) tokenInfo {
	masked := strings.IndexByte(t.Norm, '*') >= 0
	ti := tokenInfo{key: wordKey(t.Norm), plain: !masked, masked: masked}
	if t.Kind == Word || t.Kind == Hashtag {
		ti.script = runScript(t.Norm)
	}
	if base, ok := strings.CutSuffix(t.Norm, "'s"); ok {
		ti.plain = false
		ti.base, ti.baseS = base, base+"s"
		ti.baseKey, ti.baseSKey = wordKey(ti.base), wordKey(ti.baseS)
	}
	ti.simple = t.Kind == Word && ti.plain && ti.script == scriptNone && t.Norm != "" && t.Norm[0] != '*' && t.Norm[0] != 0
	return ti
}

// tokenInfos are the tokenInfos of toks.
func tokenInfos(toks []Token) []tokenInfo {
	if len(toks) == 0 {
		return nil
	}
	is := make([]tokenInfo, len(toks))
	for i := range toks {
		is[i] = infoOf(&toks[i])
	}
	return is
}

// tokenInfo is token i's tokenInfo; it must not be changed.
func (d *Doc) tokenInfo(i int) *tokenInfo {
	if len(d.info) == len(d.Tokens) {
		return &d.info[i]
	}
	return d.newTokenInfo(i)
}

// newTokenInfo works out token i's tokenInfo, for a Doc made without them
// (kept out of tokenInfo so that it inlines).
//
//go:noinline
func (d *Doc) newTokenInfo(i int) *tokenInfo {
	ti := infoOf(&d.Tokens[i])
	return &ti
}

// wordFilter is a Bloom filter over a set of words, probed with their
// wordKeys: two bits a word, about 16 bits per word, so a word not in the
// set passes about one time in a hundred. It is blocked: a word's two bits
// are in one 64-bit word of the filter, so a probe reads one cache line.
type wordFilter struct {
	bits  []uint64
	shift uint8 // 64 - log2(len(bits)): the top bits of a mixed key pick its word
}

// newWordFilter builds the filter of set's words.
func newWordFilter[V any](set map[string]V) wordFilter {
	keys := make(map[uint64]V, len(set))
	for w, v := range set {
		keys[wordKey(w)] = v
	}
	return newKeyFilter(keys)
}

// newKeyFilter builds the filter of the words whose wordKeys key set.
func newKeyFilter[V any](set map[uint64]V) wordFilter {
	f := sizedFilter(len(set))
	for h := range set {
		w, m := f.probe(h)
		f.bits[w] |= m
	}
	return f
}

// newFilterOf builds the filter of the keys of set whose value keep
// accepts.
func newFilterOf[V any](set map[uint64]V, keep func(V) bool) wordFilter {
	n := 0
	for _, v := range set {
		if keep(v) {
			n++
		}
	}
	f := sizedFilter(n)
	for h, v := range set {
		if keep(v) {
			w, m := f.probe(h)
			f.bits[w] |= m
		}
	}
	return f
}

// sizedFilter is an empty filter for n keys.
func sizedFilter(n int) wordFilter {
	n = max(64, 16*n)
	words := 1 << bits.Len(uint(n/64-1)) // a power of two, n/64 or more
	return wordFilter{bits: make([]uint64, words), shift: uint8(64 - bits.Len(uint(words-1)))}
}

// probe is the word of the filter that holds key h's bits, and the bits.
// The key is mixed first: the low bits of an FNV-1a hash depend only on
// the low bits of the bytes.
func (f wordFilter) probe(h uint64) (int, uint64) {
	x := (h ^ h>>29) * 0x9e3779b97f4a7c15
	return int(x >> f.shift), 1<<(x>>32&63) | 1<<(x>>38&63)
}

// mayHold reports whether the word of key h may be in the set: false means
// it is not.
func (f wordFilter) mayHold(h uint64) bool {
	if f.bits == nil {
		return false
	}
	w, m := f.probe(h)
	return f.bits[w]&m == m
}

// BareKey is the 64-bit FNV-1a hash of norm without its apostrophes
// (straight ones and the typographic ’ ‘ ʼ): "can't", "can’t" and "cant"
// have one key. Readers that take a word with or without its apostrophe
// (the grammar's word slots) compare it with the hash of their own words.
func BareKey(norm string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(norm); {
		if n := ApostropheAt(norm, i); n > 0 {
			i += n
			continue
		}
		h ^= uint64(norm[i])
		h *= 1099511628211
		i++
	}
	return h
}

// ApostropheAt is the length of the apostrophe that starts norm[i:] (a
// straight one, or ’ ‘ ʼ), or 0: the bytes BareKey leaves out, for readers
// that compare a Norm with a word key byte by byte.
func ApostropheAt(norm string, i int) int {
	switch {
	case norm[i] == '\'':
		return 1
	case norm[i] == 0xE2 && i+2 < len(norm) && norm[i+1] == 0x80 && (norm[i+2] == 0x98 || norm[i+2] == 0x99):
		return 3
	case norm[i] == 0xCA && i+1 < len(norm) && norm[i+1] == 0xBC:
		return 2
	}
	return 0
}

// hasApostropheByte reports whether norm may hold an apostrophe BareKey
// drops; without one, its BareKey is its wordKey.
func hasApostropheByte(norm string) bool {
	for i := 0; i < len(norm); i++ {
		if c := norm[i]; c == '\'' || c == 0xE2 || c == 0xCA {
			return true
		}
	}
	return false
}

// BareKeys are the BareKeys of d's tokens, worked out once per Doc and
// shared by every reader of it; the slice must not be changed.
func (d *Doc) BareKeys() []uint64 {
	m := d.finds
	if m == nil || m.owner != d {
		return d.bareKeys()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.bare == nil {
		m.bare = d.bareKeys()
	}
	return m.bare
}

func (d *Doc) bareKeys() []uint64 {
	ks := make([]uint64, len(d.Tokens))
	for i := range d.Tokens {
		if n := d.Tokens[i].Norm; hasApostropheByte(n) {
			ks[i] = BareKey(n)
		} else {
			ks[i] = d.tokenInfo(i).key
		}
	}
	return ks
}
