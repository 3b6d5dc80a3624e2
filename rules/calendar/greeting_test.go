package calendar

import "testing"

func TestStartsWord(t *testing.T) {
	for _, c := range []struct {
		s, w string
		want bool
	}{
		{"swiss national day", "national day", true},
		{"international day of yoga", "national day", false},
		{"grundlovsdag", "grundlov", true},
		{"día de la constitución", "constitución", true},
		{"hari kemerdekaan", "merdeka", false},
		{"hari merdeka", "merdeka", true},
		{"(national day)", "national day", true},
		{"", "x", false},
	} {
		if got := startsWord(c.s, c.w); got != c.want {
			t.Errorf("startsWord(%q, %q) = %v", c.s, c.w, got)
		}
	}
}
