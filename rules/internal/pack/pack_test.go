package pack

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

const badTermPack = `source: test
licence: CC0
rules:
  - id: content.test_words
    kind: existence
    title: Test words
    doc: A rule whose second term cannot match.
    message: "{match} is a test word."
    severity: medium
    terms:
      - phrase: widget
      - phrase: "~ab"
    examples:
      flag: [widget]
      pass: [gadget]
`

// TestBuiltinCompilesOnFirstRun: a built-in pack rule builds its matcher
// on its first run, so a term that cannot compile fails the rule there
// (the engine reports it skipped); with a team's extra terms it is built,
// and fails, at start-up.
func TestBuiltinCompilesOnFirstRun(t *testing.T) {
	fsys := fstest.MapFS{"data/test.yaml": {Data: []byte(badTermPack)}}
	c, err := Builtin(fsys, "data/test.yaml", "content.test_words", lexicon.Options{})
	if err != nil {
		t.Fatalf("Builtin compiled the matcher at once: %v", err)
	}
	r := c.Rule()
	p := &checker.Pass{Rule: r, Post: &checker.Post{Text: "widget"}, Doc: text.Analyse("widget", "en")}
	if err := r.Run(p); err == nil || !strings.Contains(err.Error(), "~ab") {
		t.Errorf("first run: %v, want the bad term's error", err)
	}
	_, err = Builtin(fsys, "data/test.yaml", "content.test_words", lexicon.Options{Extra: []lexicon.Term{{Phrase: "gizmo"}}})
	if err == nil || !strings.Contains(err.Error(), "~ab") {
		t.Errorf("with extra terms: %v, want the bad term's error at once", err)
	}
}
