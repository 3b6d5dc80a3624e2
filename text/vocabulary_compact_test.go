package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestVocabularyCompact checks that data/vocabulary.tsv is
// data/vocabulary.yaml's entries, read back exactly as decoding the YAML
// gives them; with -update (go generate ./text) it rewrites the TSV.
func TestVocabularyCompact(t *testing.T) {
	want, err := decodeVocabulary(vocabularyYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range want {
		if strings.ContainsAny(e.Value+e.Lang+e.Phrase, "\t\n") {
			t.Fatalf("entry %+v holds a tab or a line break: the TSV cannot hold it", e)
		}
	}
	if enc := encodeVocabulary(vocabularyYAML, want); enc != vocabularyTSV {
		if !*update {
			t.Fatal("data/vocabulary.tsv is not data/vocabulary.yaml's entries: run go generate ./text")
		}
		if err := os.WriteFile(filepath.Join("data", "vocabulary.tsv"), []byte(enc), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote data/vocabulary.tsv (%d entries)", len(want))
		return
	}
	got, ok := compactVocabulary(vocabularyYAML, vocabularyTSV)
	if !ok {
		t.Fatal("the generated TSV is not read for the YAML it was made from")
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the TSV's entries differ from the YAML's")
	}
}

// A vocabulary edited since the TSV was generated is decoded from its YAML:
// the TSV never answers for other bytes, nor when it is damaged.
func TestVocabularyCompactStale(t *testing.T) {
	edited := append([]byte(nil), vocabularyYAML...)
	edited = append(edited, "\n# edited\n"...)
	if _, ok := compactVocabulary(edited, vocabularyTSV); ok {
		t.Error("the TSV answers for an edited YAML")
	}
	head, _, _ := strings.Cut(vocabularyTSV, "\n")
	for _, body := range []string{"promotional\t2\t\tsale\n", "promotional\t0\tsale\n", "\t0\t\tsale\n"} {
		if _, ok := compactVocabulary(vocabularyYAML, head+"\n"+body); ok {
			t.Errorf("a damaged line %q is read", body)
		}
	}
	es, err := vocabularyEntries(edited)
	if err != nil || len(es) == 0 {
		t.Fatalf("an edited vocabulary: %d entries, %v", len(es), err)
	}
}
