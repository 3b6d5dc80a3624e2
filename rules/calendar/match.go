package calendar

import (
	"sync"

	"github.com/preflight-dev/preflight/text"
)

// phraseSet is a set of phrases keyed by what they name (a day's id, a
// greeting's index, a cue kind), matched by the text package's lexicon on
// the tokens of the post's one analysis: folded, look-alikes undone, a
// possessive or a missing apostrophe read alike ("Mothers Day"), a
// multi-word phrase also as one hashtag (#PearlHarbor). A day's name may
// run over what reads as a sentence end ("St. Patrick's Day", "22. juli").
type phraseSet struct {
	entries []text.Entry
	once    sync.Once
	lex     *text.Lexicon
}

func newPhraseSet() *phraseSet { return &phraseSet{} }

// add adds phrase s under key; a phrase with nothing to match (only
// punctuation) is left out. Adding after the first find is not allowed.
func (ps *phraseSet) add(s, key string) {
	ps.entries = append(ps.entries, text.Entry{Phrase: s, Value: key})
}

// compile builds the lexicon of the phrases that have something to match.
// The lexicon compiles each phrase once; only when it refuses one are the
// phrases checked one by one and the refused ones left out (checking each
// as it was added compiled every phrase twice, and a set never searched
// not at all).
func (ps *phraseSet) compile() *text.Lexicon {
	opts := text.LexiconOptions{AcrossSentences: true}
	// The set only ever appends to its entries, so the lexicon may keep
	// them rather than copy them.
	if l, err := text.KeepLexicon(ps.entries, opts); err == nil {
		return l
	}
	var usable []text.Entry
	for _, e := range ps.entries {
		if text.CheckPhrase(e.Phrase) == nil {
			usable = append(usable, e)
		}
	}
	// Every entry left passed CheckPhrase, so compiling cannot fail.
	return text.MustLexiconWith(usable, opts)
}

// hit is a phrase found in a text: its key, span and first and last
// token indexes.
type hit struct {
	key         string
	span        text.Span
	first, last int
	alt         int // 0: the post's text; i+1: media i's alt text
}

// find returns every phrase occurrence in d, in text order.
func (ps *phraseSet) find(d *text.Doc) []hit {
	ps.once.Do(func() { ps.lex = ps.compile() })
	if d == nil || ps.lex.Len() == 0 {
		return nil
	}
	ms := ps.lex.Find(d)
	out := make([]hit, 0, len(ms))
	for _, m := range ms {
		out = append(out, hit{key: m.Entry.Value, span: m.Span, first: m.First, last: m.Last})
	}
	return out
}

// startingAt keeps the hits that begin at token i.
func startingAt(hs []hit, i int) []hit {
	var out []hit
	for _, h := range hs {
		if h.first == i {
			out = append(out, h)
		}
	}
	return out
}
