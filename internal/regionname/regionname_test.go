package regionname

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// viaDisplay is what the table stands for: display's English name of the
// region language.ParseRegion reads in code, or "".
func viaDisplay(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(r)
}

// The table answers as display does for every code ParseRegion could read,
// in upper, lower and mixed case, and for strings that are no code; a
// table generated from another x/text fails here until regenerated.
func TestNameIsDisplays(t *testing.T) {
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			codes = append(codes, string([]rune{a, b}))
			for c := 'A'; c <= 'Z'; c++ {
				codes = append(codes, string([]rune{a, b, c}))
			}
		}
	}
	for i := range 1000 {
		codes = append(codes, fmt.Sprintf("%03d", i))
	}
	n := 0
	for _, c := range codes {
		for _, v := range []string{c, strings.ToLower(c), strings.ToLower(c[:1]) + c[1:]} {
			if got, want := Name(v), viaDisplay(v); got != want {
				if n++; n <= 10 {
					t.Errorf("Name(%q) = %q, display %q (go generate ./internal/regionname)", v, got, want)
				}
			}
		}
	}
	for _, v := range []string{"", "U", "USAA", "U-", "1", "12", "1234", "u s", "ÜS", "US\n"} {
		if got, want := Name(v), viaDisplay(v); got != want {
			t.Errorf("Name(%q) = %q, display %q", v, got, want)
		}
	}
}
