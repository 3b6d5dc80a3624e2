package content

import "testing"

// TestHasPrice: the shortcut before the price expression never changes
// its answer.
func TestHasPrice(t *testing.T) {
	for _, s := range []string{"₹299 only", "just $ 5", "49 kr", "49kr", "Rs. 100", "Rs100", "10 USD", "5 EUR", "7GBP", "£3",
		"¥500", "€ 2", "we have 49 krakens", "Rs", "no price here", "call 555 1234", "", "100 INR off", "kr 49", "EUR"} {
		if got, want := hasPrice(s), price.MatchString(s); got != want {
			t.Errorf("hasPrice(%q) = %v, the expression says %v", s, got, want)
		}
	}
}
