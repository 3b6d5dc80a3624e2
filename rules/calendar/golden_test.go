package calendar

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/golden"
	"github.com/preflight-dev/preflight/internal/ruletest"
)

// TestGolden keeps the full findings (message, suggestion, evidence) of
// every case in testdata/*.txtar in testdata/findings.golden, so wording
// changes show as diffs.
func TestGolden(t *testing.T) {
	e := engine(t, Options{})
	cases, err := ruletest.Cases("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, tc := range cases {
		p := tc.Post
		rep, err := e.Check(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sb, "# %s: %s\n%s %v %q -> %s\n", tc.File, tc.Comment, p.ScheduledAt.UTC().Format("2006-01-02T15:04:05Z"), p.Regions, p.Text, rep.Verdict)
		for _, f := range rep.Findings {
			fmt.Fprintf(&sb, "  %s %s [%d,%d) %q\n    %s\n    fix: %s\n", f.Rule, f.Severity, *f.Start, *f.End, f.Match, f.Message, f.Suggestion)
			for _, ev := range f.Evidence {
				fmt.Fprintf(&sb, "    evidence: %s %s %s\n", ev.Type, ev.Title, ev.Date)
			}
		}
	}
	golden.Check(t, filepath.Join("testdata", "findings.golden"), sb.String())
}
