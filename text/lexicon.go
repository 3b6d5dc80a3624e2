package text

import (
	"cmp"
	"fmt"
	"iter"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Entry is one phrase of a lexicon. Phrase is words separated by spaces,
// written as a person would ("two-for-one", "don't", "f*ck" all work: each
// word is normalised and split exactly as post text is). Special words:
//
//   - a word ending in "*" matches any word with that prefix ("fuck*"
//     matches "fucking"; "rabatt*" matches "rabattkode");
//   - "<num>" matches any number ("save <num>" matches "save 30%");
//   - a lone "*" after the first word matches any one word: "ask our *
//     anything" matches "ask our chef anything";
//   - a word starting with "~" matches any word with the same Snowball stem
//     in the post's language ("~celebrate" matches "celebrating" and
//     "celebrations"); the word needs three letters or more;
//   - an emoji matches that emoji, whatever its skin tone or presentation.
//
// Lang, when set ("en", "no"), restricts the entry to posts in that
// language or of unknown language. Compound lets a one-word phrase match
// inside a longer word: "prefix" (shitty), "suffix" (bullshit; never inside
// a hashtag, where "#publishit" must not read "shit") or "both"; only for
// words that never occur inside innocent ones. Case makes a one-word
// phrase match only when written exactly so (a name that is also a common
// word: "Høyre", "Trump"). Hashtag, instead of Phrase, is a regular
// expression matched against whole hashtag bodies (folded, without '#',
// apostrophes, hyphens and underscores). Value and Tags are the caller's
// payload (a replacement, a category).
type Entry struct {
	Phrase   string   `yaml:"phrase" json:"phrase"`
	Lang     string   `yaml:"lang,omitempty" json:"lang,omitempty"`
	Compound string   `yaml:"compound,omitempty" json:"compound,omitempty"`
	Case     bool     `yaml:"case,omitempty" json:"case,omitempty"`
	Hashtag  string   `yaml:"hashtag,omitempty" json:"hashtag,omitempty"`
	Value    string   `yaml:"value,omitempty" json:"value,omitempty"`
	Tags     []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// Match is an entry found in a Doc; First and Last index Doc.Tokens.
// Hashtag is true when the phrase was found inside one hashtag
// ("#BlackFriday" for "black friday").
type Match struct {
	Entry *Entry
	// Index is the entry's index in the entries the lexicon was built
	// from.
	Index int
	Span
	First, Last int
	Hashtag     bool
	// Obfuscated is true when a matched token was masked, leetspeak or
	// look-alike ("f*ck", "$hit").
	Obfuscated bool
}

// lexWord is one compiled word of a phrase.
type lexWord struct {
	text string
	// key is text's wordKey, for a plain word: compared before the text,
	// as most tokens a phrase word meets are other words.
	key uint64
	// alt holds the forms few words have (stems, bare, flat); nil for
	// most, which keeps a word at five words of memory, as a lexicon
	// holds tens of thousands of them.
	alt    *lexAlt
	prefix bool // text is a prefix
	num    bool // any number
	any    bool // any one word ("*")
	// plain is true for a whole word without an apostrophe: a token whose
	// Norm is plain (tokenInfo) matches it only by being equal to it.
	plain bool
}

// lexAlt are a lexicon word's rarer forms.
type lexAlt struct {
	// stems are the word's stems in stemLanguages when it was written
	// "~word"; a token matches by its stem in the post's language.
	stems *[len(stemLanguages)]string
	// bare is text without its apostrophes, when it has any.
	bare string
	// flat is text without its accents ("que" for "qué"), for a word of a
	// phrase of two or more words written in Latin letters with accents:
	// posts often leave them out ("que resaca", "feliz ano nuevo"). One
	// word alone is not matched so: "coño" is not "cono" (a cone), nor
	// "schön" "schon".
	flat string
}

// stems, bare and flat read w's rarer forms (nil or "" when it has none).
func (w *lexWord) stems() *[len(stemLanguages)]string {
	if w.alt == nil {
		return nil
	}
	return w.alt.stems
}

func (w *lexWord) bare() string {
	if w.alt == nil {
		return ""
	}
	return w.alt.bare
}

func (w *lexWord) flat() string {
	if w.alt == nil {
		return ""
	}
	return w.alt.flat
}

// alternate returns w's rarer forms, made when first set.
func (w *lexWord) alternate() *lexAlt {
	if w.alt == nil {
		w.alt = &lexAlt{}
	}
	return w.alt
}

// stemKey is the first three bytes of a folded word: a token is stemmed
// only when it starts like a "~word" of the lexicon, so most tokens never
// are.
func stemKey(w string) string { return w[:min(3, len(w))] }

// Lexicon finds phrases in a Doc's tokens by their normalised form.
//
// Matching rules:
//   - a phrase matches consecutive tokens (words, numbers, emoji, hashtag
//     bodies); punctuation between them is ignored but a phrase never runs
//     across a sentence boundary;
//   - a word matches a token whose Norm is equal ("Ｓhop" and "ѕhop" are
//     "shop"), or starts with it for prefix words; a masked token ("s**t")
//     matches when its visible letters agree and each * stands for one
//     letter; a possessive "'s" on the token is ignored ("Brand's" matches
//     "brand");
//   - a hashtag matches a phrase written as one word ("#ShopNow" matches
//     "shop now"), and a one-word phrase as usual ("#RIP" matches "rip");
//   - a one-word phrase in Japanese, Chinese or Thai is found inside a
//     run of letters, in Korean and Hindi before a particle or ending, in
//     Russian and Arabic by its stem (see scriptIndex).
//
// Build it once; it is safe for concurrent use. Lookup is by the first
// word (a map), so the cost grows with the text, not with the lexicon.
type Lexicon struct {
	entries []Entry
	words   [][]lexWord
	// byFirst indexes entries whose first word is a plain word by its
	// wordKey (and, with an apostrophe, the key of the word without it).
	byFirst map[uint64]firstList
	// byPair lists the entries of byFirst whose second word is a plain
	// word by pairOf(the first word's key, the second's), so a token
	// whose first word begins many phrases ("you are", "you should")
	// tries only those its next word continues.
	byPair map[uint64][]int
	// prefixFirst holds entries whose first word is a prefix or a number,
	// by the first byte of the prefix (0 for numbers).
	prefixFirst byteIndex
	// prefixes holds the same prefix entries finer, for tokens without a
	// masked letter (see prefixIndex).
	prefixes prefixIndex
	// joined maps a phrase of two or more words written as one word to its
	// entries, for hashtags; built when the first hashtag is looked up
	// (joinedIndex), as most posts hold none. multi counts the phrases of
	// two or more words.
	joined     map[string][]int
	joinedOnce sync.Once
	multi      int
	// byShape indexes entries whose first word is a plain word by its
	// length and first letter, for masked tokens ("f**k"); built when the
	// first masked token is looked up (shapes), as few posts hold one.
	byShape   map[shape][]int
	shapeOnce sync.Once
	// byStem indexes entries whose first word is a "~word" by stemKey;
	// stemPairs holds the first two bytes of its keys (three bytes long).
	byStem    map[string][]int
	stemPairs pairSet
	// byHead and byTail index compound entries by the first byte a
	// matching word starts with (prefix, both) or ends with (suffix, both).
	byHead, byTail byteIndex
	// hashRes are the Hashtag entries' expressions; hashIdx their indexes.
	hashRes []*regexp.Regexp
	hashIdx []int
	// marks has an entry's entryLang and entryCase bits, so a lookup
	// that finds nothing to check reads no Entry.
	marks []uint8
	// firsts is a Bloom filter of the byFirst keys (wordKey hashes), so
	// most tokens are rejected without a map lookup.
	firsts wordFilter
	// pairs is a Bloom filter of the byPair keys: a common first word
	// ("you", "we") is followed by a word that continues none of its
	// phrases nine times in ten, and the filter spares that lookup.
	pairs wordFilter
	// solos is a Bloom filter of the byFirst keys with solo entries
	// (firstList): a first word without any is followed by a plain word
	// that continues none of its phrases most of the time, which the pairs
	// filter tells without a lookup of the word.
	solos wordFilter
	// leads are the starts and ends of words that may begin a phrase
	// otherwise than by their whole first word; with firsts, Find passes
	// over a simple token (tokenInfo.simple) neither admits.
	leads leadSet
	opts  LexiconOptions
	// script finds words of scripts written without spaces or with
	// attached endings (lexicon_script.go); nil when there are none.
	script *scriptIndex
}

// The bits of Lexicon.marks.
const (
	entryLang uint8 = 1 << iota // the entry has a Lang
	entryCase                   // the entry has Case
)

// Separators says what may stand between the words of a phrase.
type Separators uint8

// The separator settings.
const (
	// AnySeparator: any punctuation, short of a sentence end.
	AnySeparator Separators = iota
	// SpaceSeparator: spaces, hyphens, dashes and slashes only, as in a
	// list of set phrases ("calm down", "calm-down", but not "calm, down").
	SpaceSeparator
	// CommaSeparator: SpaceSeparator and commas, for phrases addressed to
	// someone ("actually, you").
	CommaSeparator
)

// LexiconOptions tune how a whole lexicon matches.
type LexiconOptions struct {
	// AcrossSentences lets a phrase run over what the tokeniser took for a
	// sentence boundary: names with abbreviations and ordinals ("St.
	// Patrick's Day", "22. juli") in a calendar's list of days.
	AcrossSentences bool
	// Separators between a phrase's words.
	Separators Separators
	// Mentions lets an @mention match as a hashtag does: a one-word phrase
	// by its body, a longer one written as one word ("@AcmeMobile" for
	// "Acme Mobile"). For names of companies and people.
	Mentions bool
}

// shape is a word's length in code points and first code point.
type shape struct {
	n     int
	first rune
}

func shapeOf(w string) shape {
	r, _ := utf8.DecodeRuneInString(w)
	return shape{utf8.RuneCountInString(w), r}
}

// NewLexicon compiles entries.
func NewLexicon(entries []Entry) (*Lexicon, error) {
	return NewLexiconWith(entries, LexiconOptions{})
}

// byteIndex lists entry indexes by a byte: an array, not a map, as Find
// asks it for every token of every post; nil until an entry is added.
type byteIndex struct {
	lists *[256][]int
}

func (x *byteIndex) add(b byte, i int) {
	if x.lists == nil {
		x.lists = new([256][]int)
	}
	x.lists[b] = append(x.lists[b], i)
}

// at is the entries under b.
func (x *byteIndex) at(b byte) []int {
	if x.lists == nil {
		return nil
	}
	return x.lists[b]
}

// all yields every byte's entries.
func (x *byteIndex) all() iter.Seq2[byte, []int] {
	return func(yield func(byte, []int) bool) {
		if x.lists == nil {
			return
		}
		for b, eis := range x.lists {
			if len(eis) > 0 && !yield(byte(b), eis) {
				return
			}
		}
	}
}

// NewLexiconWith compiles entries with options.
//
// It works in two passes: every phrase is compiled first, its words into
// one slab shared by the lexicon, and the indexes are then made at the
// size the first pass counted. Start-up builds tens of thousands of
// phrases, and most of its cost was fresh memory: a slice a phrase, a
// scanner a word with a letter outside ASCII, maps grown step by step.
func NewLexiconWith(entries []Entry, o LexiconOptions) (*Lexicon, error) {
	return KeepLexicon(append([]Entry(nil), entries...), o)
}

// KeepLexicon is NewLexiconWith for a caller that hands its entries
// over: the lexicon keeps them (matches point into them), so they must
// not be changed afterwards. For the large built-in lexicons, whose
// entries are made for the lexicon alone: a copy of a few thousand
// entries was a twentieth of a one-post check's start-up.
func KeepLexicon(entries []Entry, o LexiconOptions) (*Lexicon, error) {
	l := &Lexicon{opts: o, entries: entries}
	l.marks = make([]uint8, len(l.entries))
	l.words = make([][]lexWord, len(l.entries))
	n := 0
	for i := range l.entries {
		if l.entries[i].Hashtag == "" {
			n += 1 + strings.Count(l.entries[i].Phrase, " ")
		}
	}
	c := phraseCompiler{slab: make([]lexWord, 0, n)}
	defer c.release()
	plainFirst, paired, multi := 0, 0, 0
	for i := range l.entries {
		e := &l.entries[i]
		if e.Lang != "" {
			l.marks[i] |= entryLang
		}
		if e.Case {
			l.marks[i] |= entryCase
		}
		if e.Hashtag != "" {
			re, err := regexp.Compile(`^(?:` + e.Hashtag + `)$`)
			if err != nil {
				return nil, fmt.Errorf("lexicon entry %d: hashtag %q: %w", i, e.Hashtag, err)
			}
			l.hashRes, l.hashIdx = append(l.hashRes, re), append(l.hashIdx, i)
			continue
		}
		ws, err := c.compile(e.Phrase)
		if err != nil {
			return nil, fmt.Errorf("lexicon entry %d (%q): %w", i, e.Phrase, err)
		}
		switch e.Compound {
		case "":
		case "prefix", "suffix", "both":
			if len(ws) != 1 || ws[0].num || ws[0].stems() != nil || ws[0].prefix {
				return nil, fmt.Errorf("lexicon entry %d (%q): only a plain one-word phrase can be a compound", i, e.Phrase)
			}
		default:
			return nil, fmt.Errorf("lexicon entry %d (%q): compound must be prefix, suffix or both", i, e.Phrase)
		}
		l.words[i] = ws
		if ws[0].stems() == nil && !ws[0].num && !ws[0].prefix {
			plainFirst++
		}
		if len(ws) > 1 {
			multi++
			if ws[1].plain {
				paired++
			}
		}
	}
	l.byFirst = make(map[uint64]firstList, plainFirst)
	l.byPair = make(map[uint64][]int, paired)
	l.multi = multi
	l.byStem = map[string][]int{}
	for i := range l.entries {
		ws := l.words[i]
		if ws == nil {
			continue // a Hashtag entry
		}
		l.indexScript(i, ws)
		if cp := l.entries[i].Compound; cp != "" {
			w := ws[0].text
			if cp != "suffix" {
				l.byHead.add(w[0], i)
			}
			if cp != "prefix" {
				l.byTail.add(w[len(w)-1], i)
			}
		}
		switch {
		case ws[0].stems() != nil:
			l.byStem[stemKey(ws[0].text)] = append(l.byStem[stemKey(ws[0].text)], i)
			l.stemPairs.add(pairKey(ws[0].text))
		case ws[0].num:
			l.prefixFirst.add(0, i)
		case ws[0].prefix:
			l.prefixFirst.add(ws[0].text[0], i)
			l.prefixes.add(&ws[0], i)
		default:
			fe := firstEntry{ei: i}
			if len(ws) > 1 && ws[1].plain && !takesEnding(ws[1].text) {
				fe.next = ws[1].key
			}
			keys := firstKeys(ws[0].text)
			if ws[0].flat() != "" {
				keys = append(keys, ws[0].flat())
			}
			for _, k := range keys {
				fk := wordKey(k)
				fl := l.byFirst[fk]
				fl.all = append(fl.all, fe)
				if fe.next == 0 {
					fl.solo = append(fl.solo, i)
				} else {
					l.byPair[pairOf(fk, fe.next)] = append(l.byPair[pairOf(fk, fe.next)], i)
					if ws[1].flat() != "" {
						// A post that leaves the second word's accents
						// out continues the phrase too.
						l.byPair[pairOf(fk, wordKey(ws[1].flat()))] = append(l.byPair[pairOf(fk, wordKey(ws[1].flat()))], i)
					}
				}
				l.byFirst[fk] = fl
			}
		}
	}
	l.firsts = newKeyFilter(l.byFirst)
	l.pairs = newKeyFilter(l.byPair)
	l.solos = newFilterOf(l.byFirst, func(fl firstList) bool { return len(fl.solo) > 0 })
	l.leads = l.leadsOf()
	return l, nil
}

// joinedIndex is joined, built on first use.
func (l *Lexicon) joinedIndex() map[string][]int {
	l.joinedOnce.Do(func() {
		l.joined = make(map[string][]int, l.multi)
		var key []byte
		for i, ws := range l.words {
			if len(ws) < 2 {
				continue
			}
			key = key[:0]
			ok, flat := true, false
			for _, w := range ws {
				ok = ok && !w.num && !w.any && !w.prefix && w.stems() == nil
				key = append(key, unApos(w.text)...)
				flat = flat || w.flat() != ""
			}
			if !ok {
				continue
			}
			l.joined[string(key)] = append(l.joined[string(key)], i)
			if flat {
				key = key[:0]
				for _, w := range ws {
					key = append(key, unApos(cmp.Or(w.flat(), w.text))...)
				}
				l.joined[string(key)] = append(l.joined[string(key)], i)
			}
		}
	})
	return l.joined
}

// MustLexicon is NewLexicon for built-in data, which is tested; it panics
// on an error.
func MustLexicon(entries []Entry) *Lexicon {
	l, err := NewLexicon(entries)
	if err != nil {
		panic(err)
	}
	return l
}

// MustLexiconWith is NewLexiconWith for entries known to compile.
func MustLexiconWith(entries []Entry, o LexiconOptions) *Lexicon {
	l, err := NewLexiconWith(entries, o)
	if err != nil {
		panic(err)
	}
	return l
}

// CheckPhrase reports whether a phrase can be matched, with the error
// NewLexicon would give (a phrase of punctuation only, a bad "~word").
func CheckPhrase(phrase string) error {
	c := phraseCompilers.Get().(*phraseCompiler)
	defer phraseCompilers.Put(c)
	ws, err := c.words(phrase, c.scratch[:0])
	c.scratch = ws[:0]
	return err
}

// Phrases builds entries from bare phrases.
func Phrases(phrases ...string) []Entry {
	es := make([]Entry, len(phrases))
	for i, p := range phrases {
		es[i] = Entry{Phrase: p}
	}
	return es
}

// Len is the number of entries.
func (l *Lexicon) Len() int { return len(l.entries) }

// compilePhrase splits and normalises a phrase as post text is tokenised.
func compilePhrase(phrase string) ([]lexWord, error) {
	c := phraseCompilers.Get().(*phraseCompiler)
	defer phraseCompilers.Put(c)
	return c.words(phrase, nil)
}

// phraseCompilers keep the scanner buffers of compilePhrase, which
// CheckPhrase calls once a phrase of some rules' data.
var phraseCompilers = sync.Pool{New: func() any { return new(phraseCompiler) }}

// phraseCompiler compiles the phrases of one lexicon: their words go into
// one slab (a new one when a phrase does not fit: words written with
// hyphens or in scripts without spaces are more tokens than the words the
// slab was sized by), and the words that need the scanner share its
// buffers.
type phraseCompiler struct {
	slab    []lexWord
	scratch []lexWord
	src     []rune
	toks    []Token
	sc      scanner
}

// compile is compilePhrase with c's slab and buffers. The words returned
// are a full slice of the slab: appending to them copies.
func (c *phraseCompiler) compile(phrase string) ([]lexWord, error) {
	ws, err := c.words(phrase, c.scratch[:0])
	c.scratch = ws[:0]
	if err != nil {
		return nil, err
	}
	if cap(c.slab)-len(c.slab) < len(ws) {
		c.slab = make([]lexWord, 0, max(len(ws), cap(c.slab)/4))
	}
	start := len(c.slab)
	c.slab = append(c.slab, ws...)
	return c.slab[start:len(c.slab):len(c.slab)], nil
}

// words appends the phrase's words to ws.
func (c *phraseCompiler) words(phrase string, ws []lexWord) ([]lexWord, error) {
	start := len(ws)
	for f := range strings.FieldsSeq(phrase) {
		if f == "<num>" {
			ws = append(ws, lexWord{num: true})
			continue
		}
		if f == "*" {
			if len(ws) == start {
				return nil, fmt.Errorf("a phrase cannot start with * (any word)")
			}
			ws = append(ws, lexWord{any: true})
			continue
		}
		prefix, stem := false, false
		if len(f) > 1 && strings.HasSuffix(f, "*") {
			f, prefix = strings.TrimSuffix(f, "*"), true
		}
		if len(f) > 1 && strings.HasPrefix(f, "~") {
			f, stem = f[1:], true
			if prefix {
				return nil, fmt.Errorf("word %q: a stemmed word takes no *", f)
			}
		}
		if plainWord(f) {
			// Most words of every lexicon: one token, the word in lower
			// case (tokens), without building the token.
			norm := strings.ToLower(f)
			if !stem {
				ws = append(ws, lexWord{text: norm, prefix: prefix})
				continue
			}
			if len(norm) >= 3 {
				ws = append(ws, stemmedWord(norm))
				continue
			}
		}
		toks := c.tokens(strings.TrimLeft(f, "#"))
		if len(toks) == 0 {
			return nil, fmt.Errorf("word %q has nothing to match", f)
		}
		if stem {
			if len(toks) != 1 || utf8.RuneCountInString(toks[0].Norm) < 3 {
				return nil, fmt.Errorf("~%s: a stemmed word is one word of three letters or more", f)
			}
			ws = append(ws, stemmedWord(toks[0].Norm))
			continue
		}
		for k, t := range toks {
			ws = append(ws, lexWord{text: t.Norm, prefix: prefix && k == len(toks)-1})
		}
	}
	if len(ws) == start {
		return nil, fmt.Errorf("empty phrase")
	}
	for k := start; k < len(ws); k++ {
		w := &ws[k]
		w.plain = !w.num && !w.any && !w.prefix && w.stems() == nil && strings.IndexByte(w.text, '\'') < 0
		if w.plain {
			w.key = wordKey(w.text)
		}
		if strings.IndexByte(w.text, '\'') >= 0 {
			w.alternate().bare = unApos(w.text)
		}
		if len(ws)-start > 1 && !w.num && !w.any && w.stems() == nil {
			if f := flatLatin(w.text); f != "" {
				w.alternate().flat = f
			}
		}
	}
	return ws, nil
}

// tokens tokenises one word of a phrase as post text is tokenised, into
// c's buffers: the tokens are good until the next call. A plain word of
// ASCII letters (most of every lexicon) is one token whose Norm is the
// word in lower case, as the scanner would make it; anything else goes
// through the scanner.
func (c *phraseCompiler) tokens(w string) []Token {
	if plainWord(w) {
		c.toks = append(c.toks[:0], Token{Kind: Word, Raw: w, Norm: strings.ToLower(w)})
		return c.toks
	}
	sc := &c.sc
	sc.init(w, c.src[:0], c.toks[:0])
	sc.words(0, len(sc.f.r))
	c.src, c.toks = sc.src, sc.toks
	sc.release()
	return c.toks
}

// release drops the buffers' hold on the last phrase's strings.
func (c *phraseCompiler) release() {
	clear(c.toks[:cap(c.toks)])
	clear(c.scratch[:cap(c.scratch)])
}

// stemmedWord is a "~word" of a phrase: the word and its stem in every
// stemming language.
func stemmedWord(norm string) lexWord {
	var st [len(stemLanguages)]string
	for i, lang := range stemLanguages {
		st[i] = Stem(norm, lang)
	}
	return lexWord{text: norm, alt: &lexAlt{stems: &st}}
}

// plainWord reports whether w is ASCII letters with apostrophes only
// inside: a word the scanner keeps whole and only lower-cases.
func plainWord(w string) bool {
	if w == "" || w[0] == '\'' || w[len(w)-1] == '\'' {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i] | 0x20
		if !('a' <= c && c <= 'z') && w[i] != '\'' {
			return false
		}
	}
	return true
}

// firstKeys are the keys a phrase's first word is indexed by: as written
// and, with an apostrophe, without it.
func firstKeys(w string) []string {
	if u := unApos(w); u != w {
		return []string{w, u}
	}
	return []string{w}
}

// unApos drops apostrophes from a folded word, so a word matches written
// with or without one ("mothers", "mother's").
func unApos(w string) string {
	if strings.IndexByte(w, '\'') < 0 {
		return w
	}
	return strings.ReplaceAll(w, "'", "")
}

// matchable reports whether a token can take part in a phrase.
func matchable(k TokenKind) bool {
	return k == Word || k == Number || k == Emoji || k == Hashtag
}

// Find returns every match in text order; at one position, longer matches
// come first. Matches may overlap; see FindLongest.
func (l *Lexicon) Find(d *Doc) []Match {
	m := d.finds
	if m == nil || m.owner != d {
		return l.find(d, nil)
	}
	if ms, ok := m.lookup(l); ok {
		return ms
	}
	// Found into a reused buffer: the memo and the caller each get a copy
	// of the size found.
	buf := matchBuffers.Get().(*[]Match)
	ms := l.find(d, (*buf)[:0])
	m.keep(l, ms)
	out := cloneMatches(ms)
	if cap(ms) <= 1024 {
		*buf = ms[:0]
		matchBuffers.Put(buf)
	}
	return out
}

// FindShared is Find for a caller that only reads the matches: the slice
// may be the one the Doc keeps for the next caller, so it must not be
// changed (appending to it is safe: its capacity is its length).
func (l *Lexicon) FindShared(d *Doc) []Match {
	m := d.finds
	if m == nil || m.owner != d {
		return l.find(d, nil)
	}
	if ms, ok := m.view(l); ok {
		return ms
	}
	buf := matchBuffers.Get().(*[]Match)
	ms := l.find(d, (*buf)[:0])
	out, ok := m.keep(l, ms)
	if !ok {
		out = cloneMatches(ms)
	}
	if cap(ms) <= 1024 {
		*buf = ms[:0]
		matchBuffers.Put(buf)
	}
	return out
}

// cloneMatches is a copy of ms of its length, nil when it is empty.
func cloneMatches(ms []Match) []Match {
	if len(ms) == 0 {
		return nil
	}
	return slices.Clone(ms)
}

// matchBuffers are the buffers Find finds into before it keeps a copy.
var matchBuffers = sync.Pool{New: func() any { return new([]Match) }}

// findMemo keeps what each lexicon found in one Doc, as several rules ask
// one lexicon (a grammar's classes, a list of cues) of the same post.
// Owner is the Doc it was made for: a copy of the Doc (read as another
// language) shares the pointer but not the answers. It keeps the answers
// of maxMemoLexicons lexicons at most: rules that compile a lexicon per
// story or event would otherwise grow it with every one they ask.
type findMemo struct {
	mu    sync.Mutex
	owner *Doc
	// found is a list, not a map: a post asks a few dozen lexicons, and
	// comparing pointers costs less than hashing them, and one slice less
	// than a map for the collector. The matches are kept one after the
	// other in kept.
	found []lexiconFinds
	kept  []Match
	// bare are the tokens' BareKeys, once asked for.
	bare []uint64
}

// lexiconFinds is what one lexicon found in a Doc: kept[start:end].
type lexiconFinds struct {
	lex        *Lexicon
	start, end int32
}

// maxMemoLexicons is how many lexicons' answers a Doc keeps.
const maxMemoLexicons = 128

// lookup returns a copy of what l found, if it is kept.
func (m *findMemo) lookup(l *Lexicon) ([]Match, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.found {
		if f := &m.found[k]; f.lex == l {
			return cloneMatches(m.kept[f.start:f.end]), true
		}
	}
	return nil, false
}

// view returns what l found, if it is kept, without a copy.
func (m *findMemo) view(l *Lexicon) ([]Match, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k := range m.found {
		if f := &m.found[k]; f.lex == l {
			return m.kept[f.start:f.end:f.end], true
		}
	}
	return nil, false
}

// keep keeps a copy of what l found and returns it, its capacity its
// length (nil when ms is empty); false when the memo is full and keeps
// nothing more.
func (m *findMemo) keep(l *Lexicon, ms []Match) ([]Match, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.found == nil {
		m.found = make([]lexiconFinds, 0, 32)
	}
	if len(m.found) >= maxMemoLexicons {
		return nil, false
	}
	start := len(m.kept)
	if m.kept == nil && len(ms) > 0 {
		m.kept = make([]Match, 0, max(16, len(ms)))
	}
	m.kept = append(m.kept, ms...)
	m.found = append(m.found, lexiconFinds{l, int32(start), int32(len(m.kept))})
	if len(ms) == 0 {
		return nil, true
	}
	return m.kept[start:len(m.kept):len(m.kept)], true
}

// leadSet holds the first bytes, first two bytes and last bytes of the
// words that may begin a phrase otherwise than by being its first word.
type leadSet struct {
	any          bool
	heads, tails [256 / 64]uint64 // first bytes, last bytes
	pairs        pairSet          // first two bytes
}

func (s *leadSet) addHead(b byte) { s.heads[b/64] |= 1 << (b % 64); s.any = true }
func (s *leadSet) addTail(b byte) { s.tails[b/64] |= 1 << (b % 64); s.any = true }
func (s *leadSet) addPairs(p pairSet) {
	if p.bits == nil {
		return
	}
	if s.pairs.bits == nil {
		s.pairs.bits = new([1 << 16 / 64]uint64)
	}
	for k, w := range p.bits {
		s.pairs.bits[k] |= w
	}
	s.any = true
}

// may reports whether a simple token's Norm (not empty) may begin a phrase
// by a prefix, a stem or a compound: false means it cannot.
func (s *leadSet) may(key string) bool {
	if !s.any {
		return false
	}
	if b := key[0]; s.heads[b/64]&(1<<(b%64)) != 0 {
		return true
	}
	if b := key[len(key)-1]; s.tails[b/64]&(1<<(b%64)) != 0 {
		return true
	}
	return len(key) >= 2 && s.pairs.has(pairKey(key))
}

// leadsOf collects the lexicon's leads: one-byte prefixes and compound
// heads by their byte, longer prefixes and stems by their first two
// bytes, compound tails by their last byte.
func (l *Lexicon) leadsOf() leadSet {
	var s leadSet
	for b := range l.prefixes.short.all() {
		s.addHead(b)
	}
	for b := range l.byHead.all() {
		s.addHead(b)
	}
	for b := range l.byTail.all() {
		s.addTail(b)
	}
	s.addPairs(l.prefixes.pairBits)
	s.addPairs(l.stemPairs)
	return s
}

// find is Find without the memo, appending to out (empty).
func (l *Lexicon) find(d *Doc, out []Match) []Match {
	li := stemLang(d)
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if ti := d.tokenInfo(i); ti.simple && !l.firsts.mayHold(ti.key) && !l.leads.may(t.Norm) {
			continue // nothing below can match it
		}
		tag := t.Kind == Hashtag || t.Kind == Mention && l.opts.Mentions
		if !matchable(t.Kind) && !tag {
			continue
		}
		n0 := len(out)
		if tag && (l.multi > 0 || len(l.hashRes) > 0) {
			hk := tagJoiners.Replace(t.Norm)
			for _, ei := range l.joinedIndex()[hk] {
				if l.langOK(ei, d) {
					out = append(out, Match{Entry: &l.entries[ei], Index: ei, Span: t.Span, First: i, Last: i, Hashtag: true, Obfuscated: t.Obfuscated})
				}
			}
			for k, re := range l.hashRes {
				if ei := l.hashIdx[k]; l.langOK(ei, d) && re.MatchString(hk) {
					out = append(out, Match{Entry: &l.entries[ei], Index: ei, Span: t.Span, First: i, Last: i, Hashtag: true, Obfuscated: t.Obfuscated})
				}
			}
		}
		key := t.Norm
		ti := d.tokenInfo(i)
		if ti.base != "" || ti.baseS != "" {
			// A possessive matches the word ("Brand's") and the word with
			// an s ("Mother's Day" for "mothers day").
			if l.firsts.mayHold(ti.baseKey) {
				out = l.tryFirst(d, i, ti.baseKey, li, out)
			}
			if l.firsts.mayHold(ti.baseSKey) {
				out = l.tryFirst(d, i, ti.baseSKey, li, out)
			}
		}
		if key != "" {
			if l.firsts.mayHold(ti.key) {
				out = l.tryFirst(d, i, ti.key, li, out)
			}
		}
		if ti.masked {
			// A masked token may be any entry's first word of its length
			// and first letter; with the first letter masked too, any of
			// its length.
			sh, byShape := shapeOf(key), l.shapes()
			if sh.first != '*' {
				for _, ei := range byShape[sh] {
					out = l.try(d, i, ei, li, out)
				}
			} else {
				for s, eis := range byShape {
					if s.n == sh.n {
						for _, ei := range eis {
							out = l.try(d, i, ei, li, out)
						}
					}
				}
			}
		}
		if key != "" {
			if ti.masked || key[0] == 0 {
				for _, ei := range l.prefixFirst.at(key[0]) {
					out = l.try(d, i, ei, li, out)
				}
			} else if l.prefixes.pairs != nil || l.prefixes.short.lists != nil {
				out = l.tryPrefixes(d, i, ti, li, out)
			}
			if key[0] == '*' {
				for b, eis := range l.prefixFirst.all() {
					if b != '*' {
						for _, ei := range eis {
							out = l.try(d, i, ei, li, out)
						}
					}
				}
			}
			if l.byHead.lists != nil || l.byTail.lists != nil {
				head := l.byHead.at(key[0])
				for _, ei := range head {
					out = l.tryCompound(d, i, ei, out)
				}
				for _, ei := range l.byTail.at(key[len(key)-1]) {
					if l.entries[ei].Compound != "both" || !contains(head, ei) {
						out = l.tryCompound(d, i, ei, out)
					}
				}
			}
		}
		if t.Kind == Number {
			for _, ei := range l.prefixFirst.at(0) {
				out = l.try(d, i, ei, li, out)
			}
		}
		if len(l.byStem) > 0 && (t.Kind == Word || t.Kind == Hashtag) && len(key) >= 3 && l.stemPairs.has(pairKey(key)) {
			for _, ei := range l.byStem[stemKey(key)] {
				out = l.try(d, i, ei, li, out)
			}
		}
		if l.script != nil {
			out = l.findScript(d, i, out)
		}
		if len(out)-n0 > 1 {
			found := out[n0:]
			slices.SortStableFunc(found, func(a, b Match) int { return cmp.Compare(b.Last, a.Last) })
			// Drop exact duplicates (an entry found by two lookups).
			k := n0 + 1
			for _, m := range out[n0+1:] {
				if dup(out[n0:k], m) {
					continue
				}
				out[k] = m
				k++
			}
			out = out[:k]
		}
	}
	return out
}

