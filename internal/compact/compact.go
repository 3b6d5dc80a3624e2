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
	"unsafe"
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

// decodeFunc decodes one value into the memory at p, which holds the zero
// value of the type the function was made for.
type decodeFunc func(d *decoder, p unsafe.Pointer) error

// decoders holds a decodeFunc by reflect.Type, made once per type: the
// type's shape is walked when its decoder is made, not at every value
// (reflect.Value's Kind, Field, Index and Set cost most of what decoding
// by reflection did).
var (
	decoders  sync.Map // reflect.Type → decodeFunc
	decodersM sync.Mutex
)

// decoderOf returns t's decoder, making it (and those of the types t
// holds) the first time.
func decoderOf(t reflect.Type) decodeFunc {
	if f, ok := decoders.Load(t); ok {
		return f.(decodeFunc)
	}
	decodersM.Lock()
	defer decodersM.Unlock()
	if f, ok := decoders.Load(t); ok {
		return f.(decodeFunc)
	}
	b := decoderBuilder{made: map[reflect.Type]decodeFunc{}}
	f := b.of(t)
	// Published only when every decoder of the walk is complete.
	for t, f := range b.made {
		decoders.Store(t, f)
	}
	return f
}

// decoderBuilder makes the decoders of one type and those it holds.
type decoderBuilder struct {
	made map[reflect.Type]decodeFunc
}

func (b *decoderBuilder) of(t reflect.Type) decodeFunc {
	if f, ok := decoders.Load(t); ok {
		return f.(decodeFunc)
	}
	if f, ok := b.made[t]; ok {
		return f
	}
	// A type that holds itself (through a pointer, slice or map) calls
	// its own decoder through this until it is made.
	var f decodeFunc
	b.made[t] = func(d *decoder, p unsafe.Pointer) error { return f(d, p) }
	f = b.build(t)
	b.made[t] = f
	return f
}

// storeBits stores the low bits of u in the integer of that many bits at
// p: a signed integer's bits are those of its two's complement.
func storeBits(p unsafe.Pointer, bits uint, u uint64) {
	switch bits {
	case 8:
		*(*uint8)(p) = uint8(u)
	case 16:
		*(*uint16)(p) = uint16(u)
	case 32:
		*(*uint32)(p) = uint32(u)
	default:
		*(*uint64)(p) = u
	}
}

// sliceHeader is the memory layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func (b *decoderBuilder) build(t reflect.Type) decodeFunc {
	switch t.Kind() {
	case reflect.Bool:
		return func(d *decoder, p unsafe.Pointer) error {
			u, err := d.uvarint()
			*(*bool)(p) = u != 0
			return err
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := uint(t.Bits())
		return func(d *decoder, p unsafe.Pointer) error {
			i, err := d.varint()
			if err == nil && (i<<(64-bits))>>(64-bits) != i {
				err = ErrCorrupt
			}
			storeBits(p, bits, uint64(i))
			return err
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		bits := uint(t.Bits())
		return func(d *decoder, p unsafe.Pointer) error {
			u, err := d.uvarint()
			if err == nil && bits < 64 && u>>bits != 0 {
				err = ErrCorrupt
			}
			storeBits(p, bits, u)
			return err
		}
	case reflect.Float32:
		return func(d *decoder, p unsafe.Pointer) error {
			u, err := d.uvarint()
			*(*float32)(p) = float32(math.Float64frombits(u))
			return err
		}
	case reflect.Float64:
		return func(d *decoder, p unsafe.Pointer) error {
			u, err := d.uvarint()
			*(*float64)(p) = math.Float64frombits(u)
			return err
		}
	case reflect.String:
		return func(d *decoder, p unsafe.Pointer) error {
			n, err := d.length()
			if err != nil || n > d.end-d.pos {
				return ErrCorrupt
			}
			*(*string)(p) = d.src[d.pos : d.pos+n]
			d.pos += n
			return nil
		}
	case reflect.Pointer:
		et := t.Elem()
		ef := b.of(et)
		return func(d *decoder, p unsafe.Pointer) error {
			u, err := d.uvarint()
			if err != nil || u == 0 {
				return err
			}
			e := reflect.New(et).UnsafePointer()
			*(*unsafe.Pointer)(p) = e
			return ef(d, e)
		}
	case reflect.Slice:
		et := t.Elem()
		ef, size := b.of(et), et.Size()
		return func(d *decoder, p unsafe.Pointer) error {
			n, err := d.length()
			if err != nil || n == 0 {
				return err
			}
			s := reflect.MakeSlice(t, n-1, n-1)
			base := s.UnsafePointer()
			*(*sliceHeader)(p) = sliceHeader{base, n - 1, n - 1}
			for i := range uintptr(n - 1) {
				if err := ef(d, unsafe.Add(base, i*size)); err != nil {
					return err
				}
			}
			return nil
		}
	case reflect.Array:
		et := t.Elem()
		ef, size, n := b.of(et), et.Size(), uintptr(t.Len())
		return func(d *decoder, p unsafe.Pointer) error {
			for i := range n {
				if err := ef(d, unsafe.Add(p, i*size)); err != nil {
					return err
				}
			}
			return nil
		}
	case reflect.Map:
		kt, et := t.Key(), t.Elem()
		kf, ef := b.of(kt), b.of(et)
		return func(d *decoder, p unsafe.Pointer) error {
			n, err := d.length()
			if err != nil || n == 0 {
				return err
			}
			m := reflect.MakeMapWithSize(t, n-1)
			reflect.NewAt(t, p).Elem().Set(m)
			k, e := reflect.New(kt).Elem(), reflect.New(et).Elem()
			kp, ep := k.Addr().UnsafePointer(), e.Addr().UnsafePointer()
			for range n - 1 {
				k.SetZero()
				e.SetZero()
				if err := kf(d, kp); err != nil {
					return err
				}
				if err := ef(d, ep); err != nil {
					return err
				}
				m.SetMapIndex(k, e)
			}
			return nil
		}
	case reflect.Struct:
		type field struct {
			off uintptr
			dec decodeFunc
		}
		var fs []field
		for _, i := range exportedFields(t) {
			f := t.Field(i)
			fs = append(fs, field{f.Offset, b.of(f.Type)})
		}
		return func(d *decoder, p unsafe.Pointer) error {
			for _, f := range fs {
				if err := f.dec(d, unsafe.Add(p, f.off)); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return func(*decoder, unsafe.Pointer) error { return ErrCorrupt }
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
	if err := decoderOf(rv.Type().Elem())(d, rv.UnsafePointer()); err != nil {
		return err
	}
	if d.pos != d.end {
		return ErrCorrupt
	}
	return nil
}
