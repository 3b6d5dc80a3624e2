package text

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are the Snowball stemmers by language (Bleve's snowballstem,
// BSD licence). Polish has none: its words are kept whole. Russian and
// Arabic, detected by their script, have theirs.
var stemmers = map[string]func(*snowball.Env) bool{
	"ar": arabic.Stem, "ru": russian.Stem, "da": danish.Stem, "de": german.Stem, "en": english.Stem, "es": spanish.Stem, "fi": finnish.Stem,
	"fr": french.Stem, "it": italian.Stem, "nl": dutch.Stem, "no": norwegian.Stem, "pt": portuguese.Stem,
	"sv": swedish.Stem, "tr": turkish.Stem,
}

// StemIn returns the Snowball stem of a lower-case word in a language
// (as Doc.Language names it: "es", "no" …), or the word itself for a
// language without a stemmer ("pl") and for words under three letters.
// A vocabulary written in a language and a post read in it are stemmed
// with this one function, so the two meet.
func StemIn(word, lang string) string {
	st := stemmers[lang]
	if st == nil || len(word) < 3 {
		return word
	}
	env := snowball.NewEnv(word)
	st(env)
	return env.Current()
}