// firstEntry is an entry under its first word in byFirst, with the
// wordKey of its second word when that is a plain word (else 0).
type firstEntry struct {
	ei   int
	next uint64
}

// firstList is the entries under one first word in byFirst: all of
// them in entry order, and those without a plain second word (solo).
type firstList struct {
	all  []firstEntry
	solo []int
}

// pairOf is the byPair key of a first and a second word's keys.
func pairOf(first, second uint64) uint64 {
	return (first ^ bits.RotateLeft64(second, 29)) * 0x9e3779b97f4a7c15
}

// tryFirst tries the entries under the first word of key (byFirst) from
// token i, passing over those whose plain second word the next token,
// plain too, is not: most phrases that share a first word ("you are",
// "you should") are turned away without reading their words. Entries are
// tried in entry order.
func (l *Lexicon) tryFirst(d *Doc, i int, key uint64, li int, out []Match) []Match {
	if !l.solos.mayHold(key) {
		// Only the entries a plain next word continues (byPair) could
		// match, or, without a plain next word, those read below.
		if i+1 >= len(d.Tokens) {
			return out
		}
		if next := d.tokenInfo(i + 1); next.plain && !l.pairs.mayHold(pairOf(key, next.key)) {
			return out
		}
	}
	fl, ok := l.byFirst[key]
	if !ok {
		return out
	}
	if i+1 >= len(d.Tokens) {
		for _, ei := range fl.solo {
			out = l.try(d, i, ei, li, out)
		}
		return out
	}
	next := d.tokenInfo(i + 1)
	if !next.plain {
		for _, fe := range fl.all {
			out = l.try(d, i, fe.ei, li, out)
		}
		return out
	}
	solo := fl.solo
	var paired []int
	if len(fl.solo) < len(fl.all) {
		if pk := pairOf(key, next.key); l.pairs.mayHold(pk) {
			paired = l.byPair[pk]
		}
	}
	// Both lists are in entry order: merge them. A pair key shared by
	// another first word adds entries that try turns away.
	for len(solo) > 0 || len(paired) > 0 {
		var ei int
		if len(paired) == 0 || len(solo) > 0 && solo[0] < paired[0] {
			ei, solo = solo[0], solo[1:]
		} else {
			ei, paired = paired[0], paired[1:]
		}
		out = l.try(d, i, ei, li, out)
	}
	return out
}

