package queue

import (
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
)

// Affected returns the test a re-check uses to pick the queued posts that
// new articles can change the verdict of: a post whose audience overlaps an
// article's regions (an article with no regions reaches everyone, and a post
// with no regions goes to everyone), or whose text or brand shares a word
// with an article's names and hashtags (a brand in the news, a tag in a
// story abroad). The test is linear in the post's length: the articles'
// words are read once into a set.
func Affected(arts []checker.Article) func(checker.Post) bool {
	regions := map[string]bool{}
	everywhere := false
	words := map[string]bool{}
	for _, a := range arts {
		if len(a.Regions) == 0 {
			everywhere = true
		}
		for _, r := range a.Regions {
			regions[strings.ToUpper(r)] = true
		}
		for _, n := range a.Entities {
			addWords(words, n)
		}
		for _, h := range a.Hashtags {
			addWords(words, strings.TrimPrefix(h, "#"))
		}
	}
	return func(p checker.Post) bool {
		if everywhere || len(p.Regions) == 0 {
			return len(arts) > 0
		}
		for _, r := range p.Regions {
			if regions[strings.ToUpper(r)] {
				return true
			}
		}
		return sharesWord(words, p.Text) || sharesWord(words, p.Brand)
	}
}

// minWord keeps short function words ("the", "of") out of the name set.
const minWord = 3

func addWords(set map[string]bool, s string) {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), notWordRune) {
		if len([]rune(w)) >= minWord {
			set[w] = true
		}
	}
}

func sharesWord(set map[string]bool, s string) bool {
	if len(set) == 0 || s == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), notWordRune) {
		if set[w] {
			return true
		}
	}
	return false
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
