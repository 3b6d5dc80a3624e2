// Package datasnap serves the built-in rule data already decoded. Parsing
// YAML is most of what building the rules used to cost a one-post check,
// so `go generate` records what each embedded data file decodes to (in a
// compact encoding driven by the Go type, internal/compact, keyed by the
// file's checksums and the Go type it is decoded into) in snapshot.bin,
// and Decode answers from there. A file edited since the snapshot was made
// misses it and is parsed as before: the snapshot can make start-up slower
// when stale, not wrong (a Go type whose fields change gets another key
// too). rules' TestDataSnapshot says when it is stale; `go generate
// ./rules/internal/datasnap` renews it.
package datasnap

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/internal/compact"
	"gopkg.in/yaml.v3"
)

//go:generate go test -run ^TestDataSnapshot$ ../.. -update

// snapshotData is embedded as a string, so that the decoded values'
// strings can be its substrings, in read-only memory.
//
//go:embed snapshot.bin
var snapshotData string

// Snapshot is encoded values (internal/compact) by Key.
type Snapshot map[string]string

// snapshotEntry is one value of a snapshot file, which holds them sorted
// by key after snapshotMagic.
type snapshotEntry struct{ Key, Value string }

// snapshotMagic opens a snapshot file and names its encoding.
const snapshotMagic = "preflight datasnap 2\n"

// embedded is the generated snapshot, read on first use. A snapshot that
// does not decode (a bad merge) is treated as empty: everything is parsed.
var embedded = sync.OnceValue(func() Snapshot {
	s, err := unmarshal(snapshotData)
	if err != nil {
		return Snapshot{}
	}
	return s
})

// Unmarshal reads a snapshot file.
func Unmarshal(b []byte) (Snapshot, error) { return unmarshal(string(b)) }

// unmarshal indexes a snapshot file without copying it: the entries are
// substrings of data.
func unmarshal(data string) (Snapshot, error) {
	if data == "" {
		return Snapshot{}, nil
	}
	body, ok := strings.CutPrefix(data, snapshotMagic)
	if !ok {
		return nil, fmt.Errorf("snapshot: not a datasnap file of this version")
	}
	var es []snapshotEntry
	if err := compact.Decode(body, &es); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	s := make(Snapshot, len(es))
	for _, e := range es {
		s[e.Key] = e.Value
	}
	return s, nil
}

// Marshal writes a snapshot file, its entries sorted by key.
func (s Snapshot) Marshal() ([]byte, error) {
	es := make([]snapshotEntry, 0, len(s))
	for _, k := range slices.Sorted(maps.Keys(s)) {
		es = append(es, snapshotEntry{k, s[k]})
	}
	return compact.Append([]byte(snapshotMagic), &es)
}

// decode decodes s's entry for key into v (a pointer); ok is false
// when s has none. The decoded strings are substrings of the entry.
func (s Snapshot) decode(key string, v any) (ok bool, err error) {
	e, ok := s[key]
	if !ok {
		return false, nil
	}
	return true, compact.Decode(e, v)
}

// Key names data decoded into v: the data's length and two CRC-32s
// (Castagnoli and IEEE, 64 bits that an edit changes but with odds of
// 2^-64; both computed in hardware, where SHA-256 cost a one-post check
// 2% of its CPU), and v's type with its shape (typeKey).
func Key(data []byte, v any) string {
	return fmt.Sprintf("%08x%08x-%d %s", crc32.Checksum(data, castagnoli), crc32.ChecksumIEEE(data), len(data), typeKey(reflect.TypeOf(v)))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// typeKey names a type with its shape: the names, types and tags of its
// fields, recursively. A snapshot entry made before a field was renamed,
// added or retyped has another key, so the YAML is parsed instead of the
// entry decoding into the wrong fields.
func typeKey(t reflect.Type) string {
	if k, ok := typeKeys.Load(t); ok {
		return k.(string)
	}
	var sb strings.Builder
	shape(&sb, t, map[reflect.Type]bool{})
	h := sha256.Sum256([]byte(sb.String()))
	k := typeName(t) + " " + hex.EncodeToString(h[:8])
	typeKeys.Store(t, k)
	return k
}

var typeKeys sync.Map // reflect.Type → string

// shape writes t's structure to sb.
func shape(sb *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	sb.WriteString(typeName(t))
	if seen[t] {
		return
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		sb.WriteString("[")
		shape(sb, t.Elem(), seen)
		sb.WriteString("]")
	case reflect.Map:
		sb.WriteString("[")
		shape(sb, t.Key(), seen)
		sb.WriteString("]")
		shape(sb, t.Elem(), seen)
	case reflect.Struct:
		sb.WriteString("{")
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				// Neither YAML nor the snapshot reads it: a compiled field (a
				// lexicon) can change without the data's form changing.
				continue
			}
			// As fmt's "%s %q " wrote it (the snapshot's keys), without fmt.
			sb.WriteString(f.Name)
			sb.WriteByte(' ')
			sb.WriteString(strconv.Quote(string(f.Tag)))
			sb.WriteByte(' ')
			shape(sb, f.Type, seen)
			sb.WriteString(";")
		}
		sb.WriteString("}")
	}
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "nil"
	}
	if t.Kind() == reflect.Pointer {
		return "*" + typeName(t.Elem())
	}
	if t.Name() != "" && t.PkgPath() != "" {
		return t.PkgPath() + "." + t.Name()
	}
	return t.String()
}