// prefixIndex lists the entries whose first word is a prefix ("donat*")
// by the prefix's first two bytes, or its one byte, and by those of the
// prefix without its apostrophes. A token without a masked letter can
// only match a prefix it starts with (or, a possessive, whose word or word
// with an s starts with it), so Find tries the entries of two or three
// lists instead of every prefix sharing the token's first byte.
type prefixIndex struct {
	short byteIndex        // one-byte prefixes, by the byte
	pairs map[uint16][]int // longer prefixes, by their first two bytes
	// pairBits has a bit set for each key of pairs, so a token whose first
	// two bytes start no prefix costs no map lookup.
	pairBits pairSet
}

// pairSet is a set of two-byte keys (pairKey), as bits; nil when empty.
type pairSet struct {
	bits *[1 << 16 / 64]uint64
}

func (p *pairSet) add(k uint16) {
	if p.bits == nil {
		p.bits = new([1 << 16 / 64]uint64)
	}
	p.bits[k/64] |= 1 << (k % 64)
}

// has reports whether k is in the set.
func (p *pairSet) has(k uint16) bool {
	return p.bits != nil && p.bits[k/64]&(1<<(k%64)) != 0
}

// add indexes entry ei, whose first word is the prefix w.
func (x *prefixIndex) add(w *lexWord, ei int) {
	x.addKey(w.text, ei)
	if b := w.bare(); b != "" && b[0] == w.text[0] {
		// Under another first byte it would never be tried: Find looks
		// only under the token's first byte, as for a masked token.
		x.addKey(w.bare(), ei)
	}
}

