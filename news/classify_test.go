package news

import (
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestConsequencesClassify proves that reports get a crisis class from what
// happened to people and things, with the numbers they state, even when no
// word names the kind of event; and that ordinary reports with numbers stay
// unclassified.
func TestConsequencesClassify(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		title, summary string
		class          checker.CrisisClass
		minSev, maxSev float64
		regions        string
	}{
		// A plane lost with everyone aboard; no "crash" anywhere.
		{"Airliner lost over the sea, no one survived", "The jet was carrying 212 passengers and crew.", checker.CrisisDisaster, 0.85, 1, "[]"},
		{"Jet went down minutes after take-off, killing all 157 aboard", "Investigators reached the site.", checker.CrisisDisaster, 0.85, 1, "[]"},
		// A crash reported before any death is confirmed: its scale is the
		// people aboard.
		{"Passenger jet crashes after take-off from Varnholm", "The Airbus with 242 people on board came down on a residential area.", checker.CrisisDisaster, 0.8, 1, "[]"},
		{"Ferry capsizes with 60 aboard off the coast", "Rescuers are searching the water.", checker.CrisisDisaster, 0.7, 1, "[]"},
		// Once the victims are counted, the people aboard are no longer
		// the scale: the injured are not counted twice.
		{"Bus crash kills 3", "Another 40 people were injured when the bus left the road.", checker.CrisisDisaster, 0.7, 0.8, "[]"},
		// An earthquake's magnitude grades it before any toll is known;
		// a small one stays minor.
		{"Magnitude 7.1 earthquake topples buildings in Varnholm", "Rescuers are digging through rubble.", checker.CrisisDisaster, 0.75, 1, "[]"},
		{"Magnitude 4.2 quake rattles windows in Varnholm", "No damage was reported.", checker.CrisisDisaster, 0.4, 0.6, "[]"},
		// A death toll with its number; a toll road is not one.
		{"Earthquake death toll passes 5,000 in Varnholm", "Rescuers dug through collapsed buildings.", checker.CrisisDisaster, 0.85, 1, "[]"},
		// A landmark gutted by fire, no one hurt.
		{"Fire guts the 200-year-old National Museum in Varnholm", "Flames swept through the building overnight.", checker.CrisisDisaster, 0.5, 0.7, "[]"},
		// The article's own count of the people aboard, even five, is the
		// toll; what such a vehicle usually carries is only for an article
		// that gives none.
		{"Bus plunges into gorge, no survivors", "The bus was carrying 5 passengers.", checker.CrisisDisaster, 0.7, 0.8, "[]"},
		// A tower-block fire with deaths confirmed.
		{"Flames engulf residential tower block overnight", "Police said deaths were confirmed.", checker.CrisisDisaster, 0.5, 1, "[]"},
		// A landmark fire: destroyed, no one hurt.
		{"Medieval cathedral roof gutted by fire", "Firefighters saved the towers.", checker.CrisisDisaster, 0.5, 0.7, "[]"},
		// A global IT outage.
		{"Faulty update takes 8 million computers offline worldwide", "Airlines grounded flights and banks halted payments.", checker.CrisisDisaster, 0.55, 1, "[]"},
		// A company's data scandal.
		{"Records of 40 million customers harvested by app maker", "Regulators opened an inquiry into the data.", checker.CrisisScandal, 0.45, 0.7, "[]"},
		// A bridge gives way.
		{"Motorway viaduct collapsed during rush hour in Genoa", "Dozens of cars fell.", checker.CrisisDisaster, 0.5, 1, "[IT]"},
		// Quantities in words and with multipliers.
		{"Dozens injured as grandstand gives way", "More than 150 people were hurt, officials said.", checker.CrisisDisaster, 0.6, 1, "[]"},
		{"Chief executive resigned after the accounts were restated", "Shares fell.", checker.CrisisScandal, 0.3, 0.5, "[]"},
		// Violence against a person: a celebrity's domestic-violence case,
		// an attack on a politician.
		{"Star striker charged after video shows him punching his girlfriend", "Police said the woman was taken to hospital.", checker.CrisisAttack, 0.5, 0.7, "[]"},
		{"Mayor stabbed at a rally, taken to hospital", "A man was arrested at the scene.", checker.CrisisAttack, 0.5, 1, "[]"},
		{"Opposition MP beaten unconscious outside his home", "Police are hunting two men.", checker.CrisisAttack, 0.5, 1, "[]"},
		// An epidemic, read from its numbers.
		{"Virus outbreak: 4,000 new cases and 12 million people in lockdown", "Hospitals in the province are full.", checker.CrisisDisaster, 0.55, 1, "[]"},
		{"Measles infections pass 900 as schools close", "Health officials urged parents to vaccinate.", checker.CrisisDisaster, 0.5, 1, "[]"},
		{"200 passengers quarantined on cruise ship after virus cases", "The ship is held in port.", checker.CrisisDisaster, 0.45, 1, "[]"},
		// Ordinary news with numbers: no class.
		{"Court hears 40 cases a day", "Judges cleared the backlog.", checker.CrisisNone, 0, 0, "[]"},
		{"Striker beaten to the ball as City lose 2-0", "The keeper punched clear twice.", checker.CrisisNone, 0, 0, "[]"},
		{"Club killed off the game with two late goals", "Fans sang until the end.", checker.CrisisNone, 0, 0, "[]"},
		{"Minister battered by critics over budget", "Opposition MPs stabbed at the plan in a heated debate.", checker.CrisisNone, 0, 0, "[]"},
		{"Analysts call the rally a dead cat bounce", "Shares rose 3 per cent before falling.", checker.CrisisNone, 0, 0, "[]"},
		{"Band plays 157 concerts in a year", "Tickets sold out in minutes.", checker.CrisisNone, 0, 0, "[]"},
		{"Singer, 57, shares new album", "Released in 2019 and reissued at 33 rpm.", checker.CrisisNone, 0, 0, "[]"},
		{"Team scores two penalties to win", "A penalty in the 90th minute settled it.", checker.CrisisNone, 0, 0, "[]"},
		{"Motorway toll rises to 12 euros in January", "Drivers face higher charges.", checker.CrisisNone, 0, 0, "[]"},
		{"Shares crash 40 per cent after profit warning", "The airline's stock plunged in early trading.", checker.CrisisNone, 0, 0, "[]"},
		{"Website crashed as 2 million fans chased tickets", "Sales reopen at noon.", checker.CrisisNone, 0, 0, "[]"},
	}
	for _, c := range cases {
		a := checker.Article{Title: c.title, Summary: c.summary}
		got := d.derive(&a)
		class := checker.CrisisNone
		if len(got.classes) > 0 {
			class = got.classes[0]
		}
		if class != c.class || got.severity < c.minSev || got.severity > c.maxSev {
			t.Errorf("%q: class %q severity %.2f, want %q in [%.2f, %.2f]", c.title, class, got.severity, c.class, c.minSev, c.maxSev)
		}
	}
}

