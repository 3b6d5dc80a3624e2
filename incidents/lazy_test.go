package incidents

import (
	"errors"
	"reflect"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestLazyFinderReadsOnNeed proves the library is not read for a report
// with only low findings, is read once when a medium finding needs a
// precedent, and that the result is the eager Finder's.
func TestLazyFinderReadsOnNeed(t *testing.T) {
	loads := 0
	z := NewLazyFinder(func() (*Library, error) { loads++; return Default() })
	low := checker.Report{Findings: []checker.Finding{{Rule: "x", Severity: checker.SeverityLow}}}
	z.Annotate(&low)
	if loads != 0 {
		t.Fatalf("library read %d times for a report with only low findings", loads)
	}
	lib, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rule := ""
	for _, m := range lib.Mechanisms {
		for _, r := range m.Rules {
			if _, ok := NewFinder(lib).Find(Query{Rule: r}); ok && rule == "" {
				rule = r
			}
		}
	}
	if rule == "" {
		t.Fatal("no rule of the library has a precedent")
	}
	mk := func() checker.Report {
		return checker.Report{Findings: []checker.Finding{{Rule: rule, Severity: checker.SeverityHigh, Match: "x"}}}
	}
	lazy, eager := mk(), mk()
	z.Annotate(&lazy)
	z.Annotate(&lazy)
	NewFinder(lib).Annotate(&eager)
	if loads != 1 {
		t.Errorf("library read %d times, want 1", loads)
	}
	if len(lazy.Findings[0].Evidence) != 1 {
		t.Errorf("lazy finder added %d precedents, want 1", len(lazy.Findings[0].Evidence))
	}
	if !reflect.DeepEqual(lazy, eager) {
		t.Errorf("lazy finder annotated %+v, eager %+v", lazy.Findings, eager.Findings)
	}
}

// TestLazyFinderReportsBadLibrary leaves the report alone and returns the
// load error from Ready.
func TestLazyFinderReportsBadLibrary(t *testing.T) {
	bad := errors.New("broken")
	z := NewLazyFinder(func() (*Library, error) { return nil, bad })
	rep := checker.Report{Findings: []checker.Finding{{Rule: "x", Severity: checker.SeverityHigh}}}
	z.Annotate(&rep)
	if len(rep.Findings[0].Evidence) != 0 {
		t.Errorf("evidence added from a broken library: %+v", rep.Findings[0].Evidence)
	}
	if err := z.Ready(); !errors.Is(err, bad) {
		t.Errorf("Ready() = %v, want %v", err, bad)
	}
}