func (x *prefixIndex) addKey(p string, ei int) {
	if len(p) == 1 {
		if l := x.short.at(p[0]); len(l) == 0 || l[len(l)-1] != ei {
			x.short.add(p[0], ei)
		}
		return
	}
	if x.pairs == nil {
		x.pairs = map[uint16][]int{}
	}
	k := pairKey(p)
	if l := x.pairs[k]; len(l) == 0 || l[len(l)-1] != ei {
		x.pairs[k] = append(l, ei)
	}
	x.pairBits.add(k)
}

// pairKey is the first two bytes of p (two or more bytes long).
func pairKey(p string) uint16 { return uint16(p[0])<<8 | uint16(p[1]) }

// tryPrefixes tries, in entry order, the prefix entries that token i (not
// masked; ti its tokenInfo) may match: those of its first byte, of its
// first two bytes, and, for a one-letter possessive ("a's"), of the letter
// and an s. The others of its first byte cannot match (see matches).
func (l *Lexicon) tryPrefixes(d *Doc, i int, ti *tokenInfo, li int, out []Match) []Match {
	key := d.Tokens[i].Norm
	a := l.prefixes.short.at(key[0])
	var b, c []int
	if len(key) >= 2 && l.prefixes.pairBits.has(pairKey(key)) {
		b = l.prefixes.pairs[pairKey(key)]
	}
	if len(ti.base) == 1 && key[1] != 's' && l.prefixes.pairBits.has(uint16(key[0])<<8|'s') {
		c = l.prefixes.pairs[uint16(key[0])<<8|'s']
	}
	last := -1
	for len(a)+len(b)+len(c) > 0 {
		ei := int(^uint(0) >> 1)
		for _, xs := range [...][]int{a, b, c} {
			if len(xs) > 0 && xs[0] < ei {
				ei = xs[0]
			}
		}
		if len(a) > 0 && a[0] == ei {
			a = a[1:]
		}
		if len(b) > 0 && b[0] == ei {
			b = b[1:]
		}
		if len(c) > 0 && c[0] == ei {
			c = c[1:]
		}
		if ei != last {
			out = l.try(d, i, ei, li, out)
			last = ei
		}
	}
	return out
}

