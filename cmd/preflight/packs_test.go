package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// legalPack is a team's pack file in the data folder.
const legalPack = `source: written by the Northway legal team for the tests
licence: CC0
rules:
  - id: team.no_unlimited
    category: content
    kind: substitution
    title: Say what the plan includes
    doc: Regulators fined carriers for "unlimited" plans that were throttled.
    fix: Name the allowance.
    severity: high
    message: "{match}{where} is a word legal asked us not to use."
    suggestion: "Write {suggest}."
    terms: [{phrase: unlimited, suggest: "the allowance"}]
    allow: [unlimited support]
    examples:
      flag: ["Unlimited data for $30!"]
      pass: ["Unlimited support from our team."]
`

// teamConfig declares the file pack, and an inline named pack that only
// the brand Harbor switches on.
const teamConfig = `brand: Northway
packs:
  - file: packs/legal.yaml
  - name: harbor-legal
    source: Harbor's agency brief
    licence: CC0
    rules:
      - id: team.free_claim
        category: content
        kind: existence
        title: Do not promise free
        doc: Harbor's regulator treats "free" with conditions as misleading.
        fix: Say what it costs.
        severity: medium
        message: "{match} needs the conditions next to it."
        terms: [{phrase: free}]
        examples:
          flag: ["Free delivery today"]
          pass: ["Delivery today"]
brands:
  Harbor:
    packs: [harbor-legal]
  Gullwing: {}
`

func writeDataDir(t *testing.T, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "packs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packs", "legal.yaml"), []byte(legalPack), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTeamPacksFromConfigInReports: the packs of preflight.yaml join the
// engine through run(); a named pack's rules run only for the brand that
// lists it.
func TestTeamPacksFromConfigInReports(t *testing.T) {
	dir := writeDataDir(t, teamConfig)
	in := strings.Join([]string{
		`{"id":"northway","text":"Unlimited data and free delivery this week."}`,
		`{"id":"harbor","brand":"Harbor","text":"Unlimited data and free delivery this week."}`,
		`{"id":"gullwing","brand":"Gullwing","text":"Unlimited data and free delivery this week."}`,
	}, "\n")
	out, errs, code := runCLI(t, in, "check", "--data", dir, "--no-news", "--format", "jsonl", "--at", "2026-01-12T15:00:00Z", "-")
	if code == 2 || code == 3 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			ID       string
			Findings []struct{ Rule, Match string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad JSONL %q: %v", l, err)
		}
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "team.") {
				got[r.ID] = append(got[r.ID], f.Rule+" "+f.Match)
			}
		}
	}
	want := map[string]string{
		"northway": "team.no_unlimited Unlimited",
		"harbor":   "team.no_unlimited Unlimited|team.free_claim free",
		"gullwing": "team.no_unlimited Unlimited",
	}
	for id, w := range want {
		if g := strings.Join(got[id], "|"); g != w {
			t.Errorf("%s: team findings %q, want %q", id, g, w)
		}
	}
}

// TestRulesListsPackRules: pack rules are listed like built-in ones, with
// their pack and whether they are opt-in; explaining one names its pack;
// brands show lists the brand's packs and the rules they turn on.
func TestRulesListsPackRules(t *testing.T) {
	dir := writeDataDir(t, teamConfig)
	out, errs, code := runCLI(t, "", "rules", "--data", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"PACK", "team.no_unlimited  ", "packs/legal.yaml", "harbor-legal (opt-in)", "content.intoxication", "intoxication"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules listing lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "", "rules", "--data", dir, "team.free_claim")
	if !strings.Contains(out, "Pack: harbor-legal (opt-in)") {
		t.Errorf("rules team.free_claim: %s", out)
	}
	out, _, _ = runCLI(t, "", "brands", "--data", dir, "show", "Harbor")
	if !strings.Contains(out, "packs:") || !strings.Contains(out, "rule team.free_claim: on") {
		t.Errorf("brands show Harbor: %s", out)
	}
}

