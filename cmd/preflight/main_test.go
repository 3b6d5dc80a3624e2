package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/internal/golden"
)

// runCLI runs the program as a user would and returns its exit code.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

func TestCheckBatchKeepsOrderAndReportsBadLines(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "posts.jsonl")
	os.WriteFile(in, []byte(strings.Join([]string{
		`{"id":"one","text":"Our winter coats are back."}`,
		`{"id":"two","text":""}`,
		`{"id":"three","text":"Open late on Thursdays.","scheduled_at":"tomorrow"}`,
		`{"id":"four","text":"New scarves in store."}`,
	}, "\n")), 0o644)
	out, errs, code := runCLI(t, "", "check", "--data", dir, "--no-news", "--format", "jsonl", "--at", "2026-01-12T15:00:00Z", in)
	if code != 2 {
		t.Errorf("exit %d, want 2 for input errors", code)
	}
	for _, want := range []string{in + ":2: text", in + ":3: scheduled_at"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ ID, Verdict string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad JSONL %q: %v", l, err)
		}
		ids = append(ids, r.ID)
	}
	if strings.Join(ids, ",") != "one,four" {
		t.Errorf("reports for %v, want one,four in input order", ids)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"check", "--format", "xml"}, {"check", "--region", "USA"}, {"check", "--at", "soon"}, {"rules", "content.nope"}} {
		_, errs, code := runCLI(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errs)
		}
	}
}

func TestConfigErrorNamesLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "preflight.yaml"), []byte("brand: Northway\nregions: [US]\nbrnad: typo\n"), 0o644)
	_, errs, code := runCLI(t, "hello", "check", "--data", dir, "--no-news")
	if code == 0 || !strings.Contains(errs, "preflight.yaml:3") {
		t.Errorf("exit %d, stderr %q: want an error naming preflight.yaml:3", code, errs)
	}
}

// TestCorpusGolden checks a corpus of posts with every rule and compares
// the full reports with a golden file, so any rule or scoring change shows
// as a reviewed diff. Rewrite with: go test ./cmd/preflight -run Corpus -update
func TestCorpusGolden(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runCLI(t, "", "check", "--data", dir, "--no-news", "--format", "jsonl", "testdata/corpus.jsonl")
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden.Check(t, "testdata/corpus.golden.jsonl", out)
}
