package calendars

import (
	"testing"
	"time"
)

// FuzzParseRule: any rule text either fails to parse or yields dates in
// the year asked for, without panicking.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{"12-25", "2026-06-01", "2nd sun of may", "last mon of may +1", "sun after 11-13",
		"easter -21", "hebrew adar 14", "hijri 12 10", "chinese 8 15", "table diwali", "qingming", "5th fri of feb", "hebrew kislev 30", "hijri-mabims 10 1", "deepavali-south", "orthodox-easter +1",
		"hijri-india 12 10", "june-solstice-chile", "08-17 move monday-ar", "10-31 +1 move friday-cl only fri", "09-17 only mon fri"} {
		f.Add(s, 2026)
	}
	tables := map[string]map[int]string{"diwali": {2026: "11-08"}}
	f.Fuzz(func(t *testing.T, s string, y int) {
		r, err := parseRule(s, tables)
		if err != nil {
			return
		}
		y = minYear + ((y%(maxYear-minYear+1))+(maxYear-minYear+1))%(maxYear-minYear+1)
		for _, d := range r.dates(y, tables) {
			if d.Year() != y || d.Location() != time.UTC {
				t.Fatalf("rule %q year %d gave %v", s, y, d)
			}
		}
	})
}
