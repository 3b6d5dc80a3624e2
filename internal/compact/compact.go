// Package compact encodes Go values of plain data (the shapes data files
// decode into: structs, slices, maps, strings, numbers) in a compact form
// driven by their Go type, for data generated at build time and embedded:
// no type descriptions are stored, and decoding allocates only the slices,
// maps and pointers the value holds, its strings being substrings of the
// embedded data. Decoding costs a fraction of parsing the JSON or YAML the
// data is made from (or gob), which every process pays at start-up. The
// reader must know the type the writer used; callers pin it (a key naming
// the type's shape, a test that regenerates the file).
//
// Per kind: a bool is one byte; signed integers are zig-zag varints,
// unsigned ones varints, floats the varint of their IEEE 754 bits; a
// string is its length and bytes; a slice or a map is its length plus one
// (0 for nil) and its elements (a map's sorted by their encoding, so that
// a value encodes the same every time); a pointer is 0 for nil, else 1
// and the value; an array its elements; a struct its exported fields in
// order (data files fill no other). Other kinds (interfaces, functions,
// channels) are refused.
package compact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
)

// Append appends the encoding of *v to b; v must be a non-nil pointer.
func Append(b []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return nil, fmt.Errorf("compact: encode %T, want a non-nil pointer", v)
	}
	return encodeValue(b, rv.Elem())
}

// Decode decodes src, which must hold exactly one encoding, into v (a
// non-nil pointer to a zero value of the type it was encoded from). The
// strings of the decoded value are substrings of src.
func Decode(src string, v any) error { return decodeEntry(src, 0, len(src), v) }

// ErrCorrupt says the data does not decode as the type asked for.
var ErrCorrupt = errors.New("compact: data does not decode")

// encodeValue appends v's encoding to b.
func encodeValue(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(b, v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return binary.AppendUvarint(b, math.Float64bits(v.Float())), nil
	case reflect.String:
		b = binary.AppendUvarint(b, uint64(v.Len()))
		return append(b, v.String()...), nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), nil
		}
		return encodeValue(append(b, 1), v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0), nil
		}
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		return encodeElems(b, v)
	case reflect.Array:
		return encodeElems(b, v)
	case reflect.Map:
		if v.IsNil() {
			return append(b, 0), nil
		}
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		type pair struct{ k, v []byte }
		pairs := make([]pair, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			k, err := encodeValue(nil, it.Key())
			if err != nil {
				return nil, err
			}
			e, err := encodeValue(nil, it.Value())
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, pair{k, e})
		}
		slices.SortFunc(pairs, func(x, y pair) int { return bytes.Compare(x.k, y.k) })
		for _, p := range pairs {
			b = append(append(b, p.k...), p.v...)
		}
		return b, nil
	case reflect.Struct:
		t := v.Type()
		for _, i := range exportedFields(t) {
			var err error
			if b, err = encodeValue(b, v.Field(i)); err != nil {
				return nil, fmt.Errorf("%s.%s: %w", t, t.Field(i).Name, err)
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("compact: cannot encode a value of kind %s (%s)", v.Kind(), v.Type())
}

func encodeElems(b []byte, v reflect.Value) ([]byte, error) {
	for i := range v.Len() {
		var err error
		if b, err = encodeValue(b, v.Index(i)); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// decoder reads one encoding from src[pos:end].
type decoder struct {
	src string
	pos int
	end int
}

func (d *decoder) uvarint() (uint64, error) {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.pos >= d.end {
			return 0, ErrCorrupt
		}
		c := d.src[d.pos]
		d.pos++
		x |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return x, nil
		}
	}
	return 0, ErrCorrupt
}

func (d *decoder) varint() (int64, error) {
	u, err := d.uvarint()
	return int64(u>>1) ^ -int64(u&1), err
}

// length reads a string's length or a slice's or map's length plus one,
// bounded by the bytes left so that a corrupt entry cannot make a huge
// slice.
func (d *decoder) length() (int, error) {
	n, err := d.uvarint()
	if err != nil || n > uint64(d.end-d.pos)+1 {
		return 0, ErrCorrupt
	}
	return int(n), nil
}

// value decodes into v, which holds its type's zero value.
func (d *decoder) value(v reflect.Value) error {
	switch v.Kind() {
	case reflect.Bool:
		u, err := d.uvarint()
		v.SetBool(u != 0)
		return err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := d.varint()
		if err == nil && v.OverflowInt(i) {
			err = ErrCorrupt
		}
		v.SetInt(i)
		return err
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := d.uvarint()
		if err == nil && v.OverflowUint(u) {
			err = ErrCorrupt
		}
		v.SetUint(u)
		return err
	case reflect.Float32, reflect.Float64:
		u, err := d.uvarint()
		v.SetFloat(math.Float64frombits(u))
		return err
	case reflect.String:
		n, err := d.length()
		if err != nil || n > d.end-d.pos {
			return ErrCorrupt
		}
		v.SetString(d.src[d.pos : d.pos+n])
		d.pos += n
		return nil
	case reflect.Pointer:
		u, err := d.uvarint()
		if err != nil || u == 0 {
			return err
		}
		p := reflect.New(v.Type().Elem())
		v.Set(p)
		return d.value(p.Elem())
	case reflect.Slice:
		n, err := d.length()
		if err != nil || n == 0 {
			return err
		}
		s := reflect.MakeSlice(v.Type(), n-1, n-1)
		v.Set(s)
		for i := range n - 1 {
			if err := d.value(s.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Array:
		for i := range v.Len() {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		n, err := d.length()
		if err != nil || n == 0 {
			return err
		}
		t := v.Type()
		m := reflect.MakeMapWithSize(t, n-1)
		v.Set(m)
		k, e := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for range n - 1 {
			k.SetZero()
			e.SetZero()
			if err := d.value(k); err != nil {
				return err
			}
			if err := d.value(e); err != nil {
				return err
			}
			m.SetMapIndex(k, e)
		}
		return nil
	case reflect.Struct:
		for _, i := range exportedFields(v.Type()) {
			if err := d.value(v.Field(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return ErrCorrupt
}

// exportedFields lists the indexes of t's exported fields, worked out
// once per type (reflect's Field is slow).
func exportedFields(t reflect.Type) []int {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			f = append(f, i)
		}
	}
	fieldCache.Store(t, f)
	return f
}

var fieldCache sync.Map // reflect.Type → []int

// decodeEntry decodes src[off:end] into v (a pointer), which must then
// have been read to its end.
func decodeEntry(src string, off, end int, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("compact: decode into %T, want a non-nil pointer", v)
	}
	d := &decoder{src: src, pos: off, end: end}
	if err := d.value(rv.Elem()); err != nil {
		return err
	}
	if d.pos != d.end {
		return ErrCorrupt
	}
	return nil
}
