package news

import (
	"math"
	"testing"
)

// log2Of is math.Log2 to the bit.
func TestLog2Of(t *testing.T) {
	for n := 0; n < 1000; n++ {
		if got, want := log2Of(n), math.Log2(float64(n)); got != want && !(math.IsInf(got, -1) && math.IsInf(want, -1)) {
			t.Fatalf("log2Of(%d) = %v, want %v", n, got, want)
		}
	}
	for _, a := range []int{1, 2, 7, 30, 300} {
		for _, s := range []int{1, 2, 9, 40, 400} {
			if got, want := log2Of(a+s), math.Log2(1+float64(a)+float64(s-1)); got != want {
				t.Fatalf("articles %d sources %d: %v, want %v", a, s, got, want)
			}
		}
	}
}
