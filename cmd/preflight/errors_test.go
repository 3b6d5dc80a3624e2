package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestExitCodeTableComplete: every application error code has its exit
// status in the one table.
func TestExitCodeTableComplete(t *testing.T) {
	for _, c := range checker.ErrorCodes {
		if exitCodes[c] == 0 {
			t.Errorf("code %s has no exit status", c)
		}
	}
}

const blockingJSONL = `{"id":"a","text":"Our winter coats are back."}
{"id":"b","text":"What a fucking great sale"}
{"id":"c","text":"New scarves in store."}
`

// TestStdinBatchIsNotOnePost: JSONL, JSON and CSV piped on stdin are read
// as batches, exactly as the same file is; --input text forces one post.
func TestStdinBatchIsNotOnePost(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(file, []byte(blockingJSONL), 0o644)
	args := []string{"check", "--data", dir, "--no-news", "--format", "jsonl", "--at", "2026-01-12T15:00:00Z"}
	fromFile, _, fileCode := runCLI(t, "", append(args, file)...)
	fromStdin, errs, code := runCLI(t, blockingJSONL, args...)
	if code != 1 || fileCode != 1 {
		t.Fatalf("exit %d from stdin, %d from the file; want 1 (a post is blocked): %s", code, fileCode, errs)
	}
	if n := strings.Count(fromStdin, "\n"); n != 3 || strings.Count(fromFile, "\n") != 3 {
		t.Errorf("stdin gave %d reports, want 3:\n%s", n, fromStdin)
	}
	if !strings.Contains(fromStdin, `"file":"<stdin>","line":2,"id":"b","verdict":"block"`) {
		t.Errorf("stdin reports lack their position: %s", fromStdin)
	}
	for _, in := range []string{
		"[\n" + strings.ReplaceAll(strings.TrimSpace(blockingJSONL), "\n", ",\n") + "\n]",
		"id,text\na,Our winter coats are back.\nb,What a fucking great sale\n",
	} {
		out, errs, code := runCLI(t, in, args...)
		if code != 1 || strings.Count(out, "\n") < 2 {
			t.Errorf("exit %d, %q (%s) for stdin %q", code, out, errs, in)
		}
	}
	out, _, _ := runCLI(t, blockingJSONL, append(args, "--input", "text")...)
	if strings.Count(out, "\n") != 1 {
		t.Errorf("--input text: want one report, got %s", out)
	}
	if _, errs, code := runCLI(t, blockingJSONL, append(args, "--input", "xml")...); code != 2 || !strings.Contains(errs, "--input") {
		t.Errorf("--input xml: exit %d %s", code, errs)
	}
	// Plain text stays one post.
	out, _, code = runCLI(t, "Our spring sale, 20% off.\nSee you there!\n", args...)
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("text: exit %d %s", code, out)
	}
}

// TestUnknownFieldIsAnError: a misspelt field is an error naming the field,
// its line and the field meant, not a post judged as of now.
func TestUnknownFieldIsAnError(t *testing.T) {
	dir := t.TempDir()
	in := "{\"text\":\"fine\"}\n{\"text\":\"Autumn sale\",\"schedule_at\":\"2026-11-22T10:00:00Z\"}\n"
	out, errs, code := runCLI(t, in, "check", "--data", dir, "--no-news", "--format", "jsonl")
	if code != 2 || !strings.Contains(errs, `<stdin>:2: unknown field "schedule_at" (did you mean "scheduled_at"?)`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("the good post must still be checked: %q", out)
	}
}

// TestRegions: ZZ is an error everywhere; FI is checked with what could
// not be judged said in every output format.
func TestRegions(t *testing.T) {
	dir := t.TempDir()
	base := []string{"check", "--data", dir, "--no-news", "--at", "2026-03-02T10:00:00Z"}
	if _, errs, code := runCLI(t, "Hello", append(base, "--region", "ZZ")...); code != 2 || !strings.Contains(errs, `"ZZ"`) {
		t.Errorf("--region ZZ: exit %d %q", code, errs)
	}
	if _, errs, code := runCLI(t, `{"text":"Hello","regions":["ZZ"]}`, base...); code != 2 || !strings.Contains(errs, "ZZ") {
		t.Errorf("regions [ZZ]: exit %d %q", code, errs)
	}
	post := `{"text":"Das ist nicht gut, aber wir sind heute für euch da","regions":["BV"]}`
	for format, want := range map[string][]string{
		"text":  {"not judged no calendar for BV", "not judged content rules do not cover German (de)"},
		"json":  {`"limits": [`, `"no calendar for BV`},
		"jsonl": {`"limits":["no calendar for BV`},
		"sarif": {`"toolExecutionNotifications"`, `"not judged: content rules do not cover German (de)`},
	} {
		out, errs, code := runCLI(t, post, append(base, "--format", format)...)
		if code != 0 {
			t.Errorf("%s: exit %d %s", format, code, errs)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s output lacks %q:\n%s", format, w, out)
			}
		}
	}
}

