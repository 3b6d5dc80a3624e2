package news

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// docMapper turns the document bleveDoc builds into Bleve's fields
// directly, as the index's mapping would (mapping.MapDocument), without
// its reflective walk over the document, which is a twentieth of an
// import's CPU. It handles the mappings newMapping makes: per type, static
// properties of one text (or keyword) field each, no "_all" composite. An
// index whose stored mapping is of another shape (a legacy one) is mapped
// by Bleve as before: newDocMapper returns nil.
type docMapper struct {
	types map[string]map[string]fieldSpec // document type → property → its field
}

// fieldSpec is how the mapping indexes one property.
type fieldSpec struct {
	opts     index.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// newDocMapper reads m's document mappings; nil when one is of a shape
// docMapper does not reproduce.
func newDocMapper(m mapping.IndexMapping) *docMapper {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok || im.TypeField != "_type" || im.DefaultMapping == nil || len(im.TypeMapping) != 2 {
		return nil
	}
	dmr := &docMapper{types: map[string]map[string]fieldSpec{}}
	for _, typ := range []string{"en", "no"} {
		dm := im.TypeMapping[typ]
		if dm == nil {
			return nil
		}
		fields := specsOf(im, dm)
		if fields == nil {
			return nil
		}
		dmr.types[typ] = fields
	}
	return dmr
}

// specsOf reads one document mapping's properties; nil when it holds
// anything but single text fields under their own names and a disabled
// "_all".
func specsOf(im *mapping.IndexMappingImpl, dm *mapping.DocumentMapping) map[string]fieldSpec {
	if !dm.Enabled || dm.Dynamic || dm.DefaultAnalyzer != "" || dm.DefaultSynonymSource != "" || len(dm.Fields) > 0 {
		return nil
	}
	all := dm.Properties["_all"]
	if all == nil || all.Enabled {
		return nil
	}
	out := map[string]fieldSpec{}
	for name, p := range dm.Properties {
		if name == "_all" {
			continue
		}
		if !p.Enabled || len(p.Properties) > 0 || len(p.Fields) != 1 || p.DefaultAnalyzer != "" || p.Nested {
			return nil
		}
		fm := p.Fields[0]
		if fm.Type != "text" || (fm.Name != "" && fm.Name != name) || fm.SynonymSource != "" {
			return nil
		}
		an := fm.Analyzer
		if an == "" {
			an = im.DefaultAnalyzer
		}
		a := im.AnalyzerNamed(an)
		if a == nil {
			return nil
		}
		out[name] = fieldSpec{opts: fm.Options(), analyzer: a}
	}
	return out
}

// mapDoc fills d with doc's fields as MapDocument would; false, with d
// untouched, when doc holds what it does not reproduce (MapDocument then
// maps it).
func (dmr *docMapper) mapDoc(d *document.Document, doc map[string]interface{}) bool {
	typ, _ := doc["_type"].(string)
	specs := dmr.types[typ]
	if specs == nil {
		return false
	}
	n := 0
	for name, v := range doc {
		if name == "_type" {
			continue
		}
		if _, ok := specs[name]; !ok {
			return false
		}
		switch v := v.(type) {
		case string:
			n++
		case []string:
			n += len(v)
		default:
			return false
		}
	}
	fields := make([]document.Field, 0, n)
	for name, v := range doc {
		if name == "_type" {
			continue
		}
		sp := specs[name]
		switch v := v.(type) {
		case string:
			fields = append(fields, document.NewTextFieldCustom(name, []uint64{}, []byte(v), sp.opts, sp.analyzer))
		case []string:
			for i, s := range v {
				fields = append(fields, document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(s), sp.opts, sp.analyzer))
			}
		}
	}
	d.Fields = append(d.Fields, fields...)
	d.SetIndexed()
	return true
}