// shapes is byShape, built on first use: the entries whose first word is a
// plain word (not a prefix, a number or a "~word"), by its shape.
func (l *Lexicon) shapes() map[shape][]int {
	l.shapeOnce.Do(func() {
		l.byShape = map[shape][]int{}
		for i, ws := range l.words {
			if len(ws) == 0 || ws[0].stems() != nil || ws[0].num || ws[0].prefix {
				continue // a hashtag expression, or not a plain word
			}
			sh := shapeOf(ws[0].text)
			l.byShape[sh] = append(l.byShape[sh], i)
		}
	})
	return l.byShape
}

// tagJoiners are dropped from a hashtag's body before it is compared with a
// phrase written as one word.
var tagJoiners = strings.NewReplacer("'", "", "-", "", "_", "")

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// langOK reports whether entry ei may match in d's language.
func (l *Lexicon) langOK(ei int, d *Doc) bool {
	if l.marks[ei]&entryLang == 0 {
		return true
	}
	lang := l.entries[ei].Lang
	return lang == "" || d.Language == "" || lang == d.Language
}

// try matches entry ei from token i and appends the match to out.
func (l *Lexicon) try(d *Doc, i, ei, li int, out []Match) []Match {
	t := &d.Tokens[i]
	if !l.langOK(ei, d) {
		return out
	}
	ws := l.words[ei]
	if (t.Kind == Hashtag || t.Kind == Mention) && len(ws) > 1 {
		return out // phrases inside hashtags and mentions are matched as joined words
	}
	e := &l.entries[ei]
	if l.marks[ei]&entryCase != 0 && strings.TrimPrefix(t.Raw, "#") != e.Phrase {
		return out
	}
	j := i
	obf := false
	for k := range ws {
		if j >= len(d.Tokens) {
			return out
		}
		n := &d.Tokens[j]
		if k > 0 && (n.SentenceStart && !l.opts.AcrossSentences || !matchable(n.Kind) || n.Kind == Hashtag || !l.joinable(d, &d.Tokens[j-1], n)) {
			return out
		}
		if !ws[k].matchesAt(d, j, li) && !ws[k].endedAt(n) {
			return out
		}
		obf = obf || n.Obfuscated
		j++
	}
	return append(out, Match{Entry: e, Index: ei, Span: Span{t.Start, d.Tokens[j-1].End}, First: i, Last: j - 1, Hashtag: t.Kind == Hashtag, Obfuscated: obf})
}

