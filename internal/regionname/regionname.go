// Package regionname gives a region code's English name, as
// golang.org/x/text/language/display does, from a table generated from it
// (regions.tsv, `go generate ./internal/regionname`): importing display
// cost every process, a one-post check included, over a millisecond of
// start-up to build its language matcher, for the web form's region labels.
package regionname

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./gen regions.tsv

//go:embed regions.tsv
var table string

// names maps an upper-case code to its name, read on first use.
var names = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, strings.Count(table, "\n"))
	for line := range strings.Lines(table) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		code, name, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		if ok {
			m[code] = name
		}
	}
	return m
})

// Name returns the English name of the region code names (ISO 3166-1
// alpha-2 or alpha-3, or a UN M.49 number, in any case), or "" when it
// names none.
func Name(code string) string {
	if len(code) != 2 && len(code) != 3 {
		return ""
	}
	return names()[strings.ToUpper(code)]
}
