package datasnap

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

type file struct {
	Source string   `yaml:"source"`
	Terms  []string `yaml:"terms"`
	Allow  []string `yaml:"allow"`
}

// TestDecodeMissParsesStrictly: data the snapshot does not hold (a team's
// file, a built-in one edited since) is parsed as YAML, strictly.
func TestDecodeMissParsesStrictly(t *testing.T) {
	var f file
	if err := Decode([]byte("source: me\nterms: [a, b]\n"), &f); err != nil {
		t.Fatal(err)
	}
	if f.Source != "me" || len(f.Terms) != 2 {
		t.Errorf("decoded %+v", f)
	}
	err := Decode([]byte("source: me\ntrems: [a]\n"), &file{})
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "trems") {
		t.Errorf("misspelt key: %v, want an error naming line 2 and the key", err)
	}
}

// TestDecodeFromSnapshot: a snapshot built of a recording gives what
// parsing gives, and its keys tell the types data is decoded into apart.
func TestDecodeFromSnapshot(t *testing.T) {
	data := []byte("source: me\nterms: [a, b]\nallow: []\n")
	rec := Record()
	if err := Decode(data, &file{}); err != nil {
		t.Fatal(err)
	}
	files := rec.Stop()
	if len(files) != 1 {
		t.Fatalf("recorded %d files, want 1", len(files))
	}
	snap, err := Build(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		want, err := f.Parse()
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := f.FromSnapshot(snap)
		if !ok || err != nil || !Equal(got, want) {
			t.Errorf("from the snapshot: %+v %v %v, want %+v", got, ok, err, want)
		}
	}
	// The same bytes asked for as another type miss the snapshot.
	var other struct {
		Source string `yaml:"source"`
	}
	if _, ok := snap[Key(data, &other)]; ok {
		t.Error("the key ignores the type")
	}
}

func TestEqual(t *testing.T) {
	for _, c := range []struct {
		a, b any
		want bool
	}{
		{&file{Terms: []string{}}, &file{}, true},
		{&file{Terms: []string{"a"}}, &file{}, false},
		{map[string][]string{"x": {}}, map[string][]string{"x": nil}, true},
		{map[string][]string{"x": {}}, map[string][]string{"y": nil}, false},
		{&file{Source: "a"}, &file{Source: "b"}, false},
		{&file{}, &struct{}{}, false},
	} {
		if got := Equal(c.a, c.b); got != c.want {
			t.Errorf("Equal(%#v, %#v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestKeyFollowsTheTypesShape: a type whose fields change (renamed,
// retyped, retagged) gets another key though its name stays, so an old
// entry is not decoded into it.
func TestKeyFollowsTheTypesShape(t *testing.T) {
	data := []byte("source: me\n")
	old, name := Key(data, &file{}), typeName(reflect.TypeOf(&file{}))
	{
		type file struct {
			Origin string   `yaml:"source"`
			Terms  []string `yaml:"terms"`
			Allow  []string `yaml:"allow"`
		}
		if typeName(reflect.TypeOf(&file{})) != name {
			t.Fatal("the types' names differ: the test would prove nothing")
		}
		if Key(data, &file{}) == old {
			t.Error("a renamed field keeps the key")
		}
	}
	{
		type file struct {
			Source string `yaml:"source"`
			Terms  []int  `yaml:"terms"`
			Allow  []string
		}
		if Key(data, &file{}) == old {
			t.Error("a retyped field keeps the key")
		}
	}
	if Key(data, &file{}) != old {
		t.Error("the key is not stable")
	}
}

// A type's key names what YAML and gob read, its exported fields: a
// compiled unexported field (a lexicon whose layout changes) leaves the
// snapshot's entries valid.
func TestTypeKeyIgnoresUnexported(t *testing.T) {
	type data struct {
		Words    []string `yaml:"words"`
		compiled *strings.Builder
	}
	var sb strings.Builder
	shape(&sb, reflect.TypeOf(data{}), map[reflect.Type]bool{})
	if s := sb.String(); strings.Contains(s, "compiled") || !strings.Contains(s, "Words") {
		t.Errorf("shape %q: want the exported field only", s)
	}
}

// A snapshot file reads back as written, and one of another version or
// cut short is refused (Decode then parses the YAML).
func TestSnapshotFile(t *testing.T) {
	s := Snapshot{"k1": "\x01\x02", "k0": ""}
	b, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unmarshal(b)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("read back %q, %v; want %q", got, err, s)
	}
	for _, bad := range [][]byte{b[:len(b)-1], []byte("preflight datasnap 1\n\x00"), append(b, 0)} {
		if _, err := Unmarshal(bad); err == nil {
			t.Errorf("%q read as a snapshot", bad)
		}
	}
}

// DecodeFile decodes each file as Decode decodes its bytes, whatever the
// sizes of the files read before it into the reused buffer, and a file
// that is not there is an error.
func TestDecodeFileAsDecode(t *testing.T) {
	type doc struct {
		Words []string `yaml:"words"`
		Note  string   `yaml:"note"`
	}
	long := "words: [" + strings.Repeat("alpha, ", 3000) + "omega]\nnote: long\n"
	fsys := fstest.MapFS{
		"long.yaml":  {Data: []byte(long)},
		"short.yaml": {Data: []byte("words: [one]\n")},
		"bad.yaml":   {Data: []byte("words: [one]\nextra: 1\n")},
		"empty.yaml": {Data: nil},
	}
	for _, name := range []string{"long.yaml", "short.yaml", "long.yaml", "empty.yaml", "short.yaml", "bad.yaml"} {
		var got, want doc
		gerr := DecodeFile(fsys, name, &got)
		werr := Decode(fsys[name].Data, &want)
		if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: DecodeFile %+v, %v; Decode %+v, %v", name, len(got.Words), gerr, len(want.Words), werr)
		}
	}
	if err := DecodeFile(fsys, "missing.yaml", &doc{}); err == nil {
		t.Error("a missing file decoded")
	}
}
