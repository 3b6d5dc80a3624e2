package calendars

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/preflight-dev/preflight/internal/compact"
	"github.com/preflight-dev/preflight/internal/golden"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"gopkg.in/yaml.v3"
)

// TestDaysData keeps data/days.bin, which the calendar reads at start-up,
// equal to data/days.yaml decoded strictly (an unknown key in the YAML is
// an error here). After editing the YAML run `go generate ./calendars`.
func TestDaysData(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("data", "days.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var f dayFile
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("data/days.yaml: %v", err)
	}
	b, err := compact.Append(nil, &f)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("data", "days.bin"), string(b))
}

// TestTablesData keeps data/tables.bin, the dated tables a calendar reads
// at start-up, equal to data/hindu.yaml and data/dated.yaml. After
// editing them run `go generate ./calendars`.
func TestTablesData(t *testing.T) {
	var src [2][]byte
	for i, name := range []string{"hindu.yaml", "dated.yaml"} {
		b, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		src[i] = b
	}
	tables, err := parseTables(src[0], src[1])
	if err != nil {
		t.Fatal(err)
	}
	b, err := compact.Append(nil, &tables)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("data", "tables.bin"), string(b))
}

// TestIDRegionsData keeps data/idregions.bin, the built-in days' regions
// by day id that a calendar reads at start-up, equal to what
// buildIDRegions works out from the built-in data. After editing the
// days, the regions or the holiday code run `go generate ./calendars`.
func TestIDRegionsData(t *testing.T) {
	b, err := loadBuiltin()
	if err != nil {
		t.Fatal(err)
	}
	m := (&Calendar{data: b}).buildIDRegions()
	enc, err := compact.Append(nil, &m)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("data", "idregions.bin"), string(enc))
	// When updating, the embedded file is the one being replaced.
	if got := b.idRegions(); !golden.Updating() && !reflect.DeepEqual(got, m) {
		t.Error("the regions by day id read at start-up differ from the built-in data's")
	}
}

// BenchmarkLoadBuiltin is the calendar's share of a one-post start-up.
func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadBuiltin(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRegionsData keeps data/regions.bin, which the calendar reads on
// first use, equal to data/regions.yaml decoded strictly, and the YAML
// valid as regions. After editing the YAML run `go generate ./calendars`.
func TestRegionsData(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("data", "regions.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseRegions(src); err != nil {
		t.Fatalf("data/regions.yaml: %v", err)
	}
	var f map[string]regionEntry
	if err := strictyaml.Decode(src, &f); err != nil {
		t.Fatalf("data/regions.yaml: %v", err)
	}
	b, err := compact.Append(nil, &f)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("data", "regions.bin"), string(b))
}

// BenchmarkBuildIDRegions is the regions-by-day index every process
// builds once from the built-in data.
func BenchmarkBuildIDRegions(b *testing.B) {
	bi, err := sharedBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	c := &Calendar{data: bi}
	b.ReportAllocs()
	for b.Loop() {
		c.buildIDRegions()
	}
}
