package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchitecture keeps the dependency direction that is the design: the
// domain (checker) depends on nothing of ours but the text leaf; rules depend
// only on the domain, the text, segment and brand readers, the data-file
// leaves (internal/strictyaml, internal/compact) and code they share under
// rules/internal; config reads no adapter's package (not even
// through another package: the adapters' sections are typed in cmd);
// Bleve stays in news and Fiber in web.
func TestArchitecture(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	const mod = "github.com/preflight-dev/preflight"
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports,Deps", mod+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
			Deps       []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkg := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, mod), "/")
		if pkg == "config" {
			for _, dep := range p.Deps {
				for _, adapter := range []string{"web", "news", "calendars"} {
					if dep == mod+"/"+adapter || strings.HasPrefix(dep, mod+"/"+adapter+"/") {
						t.Errorf("config depends on the adapter %s; type its section in cmd/preflight and read it with config.LoadWith", strings.TrimPrefix(dep, mod+"/"))
					}
				}
			}
		}
		for _, imp := range p.Imports {
			own := strings.HasPrefix(imp, mod+"/")
			dep := strings.TrimPrefix(imp, mod+"/")
			switch {
			case (pkg == "text" || pkg == "internal/compact") && own:
				t.Errorf("%s is a leaf but imports %s", pkg, dep)
			case pkg == "checker" && own && dep != "text":
				t.Errorf("checker may import only text, imports %s", dep)
			case strings.HasPrefix(pkg, "rules/") && own && dep != "checker" && dep != "text" && dep != "brand" && dep != "internal/strictyaml" && dep != "internal/compact" && !strings.HasPrefix(dep, "segment") && !strings.HasPrefix(dep, pkg) && !strings.HasPrefix(dep, "rules/internal/"):
				t.Errorf("%s may import only checker, text, segment, brand, internal/strictyaml, internal/compact and rules/internal, imports %s", pkg, dep)
			case pkg == "brand" && own && dep != "checker" && dep != "text" && dep != "segment" && dep != "internal/strictyaml":
				t.Errorf("brand may import only checker, text, segment and internal/strictyaml, imports %s", dep)
			case strings.Contains(imp, "blevesearch/bleve") && !strings.HasPrefix(pkg, "news"):
				t.Errorf("%s imports Bleve; only news may", pkg)
			case strings.Contains(imp, "gofiber/fiber") && !strings.HasPrefix(pkg, "web"):
				t.Errorf("%s imports Fiber; only web may", pkg)
			case own && !strings.HasPrefix(pkg, "cmd/") && strings.HasPrefix(dep, "cmd/"):
				t.Errorf("%s imports the command %s", pkg, dep)
			}
		}
	}
}

// looseYAML are the files that may still call yaml.Unmarshal, which drops
// unknown keys: each decodes into a map whose keys it checks itself or a
// yaml.Node. Everything else decodes with KnownFields.
var looseYAML = map[string]string{
	"config/config.go":         "a yaml.Node, checked key by key against the Go types (checkNode)",
	"rules/hashtag/hashtag.go": "lists keyed by category; parseLists refuses an unknown key",
	"calendars/data.go":        "hindu.yaml: dates keyed by festival and year",
	"incidents/library.go":     "a yaml.Node for line numbers; the data is decoded with KnownFields",
}

// TestYAMLDecodedStrictly: a data file's or preflight.yaml's misspelt key
// must be an error, so a new yaml.Unmarshal call (which drops unknown keys)
// needs a reason in looseYAML.
func TestYAMLDecodedStrictly(t *testing.T) {
	root := "../.."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "/internal/gen/") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if strings.Contains(string(b), "yaml.Unmarshal(") && looseYAML[filepath.ToSlash(rel)] == "" {
			t.Errorf("%s decodes YAML with yaml.Unmarshal, which drops unknown keys; use a yaml.Decoder with KnownFields(true)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
