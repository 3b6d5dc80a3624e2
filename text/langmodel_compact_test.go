package text

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite generated data (data/langmodel.bin)")

// TestLangModelBinary checks that data/langmodel.bin is data/langmodel.tsv
// encoded, and that it answers every lookup with the TSV model's numbers;
// with -update (go generate ./text) it rewrites the binary.
func TestLangModelBinary(t *testing.T) {
	tsv, err := parseLangModel(langModelTSV)
	if err != nil {
		t.Fatal(err)
	}
	want := encodeLangModel(tsv)
	if !bytes.Equal(want, langModelBin) {
		if !*update {
			t.Fatal("data/langmodel.bin is not data/langmodel.tsv encoded: run go generate ./text")
		}
		if err := os.WriteFile(filepath.Join("data", "langmodel.bin"), want, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote data/langmodel.bin (%d bytes)", len(want))
	}
	m, err := openLangModel(want)
	if err != nil {
		t.Fatal(err)
	}
	nl := len(tsv.codes)
	same := func(what string, got []float64, want []float32) {
		t.Helper()
		for k := range want {
			if float32(got[k]) != want[k] {
				t.Fatalf("%s: language %s: %v, the TSV model has %v", what, tsv.codes[k], got[k], want[k])
			}
		}
	}
	for k, off := range tsv.tri {
		row, ok := m.triRow(k)
		if !ok {
			t.Fatalf("trigram %x not found", k)
		}
		got := make([]float64, nl)
		m.addRow(got, m.triLogP, row)
		same("trigram", got, tsv.triLogP[off:int(off)+nl])
	}
	for w, p := range tsv.words {
		row, ok := m.wordRow(w)
		if !ok {
			t.Fatalf("word %q not found", w)
		}
		got := make([]float64, nl)
		m.addRow(got, m.wordLogP, row)
		same("word "+w, got, p)
	}
	for _, w := range []string{"", "zzqxj", "thee", "the "} {
		if _, ok := tsv.words[w]; !ok {
			if _, found := m.wordRow(w); found {
				t.Errorf("word %q found, the TSV model has none", w)
			}
		}
	}
	if _, ok := m.triRow(triKey('ʬ', 'ʬ', 'ʬ')); ok {
		t.Error("an unseen trigram was found")
	}
	for k := range nl {
		if m.unseenTri[k] != tsv.unseenTri[k] || m.unseenWord[k] != tsv.unseenWord[k] || m.codes[k] != tsv.codes[k] || m.names[k] != tsv.names[k] {
			t.Errorf("language %d differs", k)
		}
	}
}

// TestOpenLangModelErrors refuses a truncated or foreign binary model.
func TestOpenLangModelErrors(t *testing.T) {
	for _, s := range [][]byte{nil, []byte("PFLM0\n"), []byte(langModelMagic), langModelBin[:len(langModelBin)/2]} {
		if _, err := openLangModel(s); err == nil {
			t.Errorf("openLangModel of %d bytes: no error", len(s))
		}
	}
}

// BenchmarkOpenLangModel is the language model's share of a one-post
// start-up (opened once per process, on the first Detect).
func BenchmarkOpenLangModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openLangModel(langModelBin); err != nil {
			b.Fatal(err)
		}
	}
}
