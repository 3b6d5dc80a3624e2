package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestStatusTableComplete: every application error code has its HTTP
// status in the one table.
func TestStatusTableComplete(t *testing.T) {
	for _, c := range checker.ErrorCodes {
		if statusOf[c] == 0 {
			t.Errorf("code %s has no HTTP status in statusOf", c)
		}
	}
	if len(statusOf) != len(checker.ErrorCodes) {
		t.Errorf("statusOf has %d codes, checker %d", len(statusOf), len(checker.ErrorCodes))
	}
}

// TestNoCodeFromMessage: errors.go never reads an error's message to pick
// its code (the codes are made where the error is made).
func TestNoCodeFromMessage(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "strings" {
				t.Errorf("errors.go uses strings.%s: codes must not be derived from messages", sel.Sel.Name)
			}
		}
		return true
	})
}

// TestAPIErrorCodes: the API answers the code made where the error was
// made, for a typo in a field and a region that is no country.
func TestAPIErrorCodes(t *testing.T) {
	s, _ := newTestServer(t)
	for _, c := range []struct {
		body, code, field, msg string
		status                 int
	}{
		{`{"text":"Sale","schedule_at":"2026-01-02T10:00:00Z"}`, CodeUnknownField, "schedule_at", `did you mean \"scheduled_at\"?`, 400},
		{`{"text":"Sale","regions":["ZZ"]}`, CodeBadRegion, "regions[0]", "ZZ", 400},
		{`{"text":"Sale","scheduled_at":"soon"}`, CodeBadTime, "scheduled_at", "soon", 400},
		{`{"text":"Sale","platform":"orkut"}`, CodeUnknownPlatform, "platform", "orkut", 400},
	} {
		resp, b := do(t, s, postJSON("/v1/check", c.body))
		if resp.StatusCode != c.status || !strings.Contains(string(b), `"code":"`+c.code+`"`) ||
			!strings.Contains(string(b), `"field":"`+c.field+`"`) || !strings.Contains(string(b), c.msg) {
			t.Errorf("%s: %d %s", c.body, resp.StatusCode, b)
		}
	}
	// A batch reports the typo on its line and checks the rest.
	resp, b := do(t, s, postJSON("/v1/check/batch", "[\n{\"text\":\"one\"},\n{\"text\":\"two\",\n \"Platfrom\":\"x\"}\n]"))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("batch: %d %s", resp.StatusCode, b)
	}
	lines := jsonLines(t, b)
	if len(lines) != 2 || lines[1]["line"] != float64(3) || !strings.Contains(string(b), CodeUnknownField) {
		t.Errorf("batch: %s", b)
	}
	// The typo's own line, in the body's numbering.
	if e, _ := lines[1]["error"].(map[string]any); e == nil || e["line"] != float64(4) {
		t.Errorf("batch error line: %s", b)
	}
}

// TestFormRefusesNonCountry: the form answers ZZ as the API does.
func TestFormRefusesNonCountry(t *testing.T) {
	s, _ := newTestServer(t)
	resp, b := do(t, s, formPost(url.Values{"text": {"Autumn sale"}, "region": {"ZZ"}}))
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "ZZ") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}

// TestFormShowsLimits: the form says what it could not judge.
func TestFormShowsLimits(t *testing.T) {
	s, _ := newTestServer(t)
	resp, b := do(t, s, formPost(url.Values{"text": {"Autumn sale"}, "region": {"FI"}}))
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), "Not judged: no calendar for FI") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
}
