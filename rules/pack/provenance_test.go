package pack_test

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"
)

// ownedData are the data folders of the text analysis and of the rule
// packages whose data this package's kinds and vocabulary serve.
var ownedData = []string{"../../text/data", "../content/data", "../reply/data", "../platform/data", "../calendar/data"}

// provenance lists the data files of fsys that do not state their source
// and licence: a YAML file by its own top-level source and licence keys,
// any other file by a line of the folder's README.md naming it.
func provenance(fsys fs.FS) []error {
	var errs []error
	readme, _ := fs.ReadFile(fsys, "README.md")
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return []error{err}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "README.md" {
			continue
		}
		if ext := path.Ext(name); ext == ".yaml" || ext == ".yml" {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			var head struct {
				Source  string `yaml:"source"`
				Licence string `yaml:"licence"`
			}
			// Only the two keys matter here; each file's own loader
			// decodes it strictly.
			if err := yaml.Unmarshal(b, &head); err != nil {
				errs = append(errs, fmt.Errorf("%s: %v", name, err))
				continue
			}
			if strings.TrimSpace(head.Source) == "" || strings.TrimSpace(head.Licence) == "" {
				errs = append(errs, fmt.Errorf("%s: no top-level source and licence", name))
			}
			continue
		}
		found := false
		for _, l := range strings.Split(string(readme), "\n") {
			if strings.Contains(l, name) && strings.Count(l, "|") >= 4 {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Errorf("%s: not in the README.md table of sources and licences", name))
		}
	}
	return errs
}

func TestDataFilesStateSourceAndLicence(t *testing.T) {
	for _, dir := range ownedData {
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, err := range provenance(os.DirFS(dir)) {
			t.Errorf("%s/%v", dir, err)
		}
	}
}

func TestProvenanceCatchesMissingLicence(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.yaml":     {Data: []byte("source: x\nlicence: y\n")},
		"list.yaml":   {Data: []byte("- a\n- b\n")},
		"nolic.yaml":  {Data: []byte("source: x\nterms: []\n")},
		"words.txt":   {Data: []byte("a\n")},
		"listed.json": {Data: []byte("{}")},
		"README.md":   {Data: []byte("| file | what | source | licence |\n|---|---|---|---|\n| `listed.json` | x | y | MIT |\n")},
	}
	got := provenance(fsys)
	if len(got) != 3 {
		t.Errorf("got %v, want list.yaml, nolic.yaml and words.txt", got)
	}
}
