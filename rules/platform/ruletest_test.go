package platform

import (
	"path/filepath"
	"testing"

	"github.com/preflight-dev/preflight/internal/ruletest"
)

// TestRuleCases runs testdata/*.txtar; link_hygiene.txtar runs with a
// team's shortener settings (go.acme.com added, acme.co allowed).
func TestRuleCases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		opts := Options{}
		if filepath.Base(f) == "link_hygiene.txtar" {
			opts = Options{AllowShorteners: []string{"acme.co"}, Shorteners: []string{"go.acme.com"}}
		}
		rs, err := Rules(opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f), func(t *testing.T) { ruletest.RunFile(t, f, ruletest.Config{Rules: rs}) })
	}
}
