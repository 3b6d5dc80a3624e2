package calendar

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/golden"
)

// TestGolden keeps every case's full findings (message, suggestion,
// evidence) in testdata/findings.golden so wording changes show as diffs.
func TestGolden(t *testing.T) {
	e := engine(t, Options{})
	var sb strings.Builder
	for _, tc := range cases {
		rep, err := e.Check(context.Background(), casePost(tc.name, tc.text, tc.when, tc.regions))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sb, "# %s\n%s %v %q -> %s\n", tc.name, tc.when, tc.regions, tc.text, rep.Verdict)
		for _, f := range rep.Findings {
			fmt.Fprintf(&sb, "  %s %s [%d,%d) %q\n    %s\n    fix: %s\n", f.Rule, f.Severity, *f.Start, *f.End, f.Match, f.Message, f.Suggestion)
			for _, ev := range f.Evidence {
				fmt.Fprintf(&sb, "    evidence: %s %s %s\n", ev.Type, ev.Title, ev.Date)
			}
		}
	}
	golden.Check(t, filepath.Join("testdata", "findings.golden"), sb.String())
}
