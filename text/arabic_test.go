package text

import (
	"slices"
	"testing"
)

func TestArabicScriptForms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"لاهور", []string{"لاهور", "لاہور"}},
		{"لاھور", []string{"لاهور", "لاہور"}},
		{"کراچی", []string{"كراچي", "کراچی"}},
		{"بغداد", nil}, // no letter spelt differently
		{"Lahore", nil},
	} {
		if got := ArabicScriptForms(c.in); !slices.Equal(got, c.want) {
			t.Errorf("ArabicScriptForms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Every form reads back to the same Arabic spelling.
	for _, f := range ArabicScriptForms("پشاور کی") {
		if got := ArabicScriptForms(f); len(got) == 0 || got[0] != ArabicScriptForms("پشاور کی")[0] {
			t.Errorf("ArabicScriptForms(%q)[0] = %q", f, got)
		}
	}
}
