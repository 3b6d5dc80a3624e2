package main

import (
	"os"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/calendars"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/config"
	"github.com/preflight-dev/preflight/rules"
)

// TestReadmeExample parses the preflight.yaml shown in the README with the
// adapters' sections and builds the rules and the calendar from it, so the
// documentation stays true.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
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
	var s adapterSettings
	f, err := config.ParseWith([]byte(block), &s)
	if err != nil {
		t.Fatalf("README's preflight.yaml: %v", err)
	}
	if f.Brand != "Northway" || len(s.Service.APIKeys) != 1 || len(s.CompanyDays.Days) != 1 || s.NewsIndex.Retention == 0 || f.Platform != checker.PlatformX {
		t.Errorf("sections not read: %+v %+v", f, s)
	}
	rs, err := rules.All(f.Options)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checker.New(checker.Config{Rules: rs, Profile: f.Profile}); err != nil {
		t.Errorf("engine refuses the README's rule settings: %v", err)
	}
	if _, err := calendars.New(s.CompanyDays); err != nil {
		t.Errorf("calendar refuses the README's company days: %v", err)
	}
}

// TestSettingsReadAdapterSections: the commands read the service, news
// index and calendar sections, and a misspelt key in one is an error on
// its line.
func TestSettingsReadAdapterSections(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/preflight.yaml", []byte("service:\n  api_keys: [k1]\nnews_index:\n  retention: 1h\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(dir)
	if err != nil || s.Service.APIKeys[0] != "k1" || s.NewsIndex.Retention.Hours() != 1 {
		t.Fatalf("loadSettings: %+v, %v", s, err)
	}
	if err := os.WriteFile(dir+"/preflight.yaml", []byte("brand: x\nservice:\n  api_key: [k1]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadSettings(dir); err == nil || !strings.Contains(err.Error(), "preflight.yaml:3:") || !strings.Contains(err.Error(), "api_keys") {
		t.Errorf("misspelt service key: %v", err)
	}
}
