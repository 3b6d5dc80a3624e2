package content

import (
	_ "embed"
	"encoding/binary"

	"github.com/golangci/misspell"
)

// misspellIndex finds a word among misspell's typos (misspell.DictMain,
// pairs of typo and correction) through an open-address hash table made by
// `go generate ./rules/content` into data/misspell.idx, read in place:
// building a map of its 28,000 typos was a tenth of a one-post check's
// start-up. The table holds each slot's pair number plus one (0 when
// empty); a word is always compared with the typo it finds, so a table
// made for another version of misspell could only miss words, and Open
// refuses one whose count differs (TestMisspellIndex catches it first).
//
//go:generate go test -run ^TestMisspellIndex$ . -update
//go:embed data/misspell.idx
var misspellIdx string

// misspellMagic starts the table; the digit is its format's version.
const misspellMagic = "PFMS1\n"

type misspellIndex struct {
	slots string // little-endian uint32s
	mask  uint32
}

// openMisspellIndex reads the table in s, or reports false when it does
// not fit misspell.DictMain.
func openMisspellIndex(s string) (misspellIndex, bool) {
	h := len(misspellMagic)
	if len(s) < h+8 || s[:h] != misspellMagic {
		return misspellIndex{}, false
	}
	n, size := binary.LittleEndian.Uint32([]byte(s[h:h+4])), binary.LittleEndian.Uint32([]byte(s[h+4:h+8]))
	if int(n) != len(misspell.DictMain)/2 || size == 0 || size&(size-1) != 0 || len(s) != h+8+4*int(size) {
		return misspellIndex{}, false
	}
	return misspellIndex{slots: s[h+8:], mask: size - 1}, true
}

// buildMisspellIndex makes the table for misspell.DictMain.
func buildMisspellIndex() []byte {
	n := len(misspell.DictMain) / 2
	size := uint32(1)
	for int(size) < 2*n {
		size <<= 1
	}
	slots := make([]uint32, size)
	for i := range n {
		k := misspellHash(misspell.DictMain[2*i]) & (size - 1)
		for slots[k] != 0 {
			k = (k + 1) & (size - 1)
		}
		slots[k] = uint32(i + 1)
	}
	b := append([]byte(misspellMagic), 0, 0, 0, 0, 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[len(misspellMagic):], uint32(n))
	binary.LittleEndian.PutUint32(b[len(misspellMagic)+4:], size)
	for _, v := range slots {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

func misspellHash(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h ^ h>>15
}

// fix returns the correction of typo w.
func (x misspellIndex) fix(w string) (string, bool) {
	for k := misspellHash(w) & x.mask; ; k = (k + 1) & x.mask {
		o := 4 * int(k)
		v := uint32(x.slots[o]) | uint32(x.slots[o+1])<<8 | uint32(x.slots[o+2])<<16 | uint32(x.slots[o+3])<<24
		if v == 0 {
			return "", false
		}
		if i := int(v-1) * 2; misspell.DictMain[i] == w {
			return misspell.DictMain[i+1], true
		}
	}
}
