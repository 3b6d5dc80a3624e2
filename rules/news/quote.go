package news

import (
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// quoted is a phrase the post puts in quotation marks, as stems.
type quoted struct {
	span  text.Span
	stems []string
}

// maxQuotes caps the quoted phrases read from one post, so the work stays
// linear in its length.
const maxQuotes = 8

// quotedPhrases returns the post's phrases in quotation marks ("…", “…”,
// «…») of two words or more with at least one that is not a stopword:
// the way a post borrows a line from the news. One pass over the text.
func (r *reader) quotedPhrases(d *text.Doc) []quoted {
	if !strings.ContainsAny(d.Raw, "\"“«") {
		return nil
	}
	rs := []rune(d.Raw)
	var out []quoted
	open := -1
	var closer rune
	for i, c := range rs {
		switch {
		case open < 0 && (c == '"' || c == '“' || c == '«'):
			open = i
			closer = map[rune]rune{'"': '"', '“': '”', '«': '»'}[c]
		case open >= 0 && (c == closer || c == '"' && closer == '”'):
			s := text.Span{Start: open + 1, End: i}
			var stems []string
			content := false
			for _, t := range d.Tokens {
				if t.Kind == text.Word && t.Start >= s.Start && t.End <= s.End {
					stems = append(stems, stemWord(t.Norm))
					content = content || !r.stop[t.Norm]
				}
			}
			if len(stems) >= 2 && content && len(stems) <= 12 {
				out = append(out, quoted{span: s, stems: stems})
				if len(out) == maxQuotes {
					return out
				}
			}
			open = -1
		}
	}
	return out
}

// stemsOfText splits a headline or summary into stemmed words.
func stemsOfText(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = stemWord(w)
	}
	return out
}

// quotesCoverage returns the first of the event's articles whose headline
// or summary holds the quoted phrase word for word.
func quotesCoverage(q quoted, ev checker.Event) (checker.Article, bool) {
	for _, a := range ev.Evidence {
		for _, s := range []string{a.Title, a.Summary} {
			if containsRun(stemsOfText(s), q.stems) {
				return a, true
			}
		}
	}
	return checker.Article{}, false
}

func containsRun(hay, needle []string) bool {
	for i := 0; i+len(needle) <= len(hay); i++ {
		ok := true
		for k := range needle {
			if hay[i+k] != needle[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
