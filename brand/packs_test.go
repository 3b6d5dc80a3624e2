package brand

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestEnablePacks: a brand's packs turn their opt-in rules on through its
// rule settings, keeping what the brand set for them and leaving other
// brands and the configuration untouched; an unknown or always-on pack is
// an error naming the setting.
func TestEnablePacks(t *testing.T) {
	rule := func(id, pack string, optIn bool) *checker.Rule {
		return &checker.Rule{ID: id, Pack: pack, OptIn: optIn}
	}
	rs := []*checker.Rule{rule("team.a", "legal", true), rule("team.b", "legal", true), rule("team.c", "promo", true),
		rule("content.political", "political", false)}
	cfg := Config{
		"Harbor":   {Packs: []string{"legal"}, Rules: map[string]checker.RuleSetting{"team.a": {Severity: checker.SeverityLow}}},
		"Gullwing": {},
	}
	bk, err := New(cfg, checker.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	if err := bk.EnablePacks(rs); err != nil {
		t.Fatal(err)
	}
	h := bk.Lookup("Harbor")
	if s := h.Rules["team.a"]; !s.Enabled || s.Severity != checker.SeverityLow {
		t.Errorf("team.a for Harbor: %+v, want on at low", s)
	}
	if !h.Rules["team.b"].Enabled || h.Rules["team.c"].Enabled {
		t.Errorf("Harbor's settings %+v: want legal's rules on, promo's not", h.Rules)
	}
	if len(bk.Lookup("Gullwing").Rules) != 0 || cfg["Harbor"].Rules["team.a"].Enabled {
		t.Error("another brand or the configuration was changed")
	}
	for _, name := range []string{"legl", "political"} {
		bk, _ := New(Config{"Harbor": {Packs: []string{name}}}, checker.Profile{})
		if err := bk.EnablePacks(rs); err == nil || !strings.Contains(err.Error(), "brands.Harbor.packs[0]") {
			t.Errorf("pack %q: %v, want an error naming the setting", name, err)
		}
	}
}
