package calendar

import (
	"strings"

	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// word is one folded word of a text with its code-point span in the text
// the user wrote.
type word struct {
	w       string
	span    text.Span
	hashtag bool
}

// foldWords splits raw into lower-case words of letters and digits.
// Apostrophes inside words are dropped ("Mother's", "Mother’s" → "mothers"),
// a hashtag's body is one word, and "%" is kept as a word of its own so
// "40% off" reads "40 % off".
func foldWords(raw string) []word {
	out := make([]word, 0, len(raw)/5+1)
	buf := make([]byte, 0, 32)
	start, n := -1, 0 // n counts code points
	hashtag := false
	flush := func(end int) {
		if start >= 0 && len(buf) > 0 {
			out = append(out, word{w: string(buf), span: text.Span{Start: start, End: end}, hashtag: hashtag})
		}
		buf = buf[:0]
		start, hashtag = -1, false
	}
	for i := 0; i < len(raw); n++ {
		r, size := rune(raw[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(raw[i:])
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if start < 0 {
				start = n
			}
			buf = append(buf, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			if start < 0 {
				start = n
			}
			buf = append(buf, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			if start < 0 {
				start = n
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case (r == '\'' || r == '’' || r == 'ʼ' || r == '‘') && start >= 0 && len(buf) > 0 && nextIsLetter(raw[i+size:]):
			// inside a word: drop
		case r == '#' && start < 0:
			hashtag = true
			start = n
		case r == '%':
			flush(n)
			out = append(out, word{w: "%", span: text.Span{Start: n, End: n + 1}})
		default:
			flush(n)
		}
		i += size
	}
	flush(n)
	return out
}

func nextIsLetter(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// wordsKey keeps a post's folded words in the pass's memo, so the three
// calendar rules fold each post once.
type wordsKey struct{}

// postWords returns the post's folded words.
func postWords(p *checker.Pass) []word {
	return p.Memo(wordsKey{}, func() any { return foldWords(p.Doc.Raw) }).([]word)
}

// phrase is one compiled entry of a phraseSet.
type phrase struct {
	words  []string
	prefix bool // the last word is a prefix
	key    string
}

// phraseSet finds phrases in folded words. Multi-word phrases also match as
// one hashtag written without spaces (#PearlHarbor).
type phraseSet struct {
	byFirst map[string][]int
	prefix  []int // phrases whose only word is a prefix pattern
	list    []phrase
}

func newPhraseSet() *phraseSet { return &phraseSet{byFirst: map[string][]int{}} }

// add compiles s and tags it with key.
func (ps *phraseSet) add(s, key string) {
	ws := make([]string, 0, 4)
	for _, w := range foldWords(s) {
		ws = append(ws, w.w)
	}
	if len(ws) == 0 {
		return
	}
	p := phrase{words: ws, key: key, prefix: strings.HasSuffix(strings.TrimSpace(s), "*")}
	ps.put(p)
	if len(ws) > 1 {
		ps.put(phrase{words: []string{strings.Join(ws, "")}, prefix: p.prefix, key: key})
	}
}

func (ps *phraseSet) put(p phrase) {
	i := len(ps.list)
	ps.list = append(ps.list, p)
	if p.prefix && len(p.words) == 1 {
		ps.prefix = append(ps.prefix, i)
		return
	}
	ps.byFirst[p.words[0]] = append(ps.byFirst[p.words[0]], i)
}

// hit is a phrase found at words[first:last+1].
type hit struct {
	key         string
	span        text.Span
	first, last int
	alt         int // 0: the post's text; i+1: media i's alt text
}

// find returns every phrase occurrence in ws, in text order.
func (ps *phraseSet) find(ws []word) []hit {
	var out []hit
	for i := range ws {
		try := func(pi int) {
			p := &ps.list[pi]
			if i+len(p.words) > len(ws) {
				return
			}
			for k, w := range p.words {
				got := ws[i+k].w
				if k == len(p.words)-1 && p.prefix {
					if !strings.HasPrefix(got, w) {
						return
					}
				} else if got != w {
					return
				}
			}
			j := i + len(p.words) - 1
			out = append(out, hit{key: p.key, span: text.Span{Start: ws[i].span.Start, End: ws[j].span.End}, first: i, last: j})
		}
		for _, pi := range ps.byFirst[ws[i].w] {
			try(pi)
		}
		for _, pi := range ps.prefix {
			try(pi)
		}
	}
	return out
}

// startingAt returns the phrases that begin at word i.
func (ps *phraseSet) startingAt(ws []word, i int) []hit {
	var out []hit
	for _, h := range ps.find(ws[i:min(len(ws), i+8)]) {
		if h.first == 0 {
			h.first, h.last = h.first+i, h.last+i
			out = append(out, h)
		}
	}
	return out
}