// TestConsequencesCompound: an article stating several grave consequences
// (dead and missing, dead and injured) grades above each one alone, so a
// tower fire with a dozen dead and dozens missing is a national tragedy.
func TestConsequencesCompound(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	sev := func(title, summary string) float64 {
		a := checker.Article{Title: title, Summary: summary}
		return d.derive(&a).severity
	}
	dead := sev("Tower block fire: 12 dead", "Firefighters worked through the night.")
	missing := sev("Tower block fire: dozens missing", "Firefighters worked through the night.")
	both := sev("Tower block fire: 12 dead and dozens missing", "Firefighters worked through the night.")
	if both <= dead || both <= missing || both < 0.75 {
		t.Errorf("dead %.2f, missing %.2f, both %.2f: want both above each and at least 0.75", dead, missing, both)
	}
	a := checker.Article{Title: "Tower block fire: 12 dead and dozens missing"}
	if n := d.cons.count(d.derive(&a).cons, "dead"); n != 12 {
		t.Errorf("dead counted %v, want 12: a number counts for the consequence nearest it", n)
	}
	injured := sev("Bus plunges off road: 30 hurt", "Rescuers reached the valley.")
	deadInjured := sev("Bus plunges off road: 9 dead and 30 hurt", "Rescuers reached the valley.")
	deadOnly := sev("Bus plunges off road: 9 dead", "Rescuers reached the valley.")
	if deadInjured <= deadOnly || deadInjured <= injured {
		t.Errorf("dead %.2f, injured %.2f, both %.2f: want both above each", deadOnly, injured, deadInjured)
	}
	if s := sev("Scores dead as ferry sinks", "Hundreds were aboard."); s < 0.75 {
		t.Errorf("scores dead: severity %.2f, want a number (40) read", s)
	}
}

