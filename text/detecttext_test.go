package text

import (
	"reflect"
	"testing"
)

// TestDetectTextAsAnalyse: DetectText reads the same language as
// detecting on a fully analysed Doc.
func TestDetectTextAsAnalyse(t *testing.T) {
	for _, s := range []string{
		"Strong earthquake strikes central Chile, killing at least 60 people",
		"Ein starkes Erdbeben erschüttert Mittelchile, mindestens 60 Tote",
		"Un fuerte terremoto sacude el centro de Chile y deja al menos 60 muertos",
		"新潟で大きな地震、23人死亡",
		"ok",
		"#PrayForChile https://example.com/x @someone",
	} {
		if got, want := DetectText(s), Detect(Analyse(s, "en")); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: DetectText %+v, Detect(Analyse) %+v", s, got, want)
		}
	}
}
