package content

import (
	"embed"
	"fmt"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/rules/internal/pack"
)

//go:embed data/*.yaml
var dataFS embed.FS

// Term is a word or phrase a content rule reports, as written in
// data/*.yaml or in preflight.yaml (matching is described at lexicon.Term).
type Term = lexicon.Term

// LexiconOptions extends or trims one content rule's built-in lexicon
// (its "extra" terms and "allow" list in preflight.yaml).
type LexiconOptions = lexicon.Options

// settings match content phrases strictly: only spaces, hyphens and
// slashes may sit between their words.
var settings = lexicon.Settings{}

// lexiconRule builds a rule's lexicon from its data file and options.
func lexiconRule(file string, o LexiconOptions, def checker.Severity) (*lexicon.Lexicon, lexicon.File, error) {
	l, f, err := lexicon.Open(dataFS, "data/"+file, o, def, settings)
	if err != nil {
		return nil, f, fmt.Errorf("content: %w", err)
	}
	return l, f, nil
}

// newCued builds a rule's cued lexicon; with pairs, two different weak
// terms vouch for each other.
func newCued(file string, o LexiconOptions, def checker.Severity, pairs bool) (*lexicon.Cued, error) {
	c, err := lexicon.OpenCued(dataFS, "data/"+file, o, def, lexicon.CuedSettings{Settings: settings, Pairs: pairs})
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return c, nil
}

// packCheck compiles the rule id that the built-in pack file declares,
// with the rule's extra terms and allow list from preflight.yaml.
func packCheck(file, id string, o LexiconOptions) (*pack.Check, error) {
	c, err := pack.Builtin(dataFS, "data/"+file, id, o)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return c, nil
}

// packRule is packCheck's rule as the engine runs it.
func packRule(file, id string, o LexiconOptions) (*checker.Rule, error) {
	c, err := packCheck(file, id, o)
	if err != nil {
		return nil, err
	}
	return c.Rule(), nil
}
