package calendars

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/golden"
)

// TestYearGolden lists 2026 for a few regions in testdata/2026.golden, so a
// data or algorithm change shows as a reviewable diff.
func TestYearGolden(t *testing.T) {
	c := newCal(t, Options{})
	var sb strings.Builder
	for _, r := range []string{"US", "GB", "NO", "IL", "SA", "IN", "CN"} {
		for _, o := range c.year(r, 2026) {
			fmt.Fprintf(&sb, "%s %s %-32s %-10s %-11s w=%.2f %s..%s %q %q greet=%v\n", r, o.Date, o.ID, o.Kind, o.Tone, o.Weight,
				o.Start.Format("01-02T15:04"), o.End.Format("01-02T15:04"), o.Name, o.LocalName, o.Greeting)
		}
	}
	golden.Check(t, filepath.Join("testdata", "2026.golden"), sb.String())
}
