package news

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/titles.yaml
var titlesYAML []byte

// titlesFile is the shape of data/titles.yaml.
type titlesFile struct {
	Source  string              `yaml:"source"`
	Licence string              `yaml:"licence"`
	Titles  map[string][]string `yaml:"titles"`
	Names   map[string][]string `yaml:"names"`
}

// titledSet is every "title name" phrase of other languages, compiled:
// entry i of lex stands for english[i] ("Pope Francis").
type titledSet struct {
	lex     *text.Lexicon
	english []string
}

// titledNamesSet compiles data/titles.yaml once.
var titledNamesSet = sync.OnceValues(func() (*titledSet, error) { return parseTitles(titlesYAML) })

// parseTitles builds the phrases of every title word before every name
// form, in the data's languages, each standing for its English title and
// name.
func parseTitles(b []byte) (*titledSet, error) {
	var f titlesFile
	if err := strictyaml.Decode(b, &f); err != nil {
		return nil, fmt.Errorf("data/titles.yaml: %w", err)
	}
	if f.Source == "" || f.Licence == "" || len(f.Titles) == 0 || len(f.Names) == 0 {
		return nil, fmt.Errorf("data/titles.yaml: source, licence, titles and names are required")
	}
	s := &titledSet{}
	var entries []text.Entry
	seen := map[string]bool{}
	for title, words := range f.Titles {
		for name, forms := range f.Names {
			english := title + " " + name
			for _, w := range words {
				for _, n := range append([]string{strings.ToLower(name)}, forms...) {
					phrase := strings.ToLower(w + " " + n)
					if seen[phrase] {
						continue
					}
					seen[phrase] = true
					entries = append(entries, text.Entry{Phrase: phrase})
					s.english = append(s.english, english)
				}
			}
		}
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		return nil, fmt.Errorf("data/titles.yaml: %w", err)
	}
	s.lex = lex
	return s, nil
}

// titledNames finds popes and monarchs named in another language ("Papa
// Francesco", "Rey Carlos") and gives each the English name the coverage
// uses, so that the post's name is looked up as the news writes it. An
// English post names them as the coverage does.
func titledNames(d *text.Doc) []candidate {
	if d.Language == "en" {
		return nil
	}
	s, err := titledNamesSet()
	if err != nil {
		return nil // TestTitlesParse reports a bad built-in file
	}
	var out []candidate
	for _, m := range s.lex.FindLongest(d) {
		out = append(out, candidate{term: s.english[m.Index], span: m.Span, capital: true})
	}
	return out
}
