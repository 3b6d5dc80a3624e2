package text

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
)

// The detector reads its model in place from data/langmodel.bin, which
// `go generate ./text` makes from data/langmodel.tsv: the smoothed
// log-probabilities already computed and the features in two open-address
// hash tables, so nothing is parsed, computed or copied at start-up and a
// check touches only the rows its words look up. TestLangModelBinary keeps
// it equal to the TSV.
//
//go:generate go test -run ^TestLangModelBinary$ . -update
//go:embed data/langmodel.bin
var langModelBin []byte

// langModelMagic starts the binary model; the digit is its format's version.
const langModelMagic = "PFLM1\n"

// compactModel is the binary model, read in place.
type compactModel struct {
	codes, names []string
	nl           int
	// unseenTri and unseenWord are each language's log-probability of a
	// feature it never saw.
	unseenTri, unseenWord []float32
	// triKeys and triRows are the trigram table: slot i holds a triKey (0
	// when empty) and its row in triLogP. wordSlots holds per slot a
	// word's offset and length in pool (length 0 when empty) and its row
	// in wordLogP. Rows are nl little-endian float32s.
	triKeys, triRows, triLogP []byte
	wordSlots, wordLogP, pool []byte
	triMask, wordMask         uint64
}

// tableSize is the slots of an open-address table for n keys: a power of
// two at least twice n, so probes stay short.
func tableSize(n int) int {
	s := 1
	for s < 2*n {
		s <<= 1
	}
	return s
}

// triHash and wordHash pick a key's first slot.
func triHash(k, mask uint64) uint64 { return (k * 0x9E3779B97F4A7C15 >> 17) & mask }

func wordHash(w string, mask uint64) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return (h ^ h>>29) & mask
}

// encodeLangModel writes m in the binary form. Keys go into the tables in
// row order, so the encoding of a model is always the same.
func encodeLangModel(m *langModelData) []byte {
	nl := len(m.codes)
	var b []byte
	u32 := func(v uint32) { b = binary.LittleEndian.AppendUint32(b, v) }
	f32s := func(fs []float32) {
		for _, f := range fs {
			u32(math.Float32bits(f))
		}
	}
	triByRow := make([]uint64, len(m.triLogP)/nl)
	for k, off := range m.tri {
		triByRow[int(off)/nl] = k
	}
	var langs strings.Builder
	for i, c := range m.codes {
		langs.WriteString(c + "\t" + m.names[i] + "\n")
	}
	triSlots, wordSlots := tableSize(len(triByRow)), tableSize(len(m.wordNames))
	b = append(b, langModelMagic...)
	for _, v := range []int{nl, len(triByRow), triSlots, len(m.wordNames), wordSlots, langs.Len()} {
		u32(uint32(v))
	}
	b = append(b, langs.String()...)
	f32s(m.unseenTri)
	f32s(m.unseenWord)
	keys, rows := make([]uint64, triSlots), make([]uint32, triSlots)
	for row, k := range triByRow {
		i := triHash(k, uint64(triSlots-1))
		for keys[i] != 0 {
			i = (i + 1) & uint64(triSlots-1)
		}
		keys[i], rows[i] = k, uint32(row)
	}
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	for _, r := range rows {
		u32(r)
	}
	f32s(m.triLogP)
	var pool []byte
	slots := make([][3]uint32, wordSlots)
	for row, w := range m.wordNames {
		i := wordHash(w, uint64(wordSlots-1))
		for slots[i][1] != 0 {
			i = (i + 1) & uint64(wordSlots-1)
		}
		slots[i] = [3]uint32{uint32(len(pool)), uint32(len(w)), uint32(row)}
		pool = append(pool, w...)
	}
	for _, s := range slots {
		u32(s[0])
		u32(s[1])
		u32(s[2])
	}
	f32s(m.wordLogP)
	return append(b, pool...)
}