// TestQuantity reads counts as people write them.
func TestQuantity(t *testing.T) {
	cr, err := newConsequenceReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		at   int
		want float64
	}{
		{"more than 150 people", 2, 150},
		{"8 million computers", 0, 8e6},
		{"2 000 homes", 0, 2000},
		{"in 2019", 1, 0},
		{"aged 57", 1, 0},
		{"dozens", 0, 24},
		{"hundreds of thousands", 0, 200},
		{"scores of people", 0, 40},
		{"tens of thousands", 0, 20},
		{"a dozen", 1, 12},
		// A count of things, not people.
		{"100 million records", 0, 0},
		{"40 percent", 0, 0},
	} {
		ws := lows(words(c.text))
		if got := cr.quantity(ws, c.at); got != c.want {
			t.Errorf("%q at %d: %v, want %v", c.text, c.at, got, c.want)
		}
	}
}

// TestPlaceNeedsContext: a gazetteer name counts as a place only when the
// words around it say so; a superhero or a ship is not a city.
func TestPlaceNeedsContext(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ title, summary, regions string }{
		{"Batman actor dies at 88", "The star of the 1960s television series died at home.", "[]"},
		{"Floods kill 12 in Batman", "Rivers rose across the province.", "[TR]"},
		{"Batman, Türkiye: floods kill 12", "Rivers rose.", "[TR]"},
		{"Passengers rescued as the Concordia capsizes", "The ship sank off the coast.", "[]"},
		{"Orlando shooting: 49 dead", "Police named the gunman.", "[US]"},
		{"Flash floods in Valencia, Spain kill 62", "Rivers burst their banks.", "[ES]"},
		{"Spain mourns the dead", "Three days of mourning after the deluge in Valencia.", "[ES]"},
	} {
		a := checker.Article{Title: c.title, Summary: c.summary}
		got := d.derive(&a)
		if r := fmtRegions(got.regions); r != c.regions {
			t.Errorf("%q: regions %s, want %s", c.title, r, c.regions)
		}
	}
}

func fmtRegions(rs []string) string {
	out := "["
	for i, r := range rs {
		if i > 0 {
			out += " "
		}
		out += r
	}
	return out + "]"
}

// TestGlobalHarmNotAttention: "worldwide" makes an event the world's when
// it qualifies what happened (computers offline worldwide), not when it
// says the world watched (a tag that spread worldwide, tributes from
// around the world).
func TestGlobalHarmNotAttention(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title, summary string
		global         bool
	}{
		{"Faulty update takes 8 million computers offline worldwide", "Airlines grounded flights.", true},
		{"Flights grounded around the world as ash cloud spreads", "Millions of travellers are stranded.", true},
		{"Gunmen kill 12 at a magazine's offices in Paris", "Vigils were held as the tag spread worldwide within hours.", false},
		{"Singer dies at 69; tributes pour in from around the world", "Fans gathered outside his home.", false},
	} {
		a := checker.Article{Title: c.title, Summary: c.summary}
		if got := d.derive(&a).cons.global; got != c.global {
			t.Errorf("%q: global %v, want %v", c.title, got, c.global)
		}
	}
}
