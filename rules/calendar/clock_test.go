package calendar

import (
	"fmt"
	"testing"
	"unicode/utf8"
)

// clockTimes finds the times of day people write, in several scripts and
// conventions, and leaves prices, dates and counts alone.
func TestClockTimes(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "HH:MM[~] matched text" per time, ~ when it may be the afternoon hour
	}{
		{"Om 20:00 gaat het feest los", "[20:00 20:00]"},
		{"Startujemy o 17.00!", "[17:00 17.00]"},
		{"It's 11 o'clock: party!", "[11:00~ 11 o'clock]"},
		{"at 11am and again at 8 p.m.", "[11:00 11am 20:00 8 p.m.]"},
		{"12 am is midnight, 12pm noon", "[00:00 12 am 12:00 12pm]"},
		{"本日8時15分から", "[08:15~ 8時15分]"},
		{"오전 10시 정각", "[10:00~ 10시]"},
		{"ab 20 Uhr und um 20h30", "[20:00 20 Uhr 20:30 20h30]"},
		{"à 20h, pas 20 hats", "[20:00 20h]"},
		{"من ١٢:٠٠ حتى ٣:٠٠", "[12:00 ١٢:٠٠]"},
		{"only 19.99, 2x1, 3/11, 11.11.2026, 100 pm", "[]"},
		{"20 hats for 2024 people", "[]"},
		{"25:00 and 10:75", "[]"},
		{"open 9:00-20:00, sale until 11am, tot 20:00 uur", "[09:00~ 9:00]"},
		{"17時まで営業、10시까지", "[]"},
		{"Party to 8pm? No: party at 8pm", "[20:00 8pm]"},
	} {
		var got []string
		rs := []rune(c.in)
		for _, ct := range clockTimes(c.in) {
			tilde := ""
			if ct.twelveish {
				tilde = "~"
			}
			got = append(got, fmt.Sprintf("%02d:%02d%s", ct.min/60, ct.min%60, tilde), string(rs[ct.span.Start:ct.span.End]))
		}
		if g := fmt.Sprint(got); g != c.want {
			if len(got) == 0 {
				g = "[]"
			}
			if g != c.want {
				t.Errorf("clockTimes(%q) = %s, want %s", c.in, g, c.want)
			}
		}
	}
}

func TestClockTimeAt(t *testing.T) {
	eight := clockTime{min: 8 * 60, twelveish: true}
	if !eight.at(8*60) || !eight.at(20*60) || eight.at(9*60) {
		t.Error(`"8:00" should be 08:00 or 20:00 only`)
	}
	pm := clockTime{min: 20 * 60}
	if pm.at(8*60) || !pm.at(20*60) {
		t.Error(`"8 pm" should be 20:00 only`)
	}
}

// FuzzClockTimes: spans are in bounds, ordered, non-overlapping and on
// whole characters; minutes are a time of day.
func FuzzClockTimes(f *testing.F) {
	for _, s := range []string{"Om 20:00 uur", "8時15分", "11 o'clock", "١٢:٠٠", "12pm", "9.", "24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		last := 0
		for _, c := range clockTimes(s) {
			if c.span.Start < last || c.span.End <= c.span.Start || c.span.End > n {
				t.Fatalf("%q: bad span %+v after %d", s, c.span, last)
			}
			if c.min < 0 || c.min >= 24*60 {
				t.Fatalf("%q: minute %d", s, c.min)
			}
			last = c.span.End
		}
	})
}

func TestParseHHMM(t *testing.T) {
	for s, want := range map[string]int{"20:00": 1200, "08:15": 495, "00:00": 0} {
		if m, ok := parseHHMM(s); !ok || m != want {
			t.Errorf("parseHHMM(%q) = %d, %v", s, m, ok)
		}
	}
	for _, s := range []string{"24:00", "8:15", "08:60", "ab:cd", "08-15"} {
		if _, ok := parseHHMM(s); ok {
			t.Errorf("parseHHMM(%q) accepted", s)
		}
	}
}