// openLangModel reads the header of a binary model and slices its tables
// out of s without copying them.
func openLangModel(s []byte) (*compactModel, error) {
	if !strings.HasPrefix(string(s[:min(len(s), len(langModelMagic))]), langModelMagic) {
		return nil, errors.New("not a binary language model (no header)")
	}
	p := len(langModelMagic)
	take := func(n int) ([]byte, error) {
		if n < 0 || n > len(s)-p {
			return nil, fmt.Errorf("truncated at byte %d", p)
		}
		t := s[p : p+n]
		p += n
		return t, nil
	}
	var h [6]int
	for i := range h {
		t, err := take(4)
		if err != nil {
			return nil, err
		}
		h[i] = int(binary.LittleEndian.Uint32(t))
	}
	nl, ntri, triSlots, nword, wordSlots, langLen := h[0], h[1], h[2], h[3], h[4], h[5]
	if nl < 1 || nl > maxLanguages || triSlots&(triSlots-1) != 0 || wordSlots&(wordSlots-1) != 0 ||
		triSlots < ntri || wordSlots < nword {
		return nil, fmt.Errorf("bad header %v", h)
	}
	m := &compactModel{nl: nl, triMask: uint64(triSlots - 1), wordMask: uint64(wordSlots - 1)}
	langs, err := take(langLen)
	if err != nil {
		return nil, err
	}
	for l := range strings.Lines(string(langs)) {
		code, name, _ := strings.Cut(strings.TrimSuffix(l, "\n"), "\t")
		m.codes, m.names = append(m.codes, code), append(m.names, name)
	}
	if len(m.codes) != nl {
		return nil, fmt.Errorf("%d languages named, %d declared", len(m.codes), nl)
	}
	for _, dst := range []*[]float32{&m.unseenTri, &m.unseenWord} {
		t, err := take(4 * nl)
		if err != nil {
			return nil, err
		}
		for k := range nl {
			*dst = append(*dst, math.Float32frombits(binary.LittleEndian.Uint32(t[4*k:])))
		}
	}
	for _, sec := range []struct {
		dst *[]byte
		n   int
	}{{&m.triKeys, 8 * triSlots}, {&m.triRows, 4 * triSlots}, {&m.triLogP, 4 * nl * ntri},
		{&m.wordSlots, 12 * wordSlots}, {&m.wordLogP, 4 * nl * nword}} {
		if *sec.dst, err = take(sec.n); err != nil {
			return nil, err
		}
	}
	m.pool = s[p:]
	return m, nil
}

// triRow is the row of trigram key k in triLogP.
func (m *compactModel) triRow(k uint64) (int, bool) {
	for i := triHash(k, m.triMask); ; i = (i + 1) & m.triMask {
		switch binary.LittleEndian.Uint64(m.triKeys[8*i:]) {
		case k:
			return int(binary.LittleEndian.Uint32(m.triRows[4*i:])), true
		case 0:
			return 0, false
		}
	}
}

// wordRow is the row of word w in wordLogP.
func (m *compactModel) wordRow(w string) (int, bool) {
	for i := wordHash(w, m.wordMask); ; i = (i + 1) & m.wordMask {
		slot := m.wordSlots[12*i : 12*i+12]
		n := int(binary.LittleEndian.Uint32(slot[4:]))
		if n == 0 {
			return 0, false
		}
		if off := int(binary.LittleEndian.Uint32(slot)); n == len(w) && string(m.pool[off:off+n]) == w {
			return int(binary.LittleEndian.Uint32(slot[8:])), true
		}
	}
}

// addRow adds row r of a log-probability table to scores.
func (m *compactModel) addRow(scores []float64, table []byte, r int) {
	row := table[4*m.nl*r : 4*m.nl*(r+1)]
	for k := range scores {
		scores[k] += float64(math.Float32frombits(binary.LittleEndian.Uint32(row[4*k:])))
	}
}
