package news

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/preflight-dev/preflight/checker"
)

// TestDocMapperAsMapping: the fields docMapper makes are the fields Bleve's
// mapping makes of the same document (names, array positions, options,
// values, analysers), for English and Norwegian articles, crises and not,
// with and without names, regions and a publication time.
func TestDocMapperAsMapping(t *testing.T) {
	m := newMapping()
	dmr := newDocMapper(m)
	if dmr == nil {
		t.Fatal("no docMapper for the index's own mapping")
	}
	arts := synthetic(600, 5)
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	arts = append(arts,
		checker.Article{ID: "no1", Title: "Flom i Bergen", Summary: "Fire døde.", Language: "nb", Published: at, Regions: []string{"NO"}},
		checker.Article{ID: "x", Title: "Quiet day", Published: at},
		checker.Article{ID: "y", Title: "Gunman in Houston", Summary: "Police said", Entities: []string{"Houston", "Texas"}, Hashtags: []string{"houston"}, Published: at, Crisis: checker.CrisisShooting},
	)
	ix, err := OpenMem(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i := range arts {
		a := arts[i]
		classes, _ := ix.enrich(&a)
		doc, err := bleveDoc(&a, classes, OriginImport, false)
		if err != nil {
			t.Fatal(err)
		}
		want := document.NewDocument("id")
		if err := m.MapDocument(want, doc); err != nil {
			t.Fatal(err)
		}
		got := document.NewDocument("id")
		if !dmr.mapDoc(got, doc) {
			t.Fatalf("%q: docMapper declined the document", a.Title)
		}
		if g, w := fieldsOf(got), fieldsOf(want); !slices.Equal(g, w) {
			t.Fatalf("%q: fields\n%s\nwant (Bleve's mapping)\n%s", a.Title, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
		if got.Indexed() != want.Indexed() || len(got.CompositeFields) != len(want.CompositeFields) {
			t.Fatalf("%q: indexed %v, %d composite fields; want %v, %d", a.Title, got.Indexed(), len(got.CompositeFields), want.Indexed(), len(want.CompositeFields))
		}
	}
	// A legacy document (Bleve's date and numeric fields) is left to Bleve.
	a := arts[0]
	doc, _ := bleveDoc(&a, nil, OriginImport, true)
	if dmr.mapDoc(document.NewDocument("id"), doc) {
		t.Error("docMapper mapped a legacy document")
	}
}

// TestDocMapperDeclinesOtherMappings: a mapping of another shape (Bleve's
// default, or one with an "_all" composite) gets no docMapper.
func TestDocMapperDeclinesOtherMappings(t *testing.T) {
	if newDocMapper(mapping.NewIndexMapping()) != nil {
		t.Error("a docMapper for Bleve's default mapping")
	}
	m := newMapping().(*mapping.IndexMappingImpl)
	m.TypeMapping["en"].Properties["_all"].Enabled = true
	if newDocMapper(m) != nil {
		t.Error("a docMapper for a mapping with an _all field")
	}
}

// fieldsOf lists a document's fields in a stable order, with everything
// Bleve indexes of them.
func fieldsOf(d *document.Document) []string {
	var out []string
	for _, f := range d.Fields {
		tf, ok := f.(*document.TextField)
		if !ok {
			out = append(out, fmt.Sprintf("%s: %T", f.Name(), f))
			continue
		}
		out = append(out, fmt.Sprintf("%s %v opts=%d analyzer=%p value=%q plain=%d", tf.Name(), tf.ArrayPositions(), tf.Options(),
			tf.Analyzer(), tf.Value(), tf.NumPlainTextBytes()))
	}
	slices.Sort(out)
	return out
}
