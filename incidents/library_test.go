package incidents_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/preflight-dev/preflight/incidents"
)

// TestLibraryIsDocumented holds every incident to the library's contract:
// a public source (outlet, headline, date), a date, a mechanism from the
// closed set and a control; and checks the library's spread.
func TestLibraryIsDocumented(t *testing.T) {
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	const minIncidents = 70
	if len(lib.Incidents) < minIncidents {
		t.Errorf("library has %d incidents, want at least %d", len(lib.Incidents), minIncidents)
	}
	years, countries, platforms, mechs := map[int]bool{}, map[string]bool{}, map[string]bool{}, map[string]int{}
	checked, transfers := 0, 0
	for _, in := range lib.Incidents {
		where := in.File + ":" + itoa(in.Line) + ": " + in.ID
		if in.Source.Outlet == "" || in.Source.Headline == "" || in.Source.Date == "" {
			t.Errorf("%s: source needs outlet, headline and date", where)
		}
		if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
			t.Errorf("%s: date %q", where, in.Date)
		}
		if _, ok := lib.Mechanism(in.Mechanism); !ok {
			t.Errorf("%s: mechanism %q is not in the closed set", where, in.Mechanism)
		}
		if in.Control == nil {
			t.Errorf("%s: no control", where)
		}
		if in.Source.Checked {
			checked++
			if in.Source.URL == "" {
				t.Errorf("%s: a checked source needs its URL", where)
			}
		}
		if in.Transfer != nil {
			transfers++
		}
		years[in.Year()] = true
		countries[in.Country] = true
		platforms[string(in.Platform)] = true
		mechs[in.Mechanism]++
	}
	if len(years) < 8 || len(countries) < 5 || len(platforms) < 3 || len(mechs) < 12 {
		t.Errorf("library is not spread: %d years, %d countries, %d platforms, %d mechanisms", len(years), len(countries), len(platforms), len(mechs))
	}
	t.Logf("%d incidents (%d with a checked source URL, %d with a transfer); %d years, %d countries, %d platforms; per mechanism %v",
		len(lib.Incidents), checked, transfers, len(years), len(countries), len(platforms), mechs)
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

const testMechanisms = `mechanisms:
  - id: names-place
    phrase: a promotion that names a place in the news
    categories: [news]
    needs_news: true
  - id: profanity-slur
    phrase: profanity on the brand account
    categories: [content]
`

const goodIncident = `  - id: good-one-2020
    date: 2020-01-02
    brand: Acme
    country: US
    platform: x
    kind: post
    regions: [US]
    at: 2020-01-02T12:00:00Z
    text: "Floods in Springfield? Our sale is a wave of savings!"
    wording: reported
    event: the Springfield floods
    class: disaster
    collided: Floods in Springfield.
    wrong: It sold on a flood.
    mechanism: names-place
    verdict: block
    source: {outlet: Wire, headline: "Acme apologises", date: 2020-01-03}
    news:
      - title: Floods kill 12 in Springfield
        published: 2020-01-02T06:00:00Z
        source: Wire
    control:
      at: 2019-06-02T12:00:00Z
`

// TestLoadRejectsBadIncidents checks that each kind of mistake in a family
// file is an error naming the file, the line and the field.
func TestLoadRejectsBadIncidents(t *testing.T) {
	cases := []struct {
		name, family, want string
	}{
		{"unknown key", strings.Replace(goodIncident, "    brand: Acme\n", "    brand: Acme\n    colour: red\n", 1), "fam.yaml:5: field colour not found"},
		{"no source", strings.Replace(goodIncident, `    source: {outlet: Wire, headline: "Acme apologises", date: 2020-01-03}`+"\n", "", 1), `fam.yaml:2: incident "good-one-2020": source.outlet is missing`},
		{"mechanism outside the set", strings.Replace(goodIncident, "mechanism: names-place", "mechanism: bad-luck", 1), `mechanism "bad-luck" is not in mechanisms.yaml`},
		{"news from the future", strings.Replace(goodIncident, "published: 2020-01-02T06:00:00Z", "published: 2020-01-02T13:00:00Z", 1), "news[0] is published at or after the post"},
		{"no control", strings.Replace(goodIncident, "    control:\n      at: 2019-06-02T12:00:00Z\n", "", 1), "control is missing"},
		{"control on the news day", strings.Replace(goodIncident, "at: 2019-06-02T12:00:00Z", "at: 2020-01-03T12:00:00Z", 1), "control.at is within 10 days"},
		{"bad date", strings.Replace(goodIncident, "date: 2020-01-02", "date: 2 Jan 2020", 1), `date "2 Jan 2020"`},
		{"at off its date", strings.Replace(goodIncident, "at: 2020-01-02T12:00:00Z", "at: 2020-03-02T12:00:00Z", 1), "is not on date"},
		{"bad region", strings.Replace(goodIncident, "regions: [US]", "regions: [usa]", 1), `regions: "usa"`},
		{"wording", strings.Replace(goodIncident, "wording: reported", "wording: exact", 1), `wording "exact"`},
		{"duplicate id", goodIncident + goodIncident, "already defined at fam.yaml:2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"d/mechanisms.yaml": {Data: []byte(testMechanisms)},
				"d/fam.yaml":        {Data: []byte("incidents:\n" + c.family)},
			}
			_, err := incidents.Load(fsys, "d")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
	t.Run("good", func(t *testing.T) {
		fsys := fstest.MapFS{
			"d/mechanisms.yaml": {Data: []byte(testMechanisms)},
			"d/fam.yaml":        {Data: []byte("incidents:\n" + goodIncident)},
		}
		lib, err := incidents.Load(fsys, "d")
		if err != nil {
			t.Fatal(err)
		}
		if len(lib.Incidents) != 1 || lib.Incidents[0].Line != 2 || lib.Incidents[0].File != "fam.yaml" {
			t.Fatalf("got %+v", lib.Incidents)
		}
		cs := lib.Cases()
		if len(cs) != 2 || cs[1].Role != incidents.RoleControl || cs[1].Post.Text != cs[0].Post.Text || !cs[1].Post.ScheduledAt.Equal(lib.Incidents[0].Control.At) {
			t.Fatalf("cases %+v", cs)
		}
	})
	t.Run("words-only control needs its own text", func(t *testing.T) {
		fam := strings.Replace(goodIncident, "mechanism: names-place", "mechanism: profanity-slur", 1)
		fsys := fstest.MapFS{
			"d/mechanisms.yaml": {Data: []byte(testMechanisms)},
			"d/fam.yaml":        {Data: []byte("incidents:\n" + fam)},
		}
		if _, err := incidents.Load(fsys, "d"); err == nil || !strings.Contains(err.Error(), "control.text is missing") {
			t.Fatalf("error %v", err)
		}
	})
}
