package text

import (
	"fmt"
	"strings"
)

// Entry is one phrase of a lexicon. Phrase is words separated by spaces; a
// word ending in "*" matches any word with that prefix ("fuck*" matches
// "fucking"). Value and Tags are the caller's payload (a replacement, a
// category).
type Entry struct {
	Phrase string   `yaml:"phrase" json:"phrase"`
	Value  string   `yaml:"value,omitempty" json:"value,omitempty"`
	Tags   []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// Match is an entry found in a Doc; First and Last index Doc.Tokens.
type Match struct {
	Entry *Entry
	Span
	First, Last int
}

// Lexicon finds phrases in a Doc's tokens (words, numbers and hashtag
// bodies) by their normalised form. Build it once; it is safe for
// concurrent use.
type Lexicon struct {
	entries []Entry
	words   [][]string
	byFirst map[string][]int
	prefix  []int // entries whose first word is a prefix pattern
}

// NewLexicon compiles entries.
func NewLexicon(entries []Entry) (*Lexicon, error) {
	l := &Lexicon{entries: append([]Entry(nil), entries...), byFirst: map[string][]int{}}
	for i, e := range l.entries {
		ws := strings.Fields(Normalise(e.Phrase))
		if len(ws) == 0 {
			return nil, fmt.Errorf("lexicon entry %d: empty phrase", i)
		}
		l.words = append(l.words, ws)
		if strings.HasSuffix(ws[0], "*") {
			l.prefix = append(l.prefix, i)
		} else {
			l.byFirst[ws[0]] = append(l.byFirst[ws[0]], i)
		}
	}
	return l, nil
}

// Find returns every match, longest first at each position, in text order.
func (l *Lexicon) Find(d *Doc) []Match {
	var out []Match
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word && t.Kind != Number && t.Kind != Hashtag {
			continue
		}
		try := func(ei int) {
			ws := l.words[ei]
			j := i
			for _, w := range ws {
				if j >= len(d.Tokens) || !wordMatch(w, d.Tokens[j].Norm) {
					return
				}
				j++
			}
			out = append(out, Match{Entry: &l.entries[ei], Span: Span{t.Start, d.Tokens[j-1].End}, First: i, Last: j - 1})
		}
		for _, ei := range l.byFirst[t.Norm] {
			try(ei)
		}
		for _, ei := range l.prefix {
			try(ei)
		}
	}
	return out
}

func wordMatch(pattern, word string) bool {
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(word, p)
	}
	return pattern == word
}
