package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const brandsYAML = `brand: Default Goods
brands:
  Harbor Telecom:
    aliases: [Harbor]
    handles: ["@HarborTel"]
    products: [SkyLink Router]
    people: [Dana Okafor]
    regions: [GB]
    rules:
      content.profanity: {disabled: true}
`

func TestBrandsListAndShowDerivedNames(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(brandsYAML), 0o644)
	out, errs, code := runCLI(t, "", "brands", "--data", dir, "list")
	if code != 0 || !strings.Contains(out, "Harbor Telecom") || !strings.Contains(out, "Default Goods") {
		t.Fatalf("list: exit %d, out %q, err %q", code, out, errs)
	}
	out, errs, code = runCLI(t, "", "brands", "--data", dir, "show", "harbor")
	for _, want := range []string{"products:         SkyLink Router", "rule content.profanity: off", "HT ", "initials",
		"HarborTelecom ", "run-together", "Harbor Telecom's", "HarborTel ", "without @"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show: exit %d, out lacks %q:\n%s%s", code, want, out, errs)
		}
	}
	out, _, code = runCLI(t, "", "brands", "--data", dir, "show", "Tiny", "Kiln")
	if code != 0 || !strings.Contains(out, "no profile") || !strings.Contains(out, "TK ") {
		t.Errorf("show unknown: exit %d, out %q: want the fallback and its derived names", code, out)
	}
	if _, _, code := runCLI(t, "", "brands", "--data", dir, "show"); code != 2 {
		t.Errorf("show without a name: exit %d, want 2", code)
	}
}

func TestBrandsSectionSelectsProfileAndNotesUnknown(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(brandsYAML), 0o644)
	in := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(in, []byte(`{"id":"known","text":"Damn good routers.","brand":"HARBOR TELECOM"}
{"id":"unknown","text":"Damn good routers.","brand":"Tiny Kiln"}
`), 0o644)
	out, errs, _ := runCLI(t, "", "check", "--data", dir, "--no-news", "--format", "jsonl", "--at", "2026-01-12T15:00:00Z", in)
	var reps []struct {
		ID       string
		Notes    []string
		Findings []struct{ Rule string }
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			ID       string
			Notes    []string
			Findings []struct{ Rule string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad JSONL %q: %v (%s)", l, err, errs)
		}
		reps = append(reps, r)
	}
	has := func(i int) bool {
		for _, f := range reps[i].Findings {
			if f.Rule == "content.profanity" {
				return true
			}
		}
		return false
	}
	if len(reps) != 2 || has(0) || len(reps[0].Notes) != 0 || !has(1) || len(reps[1].Notes) != 1 {
		t.Errorf("reports %+v: want profanity off for Harbor Telecom, on with a note for the unknown brand", reps)
	}
}

func TestBrandsConfigErrorsNameTheField(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brands:\n  Acme:\n    rules:\n      content.nope: {disabled: true}\n"), 0o644)
	_, errs, code := runCLI(t, "", "brands", "--data", dir, "list")
	if code == 0 || !strings.Contains(errs, "brands.Acme.rules.content.nope") {
		t.Errorf("exit %d, stderr %q: want the misspelt rule named", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brands:\n  Acme:\n    alias: [A]\n"), 0o644)
	_, errs, code = runCLI(t, "", "brands", "--data", dir, "list")
	if code == 0 || !strings.Contains(errs, "alias") {
		t.Errorf("exit %d, stderr %q: want the unknown key named", code, errs)
	}
}

func TestTextReportShowsTheBrandNote(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte(brandsYAML), 0o644)
	out, errs, _ := runCLI(t, "Our new routers are here.", "check", "--data", dir, "--no-news", "--brand", "Tiny Kiln", "--at", "2026-01-12T15:00:00Z", "-")
	if !strings.Contains(out, `note     brand "Tiny Kiln" has no profile`) {
		t.Errorf("text report lacks the note:\n%s%s", out, errs)
	}
}
