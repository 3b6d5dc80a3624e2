package config

import (
	"os"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules"
)

// TestReadmeExample parses the preflight.yaml shown in the README and builds
// the rules and the calendar from it, so the documentation stays true.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## Configuration")
	if !ok {
		t.Fatal("README has no Configuration section")
	}
	_, block, ok := strings.Cut(after, "```yaml\n")
	if !ok {
		t.Fatal("no yaml block in the Configuration section")
	}
	block, _, _ = strings.Cut(block, "```")
	f, err := Parse([]byte(block))
	if err != nil {
		t.Fatalf("README's preflight.yaml: %v", err)
	}
	if f.Brand != "Northway" || len(f.Service.APIKeys) != 1 || len(f.CompanyDays.Days) != 1 || f.Platform != checker.PlatformX {
		t.Errorf("sections not read: %+v", f)
	}
	rs, err := rules.All(f.Options)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checker.New(checker.Config{Rules: rs, Profile: f.Profile}); err != nil {
		t.Errorf("engine refuses the README's rule settings: %v", err)
	}
	if _, err := calendars.New(f.CompanyDays); err != nil {
		t.Errorf("calendar refuses the README's company days: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"brand: x\nbrnad: y\n", "2: "},
		{"regions: [USA]\n", "regions[0]"},
		{"platform: myspace\n", "platform"},
		{"brand: [unclosed\n", "1: "},
		{"service:\n  api_keys: 5\n", "2: "},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
	f, err := Parse(nil)
	if err != nil || f.Brand != "" {
		t.Errorf("empty file: %v", err)
	}
}