// TestSARIFColumns: a finding in a JSONL post points at the words' line
// and columns inside the JSON string, and CSV reports carry their row.
func TestSARIFColumns(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(in, []byte("{\"id\":\"ok\",\"text\":\"fine\"}\n{\"id\":\"x\", \"text\":\"Ünïcode 😀 fucking great\"}\n"), 0o644)
	out, errs, _ := runCLI(t, "", "check", "--data", dir, "--no-news", "--format", "sarif", in)
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v: %s %s", err, out, errs)
	}
	var found bool
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "content.profanity" {
			continue
		}
		found = true
		reg := r.Locations[0].PhysicalLocation.Region
		// `{"id":"x", "text":"` is 19 characters; Ünïcode, a space, the
		// emoji (two UTF-16 units) and a space come before the word.
		if reg.StartLine != 2 || reg.StartColumn != 31 || reg.EndColumn != 38 {
			t.Errorf("region %+v, want line 2 columns 31-38", reg)
		}
	}
	if !found {
		t.Fatalf("no profanity finding: %s", out)
	}
	csv := filepath.Join(dir, "posts.csv")
	os.WriteFile(csv, []byte("id,text\nok,fine\nx,\"a fucking\nmess\"\n"), 0o644)
	out, _, _ = runCLI(t, "", "check", "--data", dir, "--no-news", "--format", "json", csv)
	if !strings.Contains(out, `"line": 3,`) || !strings.Contains(out, `"row": 3,`) {
		t.Errorf("CSV position missing: %s", out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || !strings.HasPrefix(out, "preflight ") || !strings.Contains(out, checker.RulesVersion) || errs != "" {
			t.Errorf("%v: exit %d %q %q", args, code, out, errs)
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"check", "-h"}, {"check", "--help"}, {"rules", "-h"}, {"news", "--help"}} {
		out, errs, code := runCLI(t, "", args...)
		if code != 0 || !strings.Contains(out, "usage: preflight") || errs != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q", args, code, out, errs)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	for _, typo := range []string{"chek", "chekc", "serv"} {
		if _, errs, code := runCLI(t, "", typo); code != 2 || !strings.Contains(errs, `did you mean "`) {
			t.Errorf("%s: exit %d %q", typo, code, errs)
		}
	}
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "", "rules", "--data", dir, "content.profanty"); code != 2 || !strings.Contains(errs, `did you mean "content.profanity"?`) {
		t.Errorf("rules content.profanty: exit %d %q", code, errs)
	}
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: x\nrules:\n  content.profanty:\n    disabled: true\n"), 0o644)
	if _, errs, code := runCLI(t, "hi", "check", "--data", dir, "--no-news"); code != 2 || !strings.Contains(errs, "preflight.yaml:3:") || !strings.Contains(errs, `did you mean "content.profanity"?`) {
		t.Errorf("config rule typo: exit %d %q", code, errs)
	}
}

// TestConfigValueErrors: a bad value in preflight.yaml names its line and
// exits 2, whatever the command.
func TestConfigValueErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: Northway\nregions: [US, ZZ]\n"), 0o644)
	for _, args := range [][]string{{"check", "--no-news"}, {"rules"}} {
		_, errs, code := runCLI(t, "hi", append(args, "--data", dir)...)
		if code != 2 || !strings.Contains(errs, "preflight.yaml:2: regions[1]") {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: Northway\ncalendar_rules:\n  min_weight: 3\n"), 0o644)
	if _, errs, code := runCLI(t, "hi", "check", "--data", dir, "--no-news"); code != 2 || !strings.Contains(errs, "preflight.yaml:3:") {
		t.Errorf("rule option: exit %d %q", code, errs)
	}
}
