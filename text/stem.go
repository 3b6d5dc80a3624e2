package text

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/norwegian"
)

// Stem returns the Snowball stem of a folded word in a language ("no" for
// Norwegian, anything else English): "celebrating" and "celebration" are
// both "celebr". The stemmers are Bleve's (github.com/blevesearch/
// snowballstem, BSD licence), the ones its English and Norwegian analysers
// use, so a post and an indexed headline stem alike.
func Stem(word, lang string) string {
	env := snowball.NewEnv(word)
	if lang == "no" {
		norwegian.Stem(env)
	} else {
		english.Stem(env)
	}
	return env.Current()
}

// stemLanguages are the languages a "~word" is stemmed in when a lexicon
// is compiled; a post in any other language is stemmed as English.
var stemLanguages = [...]string{"en", "no"}

// stemLang picks the stemmer for a Doc.
func stemLang(d *Doc) int {
	if d.Language == "no" {
		return 1
	}
	return 0
}
