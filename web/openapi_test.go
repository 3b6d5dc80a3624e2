package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// pageRoutes are the HTML pages and their assets: not part of the JSON API
// document.
var pageRoutes = []string{"/", "/batch", "/batch/:token.:format", "/static/:file",
	"/queue", "/queue/crisis", "/queue/crisis/:id/:action", "/queue/:id/:action"}

// openAPIPath writes a Fiber route's parameters (":id") as OpenAPI's ("{id}").
func openAPIPath(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}

func loadOpenAPI(t *testing.T) map[string]any {
	t.Helper()
	s, _ := newTestServer(t)
	resp, b := do(t, s, httptest.NewRequest("GET", "/openapi.json", nil))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	doc := decode[map[string]any](t, b)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("not OpenAPI 3: %v", doc["openapi"])
	}
	return doc
}

// TestOpenAPIRoutes: every registered route is documented, and every
// documented operation is a registered route.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	s, _ := newTestServer(t)
	registered := map[string]bool{}
	for _, r := range s.App().GetRoutes(true) {
		if r.Method == http.MethodHead || slices.Contains(pageRoutes, r.Path) {
			continue
		}
		key := strings.ToLower(r.Method) + " " + openAPIPath(r.Path)
		registered[key] = true
	}
	documented := map[string]bool{}
	for path, ops := range doc["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			documented[method+" "+path] = true
		}
	}
	for k := range registered {
		if !documented[k] {
			t.Errorf("route %s is not in openapi.json", k)
		}
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("openapi.json documents %s, which is not a route", k)
		}
	}
	if len(registered) < 9 {
		t.Errorf("only %d routes found", len(registered))
	}
}

// TestOpenAPIErrorCodes: the Error schema's code enum lists exactly the
// codes the API answers: the transport's own Code constants of errors.go
// and every application code (checker.ErrorCodes) it does not hide behind
// "internal" (a 500).
func TestOpenAPIErrorCodes(t *testing.T) {
	doc := loadOpenAPI(t)
	var documented []string
	for _, v := range schemaAt(doc, "#/components/schemas/Error")["properties"].(map[string]any)["code"].(map[string]any)["enum"].([]any) {
		documented = append(documented, v.(string))
	}
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && strings.HasPrefix(vs.Names[0].Name, "Code") {
			if lit, ok := vs.Values[0].(*ast.BasicLit); ok {
				codes = append(codes, strings.Trim(lit.Value, `"`))
			}
		}
		return true
	})
	for _, c := range checker.ErrorCodes {
		if statusOf[c] != http.StatusInternalServerError || c == checker.ECodeInternal {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	slices.Sort(documented)
	if !slices.Equal(codes, documented) {
		t.Errorf("codes in errors.go %v\ndocumented %v", codes, documented)
	}
}

// TestOpenAPIExamples sends every documented request example to the
// handlers and validates the answers against the documented schemas.
func TestOpenAPIExamples(t *testing.T) {
	doc := loadOpenAPI(t)
	s := hookServer(t)
	n := 0
	for path, ops := range doc["paths"].(map[string]any) {
		for method, o := range ops.(map[string]any) {
			op := o.(map[string]any)
			if op["x-stateful"] == true {
				continue // the queue's operations depend on its state: TestQueueAPI exercises them in order
			}
			okSchema := responseSchema(doc, op, "200")
			var reqs []*http.Request
			if rb, ok := op["requestBody"].(map[string]any); ok {
				for ctype, m := range rb["content"].(map[string]any) {
					ex, ok := m.(map[string]any)["example"]
					if !ok {
						continue
					}
					body, isString := ex.(string)
					if !isString {
						b, _ := json.Marshal(ex)
						body = string(b)
						if err := validate(doc, m.(map[string]any)["schema"].(map[string]any), ex, "request"); err != nil {
							t.Errorf("%s %s: the request example does not match its schema: %v", method, path, err)
						}
					}
					var r *http.Request
					if path == "/v1/hooks/prepublish" {
						r = signed(t, secretA, fmt.Sprintf("ex-%d", n), testNow, body)
					} else {
						r = postJSON(path, body)
					}
					r.Header.Set("Content-Type", ctype)
					reqs = append(reqs, r)
				}
			} else {
				q := ""
				for _, p := range asList(op["parameters"]) {
					pm := p.(map[string]any)
					if ex, ok := pm["example"]; ok && pm["in"] == "query" {
						for _, v := range asValues(ex) {
							q += "&" + pm["name"].(string) + "=" + v
						}
					}
				}
				reqs = append(reqs, httptest.NewRequest(strings.ToUpper(method), path+"?"+strings.TrimPrefix(q, "&"), nil))
			}
			for _, r := range reqs {
				n++
				resp, b := do(t, s, r)
				if resp.StatusCode != 200 {
					t.Errorf("%s %s example: %d %s", method, path, resp.StatusCode, b)
					continue
				}
				if okSchema == nil {
					continue
				}
				if strings.Contains(resp.Header.Get("Content-Type"), "ndjson") {
					for i, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
						if err := validate(doc, okSchema, decode[any](t, line), fmt.Sprintf("line %d", i+1)); err != nil {
							t.Errorf("%s %s: %v\n%s", method, path, err, line)
						}
					}
				} else if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
					if err := validate(doc, okSchema, decode[any](t, b), "response"); err != nil {
						t.Errorf("%s %s: %v\n%s", method, path, err, b)
					}
				}
			}
		}
	}
	// Errors validate against the Error schema too.
	for _, r := range []*http.Request{postJSON("/v1/check", `{`), postJSON("/v1/check", `{"text":"x","platform":"myspace"}`), httptest.NewRequest("GET", "/v1/calendar?region=QQ", nil)} {
		_, b := do(t, s, r)
		if err := validate(doc, schemaAt(doc, "#/components/schemas/Error"), decode[any](t, b), "error"); err != nil {
			t.Errorf("%v: %s", err, b)
		}
	}
	t.Logf("%d examples exercised", n)
	if n < 10 {
		t.Errorf("only %d examples exercised", n)
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }

