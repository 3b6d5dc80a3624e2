package reply

import (
	"embed"
	"fmt"

	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/rules/internal/pack"
)

//go:embed data/*.yaml
var dataFS embed.FS

// Term is a phrase a reply rule reports, in data/*.yaml or in a rule's
// "extra" list in preflight.yaml.
type Term = lexicon.Term

// LexiconOptions is a reply rule's "extra" phrases and "allow" list in
// preflight.yaml, on top of its built-in data file.
type LexiconOptions = lexicon.Options

// settings lets a comma sit inside a phrase: replies address the customer
// ("actually, you", "honestly, calm down").
var settings = lexicon.Settings{Commas: true}

// readFile loads a data file into v (a lexicon.File or a shape inlining it).
func readFile(name string, v any) error {
	if err := lexicon.Load(dataFS, "data/"+name, v); err != nil {
		return fmt.Errorf("reply: %w", err)
	}
	return nil
}

// packCheck compiles rule id from the built-in pack file, with the rule's
// options from preflight.yaml.
func packCheck(file, id string, o LexiconOptions) (*pack.Check, error) {
	c, err := pack.Builtin(dataFS, "data/"+file, id, o)
	if err != nil {
		return nil, fmt.Errorf("reply: %w", err)
	}
	return c, nil
}
