package calendar

import (
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/text"
)

// clockTime is a time of day written in a post ("20:00", "8 pm", "11
// o'clock", "8時15分", "17.00 Uhr"): minutes after midnight, whether it may
// also be the afternoon hour (an hour from 1 to 12 with no am or pm), and
// its span on the text the user wrote.
type clockTime struct {
	min       int
	twelveish bool
	span      text.Span
}

// at reports whether the written time is local time m (minutes after
// midnight): "8:00" is 08:00 or 20:00, "8 pm" only 20:00.
func (c clockTime) at(m int) bool {
	return c.min == m || (c.twelveish && c.min+12*60 == m)
}

// clockSuffixes mark a bare hour as a time of day, in the project's
// languages; matched case-folded right after the number (one space
// allowed). Longer first, so "o'clock" wins over "o".
var clockSuffixes = []struct {
	s    string
	ampm int // 0 none, 1 am, 2 pm
}{
	{"o'clock", 0}, {"o’clock", 0}, {"oclock", 0},
	{"a.m.", 1}, {"p.m.", 2}, {"am", 1}, {"pm", 2},
	{"uur", 0}, {"uhr", 0}, {"u", 0}, {"godz", 0}, {"hrs", 0}, {"h", 0},
	{"時", 0}, {"时", 0}, {"시", 0}, {"ur", 0}, {"heures", 0}, {"horas", 0}, {"hs", 0},
}

// clockTimes returns the times of day written in s, with spans in code
// points. The scan is linear in the text; a number is a time only with a
// separator and two digits of minutes ("20:00", "20.00", "20h00",
// "8時15分") or a suffix that makes it one ("8 pm", "11 o'clock", "20
// Uhr"), so prices and dates ("19.99", "2x1") are not times.
func clockTimes(s string) []clockTime {
	rs := []rune(s)
	var out []clockTime
	for i := 0; i < len(rs); i++ {
		if digit(rs[i]) < 0 || (i > 0 && (digit(rs[i-1]) >= 0 || (unicode.IsLetter(rs[i-1]) && !isCJK(rs[i-1])) || rs[i-1] == '.' || rs[i-1] == ':' || rs[i-1] == '/')) {
			continue
		}
		j, h := i, 0
		for j < len(rs) && j-i < 3 && digit(rs[j]) >= 0 {
			h = h*10 + digit(rs[j])
			j++
		}
		if j-i > 2 || (j < len(rs) && digit(rs[j]) >= 0) || h > 24 {
			i = j
			continue
		}
		m, end, ok := -1, j, false
		if j+2 < len(rs) && strings.ContainsRune(":.hH時时시", rs[j]) && digit(rs[j+1]) >= 0 && digit(rs[j+2]) >= 0 &&
			(j+3 == len(rs) || digit(rs[j+3]) < 0) && !dateGoesOn(rs, j, j+3) {
			m = digit(rs[j+1])*10 + digit(rs[j+2])
			end, ok = j+3, m < 60
			if ok && end < len(rs) && strings.ContainsRune("分분", rs[end]) {
				end++
			}
		}
		if m < 0 {
			m = 0
		}
		ampm := 0
		if k, a, found := clockSuffix(rs, end); found {
			end, ampm, ok = k, a, true
		} else if !ok {
			i = j - 1
			continue
		}
		if !ok || (ampm > 0 && (h == 0 || h > 12)) {
			i = end - 1
			continue
		}
		if endsRange(rs, i, end) {
			// "open 9:00-20:00", "until 11am", "17時まで": when something
			// stops, not when it happens.
			i = end - 1
			continue
		}
		c := clockTime{min: h*60 + m, span: text.Span{Start: i, End: end}}
		switch {
		case ampm == 1 && h == 12:
			c.min = m
		case ampm == 2 && h < 12:
			c.min += 12 * 60
		case ampm == 0 && h >= 1 && h < 12:
			c.twelveish = true
		}
		if h == 24 {
			c.min = m
		}
		out = append(out, c)
		i = end - 1
	}
	return out
}

// untilWords come before a time at which something ends, in the project's
// languages (case-folded, with the space that follows them).
var untilWords = []string{"until ", "till ", "til ", "to ", "tot ", "bis ", "do ", "hasta ", "hasta las ", "até ", "até às ", "ate ",
	"jusqu'à ", "jusqu’à ", "jusqu'a ", "fino alle ", "fino a ", "sampai ", "hingga ", "kadar ", "'e kadar ", "حتى ", "till kl ", "til kl ", "bis um "}

// untilAfter come right after a time at which something ends (Japanese,
// Korean, Chinese).
var untilAfter = []string{"まで", "까지", "止", "为止"}

// endsRange reports whether the time at rs[start:end] ends a span of time:
// after a dash ("9:00-20:00", "9–20 Uhr"), after an until word, or before
// an until particle.
func endsRange(rs []rune, start, end int) bool {
	k := start - 1
	for k >= 0 && rs[k] == ' ' {
		k--
	}
	if k >= 0 && strings.ContainsRune("-–—~〜～", rs[k]) {
		return true
	}
	before := strings.ToLower(string(rs[max(0, start-12):start]))
	for _, w := range untilWords {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !unicode.IsLetter(lastRune(before[:len(before)-len(w)]))) {
			return true
		}
	}
	after := string(rs[end:min(len(rs), end+3)])
	for _, w := range untilAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return ' '
	}
	return r[len(r)-1]
}

// clockSuffix reads a suffix at rs[k:] (after at most one space) and
// returns the end of it and whether it says am or pm; a suffix must end
// the word ("h" in "20h", not in "20 hats").
func clockSuffix(rs []rune, k int) (int, int, bool) {
	if k < len(rs) && rs[k] == ' ' {
		k++
	}
	for _, sf := range clockSuffixes {
		n := len([]rune(sf.s))
		if k+n > len(rs) || !strings.EqualFold(string(rs[k:k+n]), sf.s) {
			continue
		}
		if e := k + n; e < len(rs) && (unicode.IsLetter(rs[e]) || digit(rs[e]) >= 0) && !isCJK(rs[e-1]) {
			continue
		}
		return k + n, sf.ampm, true
	}
	return 0, 0, false
}

// dateGoesOn reports whether a number continues at rs[k] as a date does
// ("11.11.2026"): the separator at rs[sep] again, then another digit.
// "9:00-20:00" is a range of times, not a date.
func dateGoesOn(rs []rune, sep, k int) bool {
	return k+1 < len(rs) && rs[k] == rs[sep] && digit(rs[k+1]) >= 0
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana)
}

// digit returns the value of a decimal digit in any script (ASCII,
// full-width, Arabic-Indic, Devanagari …), or -1.
func digit(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if !unicode.IsDigit(r) {
		return -1
	}
	// Unicode decimal digits come in runs of ten starting at a zero.
	for z := r; z > r-10; z-- {
		if !unicode.IsDigit(z - 1) {
			return int(r - z)
		}
	}
	return -1
}

// parseHHMM reads a silence time of the cue data, "HH:MM".
func parseHHMM(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, m := digit(rune(s[0]))*10+digit(rune(s[1])), digit(rune(s[3]))*10+digit(rune(s[4]))
	if digit(rune(s[0])) < 0 || digit(rune(s[1])) < 0 || digit(rune(s[3])) < 0 || digit(rune(s[4])) < 0 || h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}
