package hashtag

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

// TestGolden checks the full hashtag findings of testdata/posts.txt against
// testdata/findings.golden; go test -update rewrites it for review.
func TestGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "posts.txt"))
	if err != nil {
		t.Fatal(err)
	}
	e := engine(t, Options{}, testNews, checker.Profile{Brand: "Acme Bank"})
	var out strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		what, text, ok := strings.Cut(line, "\t")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		rep, err := e.Check(context.Background(), checker.Post{Text: text, ScheduledAt: day})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "== %s: %s\nverdict %s, score %d\n", what, text, rep.Verdict, rep.Score)
		for _, f := range rep.Findings {
			fmt.Fprintf(&out, "  %s %s %d-%d %q\n    %s\n", f.Rule, f.Severity, *f.Start, *f.End, f.Match, f.Message)
			if f.Suggestion != "" {
				fmt.Fprintf(&out, "    fix: %s\n", f.Suggestion)
			}
			for _, ev := range f.Evidence {
				fmt.Fprintf(&out, "    evidence: %s %q %s\n", ev.Type, ev.Title, ev.Date)
			}
		}
	}
	golden.Check(t, filepath.Join("testdata", "findings.golden"), out.String())
}