// TestRulesTestRunsPackExamples: rules test passes a pack whose examples
// hold, and prints each failure of one whose examples do not, exiting 2;
// a configured pack can be named instead of its file.
func TestRulesTestRunsPackExamples(t *testing.T) {
	dir := writeDataDir(t, teamConfig)
	file := filepath.Join(dir, "packs", "legal.yaml")
	out, errs, code := runCLI(t, "", "rules", "test", file)
	if code != 0 || !strings.Contains(out, "ok ") || !strings.Contains(out, "1 rules, 2 examples") {
		t.Errorf("good pack: exit %d, out %q, err %q", code, out, errs)
	}
	out, errs, code = runCLI(t, "", "rules", "--data", dir, "test", "harbor-legal")
	if code != 0 || !strings.Contains(out, "ok   harbor-legal") {
		t.Errorf("configured pack by name: exit %d, out %q, err %q", code, out, errs)
	}
	bad := strings.Replace(legalPack, `flag: ["Unlimited data for $30!"]`, `flag: ["Unlimited data for $30!", "Endless data for $30!"]`, 1)
	bad = strings.Replace(bad, `pass: ["Unlimited support from our team."]`, `pass: ["Unlimited support from our team.", "Unlimited calls."]`, 1)
	badFile := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(badFile, []byte(bad), 0o644)
	out, errs, code = runCLI(t, "", "rules", "test", badFile)
	if code != 2 {
		t.Errorf("failing pack: exit %d, want 2", code)
	}
	for _, want := range []string{`FAIL ` + badFile + `: team.no_unlimited: example not flagged: "Endless data for $30!"`, `near miss flagged: "Unlimited calls."`} {
		if !strings.Contains(out, want) {
			t.Errorf("failing pack output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "2 of the packs' 4 examples failed") {
		t.Errorf("stderr %q", errs)
	}
	builtin := filepath.Join("..", "..", "rules", "content", "data", "intoxication.yaml")
	if out, errs, code = runCLI(t, "", "rules", "test", builtin); code != 0 || !strings.Contains(out, "ok ") {
		t.Errorf("built-in pack: exit %d, out %q, err %q", code, out, errs)
	}
	if _, errs, code = runCLI(t, "", "rules", "--data", dir, "test", "harbor-legl"); code != 2 || !strings.Contains(errs, `did you mean "harbor-legal"?`) {
		t.Errorf("misspelt pack: exit %d, %q", code, errs)
	}
}

// TestTeamPackConfigErrors: a pack rule outside team., a pack that is
// neither file nor rules, a file outside the data folder and a brand
// naming an unknown pack are configuration errors naming the line.
func TestTeamPackConfigErrors(t *testing.T) {
	for _, c := range []struct{ name, cfg, want string }{
		{"built-in ID", strings.Replace(teamConfig, "team.free_claim", "content.free_claim", 1), `preflight.yaml:8: `},
		{"empty entry", "packs:\n  - name: x\n", "preflight.yaml:2: "},
		{"outside the folder", "packs:\n  - file: ../legal.yaml\n", "inside the data folder"},
		{"misspelt key", "packs:\n  - file: packs/legal.yaml\n    nmae: x\n", "preflight.yaml:3: "},
		{"unknown brand pack", strings.Replace(teamConfig, "packs: [harbor-legal]", "packs: [harbor-legl]", 1), `preflight.yaml:22: brands.Harbor.packs[0]: no opt-in rule pack is named "harbor-legl" (did you mean "harbor-legal"?)`},
		{"same ID twice", teamConfig + "  - file: packs/legal.yaml\n    name: again\n", "declared by packs/legal.yaml too"},
	} {
		cfg := c.cfg
		if c.name == "same ID twice" {
			cfg = strings.Replace(teamConfig, "brands:", "  - file: packs/legal.yaml\n    name: again\nbrands:", 1)
		}
		dir := writeDataDir(t, cfg)
		_, errs, code := runCLI(t, "", "rules", "--data", dir)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", c.name, code, errs, c.want)
		}
	}
}
