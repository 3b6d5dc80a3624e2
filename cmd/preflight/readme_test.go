package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeConfiguration loads the README's preflight.yaml example as it
// is written, with every rule built, so the documented keys cannot drift
// from the ones Preflight reads (unknown keys are errors).
func TestReadmeConfiguration(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i := strings.Index(doc, "## Configuration")
	if i < 0 {
		t.Fatal("README has no Configuration section")
	}
	start := strings.Index(doc[i:], "```yaml\n")
	if start < 0 {
		t.Fatal("the Configuration section has no yaml example")
	}
	body := doc[i+start+len("```yaml\n"):]
	body = body[:strings.Index(body, "```")]
	dir := t.TempDir()
	pack := func(id string) string {
		return "source: the README test\nlicence: same as the project\nrules:\n  - id: " + id +
			"\n    category: content\n    kind: existence\n    title: t\n    doc: d\n    fix: f\n    severity: low\n    message: \"{match}\"\n    terms: [{phrase: zzyzx}]\n"
	}
	for name, content := range map[string]string{
		"preflight.yaml":      body,
		"packs/legal.yaml":    pack("team.legal_word"),
		"packs/seasonal.yaml": pack("team.seasonal_word"),
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := openApp(context.Background(), appOptions{dataDir: dir, noNews: true})
	if err != nil {
		t.Fatalf("the README's preflight.yaml does not load: %v", err)
	}
	a.Close()
}