// Decode decodes the YAML data into v (a pointer) strictly: a key v has no
// field for is an error naming its line. Data the snapshot holds for v's
// type is decoded from there instead.
func Decode(data []byte, v any) error {
	rec := recording()
	key := Key(data, v)
	if rec == nil {
		if ok, err := embedded().decode(key, v); ok {
			if err == nil {
				return nil
			}
			// A snapshot entry that no longer fits the type (a field
			// changed type): parse the YAML.
			reflect.ValueOf(v).Elem().SetZero()
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	if rec != nil {
		rec.add(key, data, v)
	}
	return nil
}

// DecodeFile decodes the YAML file name of fsys into v as Decode does. The
// file is read into a buffer reused from one file to the next (nothing
// decoded refers to it: the snapshot's strings are its own, the YAML
// decoder copies), where reading each into its own copy made a one-post
// check allocate and throw away half a megabyte.
func DecodeFile(fsys fs.FS, name string, v any) error {
	bp := fileBuffers.Get().(*[]byte)
	defer fileBuffers.Put(bp)
	data, err := readInto(fsys, name, (*bp)[:0])
	if err != nil {
		return err
	}
	*bp = data[:0]
	return Decode(data, v)
}

var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readInto reads the file name of fsys into buf, grown to its size.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		buf = slices.Grow(buf, int(st.Size())+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 4096)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Recording collects the data decoded while it is on: what `go generate`
// snapshots.
type Recording struct {
	mu    sync.Mutex
	files map[string]File
}

// File is one decoding seen by a recording: the YAML and the type it was
// decoded into.
type File struct {
	Data []byte
	Type reflect.Type
}

// Parse decodes the file's YAML into a new value of its type, strictly.
func (f File) Parse() (any, error) {
	v := reflect.New(f.Type.Elem()).Interface()
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return nil, err
	}
	return v, nil
}

// FromSnapshot decodes the file's entry in s into a new value of its type;
// ok is false when s has no entry for it.
func (f File) FromSnapshot(s Snapshot) (v any, ok bool, err error) {
	v = reflect.New(f.Type.Elem()).Interface()
	ok, err = s.decode(Key(f.Data, v), v)
	if !ok || err != nil {
		return nil, ok, err
	}
	return v, true, nil
}

var (
	recMu  sync.Mutex
	recCur *Recording
)

func recording() *Recording {
	recMu.Lock()
	defer recMu.Unlock()
	return recCur
}

// Record starts a recording: until Stop, every Decode parses its YAML and
// is recorded. One recording runs at a time.
func Record() *Recording {
	r := &Recording{files: map[string]File{}}
	recMu.Lock()
	recCur = r
	recMu.Unlock()
	return r
}

// Stop ends the recording and returns the decodings it saw, by Key.
func (r *Recording) Stop() map[string]File {
	recMu.Lock()
	if recCur == r {
		recCur = nil
	}
	recMu.Unlock()
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.files)
}

func (r *Recording) add(key string, data []byte, v any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[key] = File{Data: bytes.Clone(data), Type: reflect.TypeOf(v)}
}

// Build makes the snapshot of the files: each parsed afresh and encoded.
func Build(files map[string]File) (Snapshot, error) {
	s := Snapshot{}
	for key, f := range files {
		v, err := f.Parse()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		b, err := compact.Append(nil, v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		s[key] = string(b)
	}
	return s, nil
}

// Embedded is the generated snapshot.
func Embedded() Snapshot { return embedded() }

// Equal reports whether two decoded values hold the same data. It is
// reflect.DeepEqual except that a nil and an empty slice or map are the
// same: no rule reads data files telling them apart (gob, the snapshot's
// first encoding, kept no difference between them).
func Equal(a, b any) bool { return equal(reflect.ValueOf(a), reflect.ValueOf(b)) }

func equal(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equal(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !equal(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !equal(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			v := b.MapIndex(k)
			if !v.IsValid() || !equal(a.MapIndex(k), v) {
				return false
			}
		}
		return true
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return a.IsNil() && b.IsNil()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	case reflect.Complex64, reflect.Complex128:
		return a.Complex() == b.Complex()
	case reflect.String:
		return a.String() == b.String()
	}
	return false
}