// tryCompound matches compound entry ei inside token i: at its start
// (prefix, both) or, outside hashtags, at its end (suffix, both).
func (l *Lexicon) tryCompound(d *Doc, i, ei int, out []Match) []Match {
	t := &d.Tokens[i]
	e := &l.entries[ei]
	if !l.langOK(ei, d) || t.Kind != Word && t.Kind != Hashtag {
		return out
	}
	if e.Case && strings.TrimPrefix(t.Raw, "#") != e.Phrase {
		return out
	}
	w, key := l.words[ei][0].text, t.Norm
	if key == w {
		return out // a whole word is found by its first word
	}
	ok := false
	switch e.Compound {
	case "prefix":
		ok = strings.HasPrefix(key, w)
	case "suffix":
		ok = t.Kind != Hashtag && strings.HasSuffix(key, w)
	case "both":
		ok = strings.HasPrefix(key, w) || t.Kind != Hashtag && strings.HasSuffix(key, w)
	}
	if !ok {
		return out
	}
	return append(out, Match{Entry: e, Index: ei, Span: t.Span, First: i, Last: i, Hashtag: t.Kind == Hashtag, Obfuscated: t.Obfuscated})
}

// joinable reports whether what stands between two tokens keeps them in
// one phrase under the lexicon's separator setting.
func (l *Lexicon) joinable(d *Doc, a, b *Token) bool {
	if l.opts.Separators == AnySeparator {
		return true
	}
	if b.Start-a.End > 4 {
		return false
	}
	for _, r := range d.runes[a.End:b.Start] {
		switch r {
		case ' ', '-', '/', '\u00a0', '\u2010', '\u2011', '\u2013':
		case ',':
			if l.opts.Separators != CommaSeparator {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func dup(ms []Match, m Match) bool {
	for _, x := range ms {
		if x.Entry == m.Entry && x.Span == m.Span {
			return true
		}
	}
	return false
}

// FindLongest returns non-overlapping matches, leftmost-longest first.
func (l *Lexicon) FindLongest(d *Doc) []Match {
	all := l.Find(d)
	out := all[:0]
	next := 0
	for _, m := range all {
		if m.First < next {
			continue
		}
		out = append(out, m)
		next = m.Last + 1
	}
	return out
}

// Contains reports whether any entry occurs in d.
func (l *Lexicon) Contains(d *Doc) bool { return len(l.Find(d)) > 0 }

// matchesAt is matches for token j of d, with the common case first: a
// plain word and a plain token match only when equal.
func (w *lexWord) matchesAt(d *Doc, j, li int) bool {
	ti := d.tokenInfo(j)
	if w.plain && ti.plain {
		return ti.key == w.key && d.Tokens[j].Norm == w.text || w.alt != nil && w.alt.flat != "" && d.Tokens[j].Norm == w.alt.flat
	}
	return w.matches(&d.Tokens[j], ti, li)
}

// takesEnding reports whether a phrase word is matched with a Korean
// particle or a Hindi ending after it (endedAt), so that the key of the
// token it matches may differ from its own.
func takesEnding(w string) bool {
	s := wordScript(w)
	return s.inflected() && scriptStemLang(s) == "" && runeLen(w) >= minScriptWord(s)
}

// endedAt reports whether token t is the phrase word with a Korean
// particle or a Hindi ending written onto it ("법적 조치를" is "법적 조치"
// with the object particle), as one-word entries are matched through the
// script index.
func (w *lexWord) endedAt(t *Token) bool {
	if w.prefix || w.any || w.num || len(t.Norm) <= len(w.text) || !strings.HasPrefix(t.Norm, w.text) {
		return false
	}
	if !takesEnding(w.text) {
		return false
	}
	return endings()[wordScript(w.text)][t.Norm[len(w.text):]]
}

// matches reports whether one phrase word matches a token (ti its
// tokenInfo); li is the post's stemming language (an index into
// stemLanguages).
func (w *lexWord) matches(t *Token, ti *tokenInfo, li int) bool {
	if w.num {
		return t.Kind == Number
	}
	if w.any {
		return t.Kind == Word
	}
	if w.stems() != nil {
		if t.Kind != Word && t.Kind != Hashtag || len(t.Norm) < 3 || stemKey(t.Norm) != stemKey(w.text) {
			return false
		}
		return t.Norm == w.text || Stem(t.Norm, stemLanguages[li]) == w.alt.stems[li]
	}
	norm := t.Norm
	if t.Kind == Emoji {
		return norm == w.text
	}
	if wordMatch(w.text, w.prefix, norm) || w.flat() != "" && wordMatch(w.flat(), w.prefix, norm) {
		return true
	}
	if w.bare() != "" {
		// A phrase's apostrophe may be left out ("Mothers Day", "lets
		// party"); one in the post is never ignored, or "he'll" would read
		// "hell".
		if a := w.bare(); a == norm || w.prefix && strings.HasPrefix(norm, a) {
			return true
		}
		return false
	}
	if ti.base != "" || ti.baseS != "" {
		return wordMatch(w.text, w.prefix, ti.base) || wordMatch(w.text, w.prefix, ti.baseS)
	}
	return false
}

// wordMatch compares a phrase word with a token's Norm; "*" in the Norm is
// a masked letter.
func wordMatch(pattern string, prefix bool, word string) bool {
	if word == pattern {
		return true
	}
	if strings.IndexByte(word, '*') < 0 {
		if prefix {
			return strings.HasPrefix(word, pattern)
		}
		return word == pattern
	}
	if !prefix && utf8.RuneCountInString(word) != utf8.RuneCountInString(pattern) {
		return false
	}
	pr := []rune(pattern)
	wr := []rune(word)
	if len(wr) < len(pr) {
		return false
	}
	letters := 0
	for i, c := range pr {
		if wr[i] != '*' {
			if wr[i] != c {
				return false
			}
			letters++
		}
	}
	// A mask needs at least one visible letter to mean anything.
	return letters > 0
}