func asValues(v any) []string {
	if l, ok := v.([]any); ok {
		var out []string
		for _, e := range l {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func responseSchema(doc map[string]any, op map[string]any, status string) map[string]any {
	r, _ := op["responses"].(map[string]any)[status].(map[string]any)
	if r == nil {
		return nil
	}
	if ref, ok := r["$ref"].(string); ok {
		r = schemaAt(doc, ref)
	}
	for _, m := range r["content"].(map[string]any) {
		if sc, ok := m.(map[string]any)["schema"].(map[string]any); ok {
			return sc
		}
	}
	return nil
}

func schemaAt(doc map[string]any, ref string) map[string]any {
	var cur any = doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		cur = cur.(map[string]any)[part]
	}
	return cur.(map[string]any)
}

// validate checks v against the subset of JSON Schema openapi.json uses.
// Objects with listed properties and no additionalProperties are strict,
// so a field the handler adds without documenting it fails the test.
func validate(doc, sc map[string]any, v any, at string) error {
	for {
		ref, ok := sc["$ref"].(string)
		if !ok {
			break
		}
		sc = schemaAt(doc, ref)
	}
	if all, ok := sc["allOf"].([]any); ok {
		merged := map[string]any{"type": "object", "properties": map[string]any{}, "required": []any{}}
		for _, part := range all {
			p := part.(map[string]any)
			for p["$ref"] != nil {
				p = schemaAt(doc, p["$ref"].(string))
			}
			for k, pv := range p["properties"].(map[string]any) {
				merged["properties"].(map[string]any)[k] = pv
			}
			merged["required"] = append(merged["required"].([]any), asList(p["required"])...)
		}
		sc = merged
	}
	if one, ok := sc["oneOf"].([]any); ok {
		var errs []string
		for _, o := range one {
			if err := validate(doc, o.(map[string]any), v, at); err == nil {
				return nil
			} else {
				errs = append(errs, err.Error())
			}
		}
		return fmt.Errorf("%s matches none of oneOf: %s", at, strings.Join(errs, "; "))
	}
	if enum, ok := sc["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	switch sc["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %T", at, v)
		}
		for _, r := range asList(sc["required"]) {
			if _, ok := m[r.(string)]; !ok {
				return fmt.Errorf("%s: required %q missing", at, r)
			}
		}
		props, _ := sc["properties"].(map[string]any)
		for k, fv := range m {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if _, open := sc["additionalProperties"]; open || props == nil {
					continue
				}
				return fmt.Errorf("%s: undocumented field %q", at, k)
			}
			if err := validate(doc, ps, fv, at+"."+k); err != nil {
				return err
			}
		}
	case "array":
		l, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %T", at, v)
		}
		if items, ok := sc["items"].(map[string]any); ok {
			for i, e := range l {
				if err := validate(doc, items, e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%s: want a string, got %T", at, v)
		}
	case "integer", "number":
		f, ok := v.(float64)
		if !ok || (sc["type"] == "integer" && f != float64(int64(f))) {
			return fmt.Errorf("%s: want %s, got %v", at, sc["type"], v)
		}
		if mn, ok := sc["minimum"].(float64); ok && f < mn {
			return fmt.Errorf("%s: %v < minimum %v", at, f, mn)
		}
		if mx, ok := sc["maximum"].(float64); ok && f > mx {
			return fmt.Errorf("%s: %v > maximum %v", at, f, mx)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: want a boolean, got %T", at, v)
		}
	}
	return nil
}
