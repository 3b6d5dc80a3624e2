package text

import (
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestModelTermsExact checks what the word-scores cache relies on (see
// wordScores): every log-probability of the model is a float32 of size
// between 2 and 64, a multiple of 2^-22, so sums of them are exact in a
// float64 in any order.
func TestModelTermsExact(t *testing.T) {
	m := langModel()
	check := func(what string, v float32) {
		if a := math.Abs(float64(v)); !(a >= 2 && a <= 64) {
			t.Fatalf("%s: %g is outside 2..64 in size: the cached word scores would round differently from term-by-term sums", what, v)
		}
	}
	for _, tb := range []struct {
		name string
		b    []byte
	}{{"trigram table", m.triLogP}, {"word table", m.wordLogP}} {
		for i := 0; i+4 <= len(tb.b); i += 4 {
			check(tb.name, math.Float32frombits(binary.LittleEndian.Uint32(tb.b[i:])))
		}
	}
	for _, v := range append(append([]float32(nil), m.unseenTri...), m.unseenWord...) {
		check("unseen", v)
	}
}

// TestCachedWordScoresSame checks that adding each word's cached sum gives
// bit for bit the scores of adding its terms one by one, on held-out text
// in every language, and that Detect answers as the uncached detector.
func TestCachedWordScoresSame(t *testing.T) {
	m := langModel()
	n := 0
	for code, ps := range heldOut(t) {
		for _, p := range append(pieces(ps, 5), ps...) {
			d := tokenise(p)
			direct := make([]float64, len(m.codes))
			viaSums := make([]float64, len(m.codes))
			for i := range d.Tokens {
				if d.Tokens[i].Kind != Word {
					continue
				}
				m.addWordScores(direct, d.Tokens[i].Norm)
				sum := make([]float64, len(m.codes))
				m.addWordScores(sum, d.Tokens[i].Norm)
				for k := range viaSums {
					viaSums[k] += sum[k]
				}
			}
			for k := range direct {
				if math.Float64bits(direct[k]) != math.Float64bits(viaSums[k]) {
					t.Fatalf("%s %q: language %s scores %v one term at a time, %v by word sums", code, p, m.codes[k], direct[k], viaSums[k])
				}
			}
			want := detect(tokenise(p), false)
			for range 2 { // the second reads every word from the cache
				if got := detect(tokenise(p), true); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s %q: cached %+v, uncached %+v", code, p, got, want)
				}
			}
			n++
		}
	}
	// A word longer than the cache takes.
	long := strings.Repeat("antidisestablishment", 3) + " is a word"
	if got, want := Detect(tokenise(long)), detect(tokenise(long), false); !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: cached %+v, uncached %+v", long, got, want)
	}
	if n < 100 {
		t.Fatalf("only %d held-out texts read", n)
	}
}

// The word-scores cache is shared by every goroutine: detections on
// several at once answer as the uncached detector (run with -race).
func TestCachedWordScoresConcurrent(t *testing.T) {
	texts := []string{"thank you so much for reaching out to us today", "vielen Dank für Ihre Nachricht, wir melden uns",
		"merci beaucoup pour votre message, nous revenons", "tusen takk for meldingen din, vi svarer snart"}
	want := make([]Detection, len(texts))
	for i, s := range texts {
		want[i] = detect(tokenise(s), false)
	}
	done := make(chan error)
	for g := range 4 {
		go func() {
			var err error
			for k := range 200 {
				i := (g + k) % len(texts)
				if got := Detect(tokenise(texts[i])); !reflect.DeepEqual(got, want[i]) && err == nil {
					err = fmt.Errorf("%q: cached %+v, uncached %+v", texts[i], got, want[i])
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
