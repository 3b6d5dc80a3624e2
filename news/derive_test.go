package news

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

func TestDerive(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		title, summary string
		class          checker.CrisisClass
		minSev, maxSev float64
		entities       []string // must be among the entities
		notEntities    []string
		regions        string
	}{
		{"Gunman kills 49 at nightclub in Orlando in deadliest mass shooting", "A gunman opened fire in Orlando, Florida.",
			checker.CrisisShooting, 0.9, 1, []string{"Orlando", "Florida"}, []string{"Gunman"}, "[US]"},
		{"Crowd crush at Houston music festival kills 8", "The crowd surged toward the stage at a sold-out concert.",
			checker.CrisisDisaster, 0.5, 1, []string{"Houston"}, nil, "[US]"},
		{"Prince dies at 57", "The singer Prince was found dead at his home in Minnesota.",
			checker.CrisisDeath, 0.5, 0.8, []string{"Prince", "Minnesota"}, []string{"The"}, "[US]"},
		{"Hundreds of thousands protest in Cairo as clashes spread", "Demonstrators filled Tahrir Square in Cairo.",
			checker.CrisisUnrest, 0.5, 1, []string{"Cairo", "Tahrir Square"}, nil, "[EG]"},
		{"Queen Elizabeth II dies aged 96", "Britain mourns its longest-serving monarch.",
			checker.CrisisDeath, 0.75, 1, []string{"Queen Elizabeth II", "Britain"}, nil, "[GB]"},
		{"Regulators fine Acme Foods $2 billion over data breach", "Acme Foods said it would appeal.",
			checker.CrisisScandal, 0.4, 0.8, []string{"Acme Foods"}, nil, "[]"},
		{"Flom i Bergen: to døde etter uvær", "Politiet i Bergen sier at to personer omkom.",
			checker.CrisisDisaster, 0.5, 1, []string{"Bergen"}, nil, "[NO]"},
		{"U.S. regulators recall 2 million cars over airbag fault", "The recall covers several brands.",
			checker.CrisisScandal, 0.3, 0.8, nil, nil, "[US]"},
		{"Bus crash in Norway kills three", "The bus left the road in heavy snow.",
			checker.CrisisDisaster, 0.5, 0.7, nil, []string{"Norway"}, "[NO]"},
		{"Nightclub fire in North Macedonia's Kočani kills at least 59", "Pyrotechnics set the ceiling alight during a concert.",
			checker.CrisisDisaster, 0.5, 1, []string{"Kočani"}, []string{"North Macedonia Kočani"}, "[MK]"},
		{"Migrant boat sinks off Greece's Pylos; dozens dead", "The boat had sailed from Libya.",
			checker.CrisisDisaster, 0.5, 1, []string{"Pylos"}, nil, "[GR LY]"},
		{"Polska w żałobie po katastrofie samolotu prezydenckiego", "Ogłoszono tygodniową żałobę narodową.",
			checker.CrisisMourning, 0.5, 1, nil, nil, "[PL]"},
		{"Messerangriff auf Stadtfest in Solingen: Drei Tote", "Die Polizei fahndet nach dem Täter.",
			checker.CrisisAttack, 0.5, 1, []string{"Solingen"}, nil, "[DE]"},
		{"熱海市伊豆山で大規模な土石流 住宅多数が流され安否不明者", "静岡県は自衛隊に災害派遣を要請した。",
			checker.CrisisDisaster, 0.4, 1, []string{"熱海"}, nil, "[]"},
		{"Nordtel cyberattack exposes personal data of 9 million customers", "Names, birth dates and passport numbers were taken.",
			checker.CrisisScandal, 0.2, 0.8, []string{"Nordtel"}, nil, "[]"},
		{"Real Madrid gana al Barcelona en el clásico", "Dos goles en la segunda parte dieron la victoria al equipo local.",
			checker.CrisisNone, 0, 0, nil, nil, "[ES]"},
		{"Le marché de Noël ouvre ses portes à Strasbourg", "Plus de 300 chalets attendent les visiteurs.",
			checker.CrisisNone, 0, 0, nil, nil, "[FR]"},
		{"Neue Herbstkollektion: Mäntel und Stiefel im Angebot", "Die Kette eröffnet zudem drei Filialen.",
			checker.CrisisNone, 0, 0, nil, nil, "[]"},
		{"渋谷に新しいカフェがオープン", "限定メニューも登場。",
			checker.CrisisNone, 0, 0, nil, nil, "[]"},
		{"Houston Astros win season opener at home", "A strong start from the pitching staff.",
			checker.CrisisNone, 0, 0, []string{"Houston Astros"}, nil, "[US]"},
		{"JPMorgan agrees record $13 billion settlement over mortgage securities", "The bank faces lawsuits and fines.",
			checker.CrisisScandal, 0.3, 0.8, []string{"JPMorgan"}, nil, "[]"},
		{"Explosions at marathon finish line kill three, injure dozens", "Two bombs exploded near the finish line.",
			checker.CrisisAttack, 0.6, 1, nil, []string{"Explosions"}, "[]"},
		{"Prince, music icon, dies at 57", "The singer was found dead at his estate in Minnesota.",
			checker.CrisisDeath, 0.5, 1, []string{"Prince"}, nil, "[US]"},
		{"Storm leaves thousands without power", "Crews worked through the night.",
			checker.CrisisDisaster, 0.3, 1, nil, []string{"Storm"}, "[]"},
		{"Local Bakery Wins Regional Prize In Lindenfield", "The prize went to a family bakery.",
			checker.CrisisNone, 0, 0, nil, []string{"Local Bakery Wins Regional Prize In Lindenfield", "Local Bakery"}, "[]"},
		// Something striking a one-word city places it; a country's common
		// English name; a demonym when no place says more, never a name.
		{"Powerful earthquake devastates Christchurch", "A magnitude 6.3 quake struck at lunchtime, collapsing buildings.",
			checker.CrisisDisaster, 0.6, 1, []string{"Christchurch"}, nil, "[NZ]"},
		{"Second major quake hits Turkey as death toll passes 2,000", "Rescuers searched the rubble in freezing weather.",
			checker.CrisisDisaster, 0.85, 1, []string{"Turkey"}, nil, "[TR]"},
		{"Algerian students rally against the president's bid", "Protests continued for a third week.",
			checker.CrisisUnrest, 0.3, 1, nil, []string{"Algerian"}, "[DZ]"},
		{"Bird flu outbreaks confirmed in several Indian states near Mumbai", "Authorities culled poultry.",
			checker.CrisisDisaster, 0.3, 0.7, nil, []string{"Indian"}, "[IN]"},
		{"Protests over fuel prices", "On Monday young Indonesians rally against the rise, police said.",
			checker.CrisisUnrest, 0.3, 0.7, nil, []string{"Indonesians"}, "[ID]"},
		{"Airliner crashes after take-off, killing all 176 aboard", "Most of the passengers were Iranian.",
			checker.CrisisDisaster, 0.85, 1, []string{"Iranian"}, nil, "[IR]"},
		// The victims' country lives through the event with the country it
		// happened in; a demonym that is not about the victims does not.
		{"Stampede near Mecca kills more than 700 pilgrims", "Dozens of Indonesian pilgrims were among the dead, officials in Jakarta said.",
			checker.CrisisDisaster, 0.85, 1, nil, nil, "[ID SA]"},
		{"Tourist boat capsizes off Bali, killing 40", "Most of the passengers were Chinese tourists; three Britons are missing.",
			checker.CrisisDisaster, 0.6, 1, nil, nil, "[CN GB ID]"},
		// "Most on board" of an airliner, before any count, is a mass-casualty crash.
		{"Airliner crashes on landing in Lagos, killing most on board", "The Boeing 737 overshot the runway in heavy rain.",
			checker.CrisisDisaster, 0.85, 1, nil, nil, "[NG]"},
		// One death said without a number counts; so do millions left
		// without power.
		{"Riots spread in Lyon after police shoot teenager", "Cars were set on fire after a police officer shot dead a 17-year-old at a traffic stop.",
			checker.CrisisUnrest, 0.55, 1, nil, nil, "[FR]"},
		{"Grid failure plunges the country into darkness", "The blackout left millions without power for most of the day.",
			checker.CrisisDisaster, 0.6, 1, nil, nil, "[]"},
		{"Bus crash near Lyon kills 12", "Investigators with German experience in such crashes joined French police.",
			checker.CrisisDisaster, 0.6, 1, nil, nil, "[FR]"},
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
		for _, e := range c.entities {
			if !containsFold(got.entities, e) {
				t.Errorf("%q: entity %q missing from %q", c.title, e, got.entities)
			}
		}
		for _, e := range c.notEntities {
			if containsFold(got.entities, e) {
				t.Errorf("%q: %q should not be an entity (%q)", c.title, e, got.entities)
			}
		}
		if r := fmt.Sprint(got.regions); r != c.regions && !(c.regions == "[]" && len(got.regions) == 0) {
			t.Errorf("%q: regions %s, want %s", c.title, r, c.regions)
		}
	}
}

func TestWords(t *testing.T) {
	var got []string
	for _, w := range words("The U.S. team's #BostonStrong rally: New Zealand's PM spoke. Ola-Nordmann") {
		got = append(got, fmt.Sprintf("%s/%v", w.raw, w.sentenceStart))
	}
	want := "The/true U.S/false team/false #BostonStrong/false rally/false New/true Zealand/false PM/false spoke/false Ola-Nordmann/true"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("words:\n got %s\nwant %s", s, want)
	}
}

// FuzzDerive checks invariants of derivation on any text: severity in
// [0, 1], a class whenever severity is set, entities and hashtags
// non-empty and unique (case-insensitively), regions two capital letters.
func FuzzDerive(f *testing.F) {
	d, err := newDeriver()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Gunman kills 49 at Pulse nightclub in Orlando", "A gunman opened fire in Orlando, Florida.")
	f.Add("Flom i Bergen: to døde", "#Bergen U.S. Dr. Smith's 1,000 dead")
	f.Fuzz(func(t *testing.T, title, summary string) {
		a := checker.Article{Title: title, Summary: summary}
		got := d.derive(&a)
		if got.severity < 0 || got.severity > 1 || (got.severity > 0 && len(got.classes) == 0) {
			t.Fatalf("severity %v classes %v", got.severity, got.classes)
		}
		for _, list := range [][]string{got.entities, got.hashtags} {
			seen := map[string]bool{}
			for _, e := range list {
				k := strings.ToLower(e)
				if strings.TrimSpace(e) == "" || seen[k] {
					t.Fatalf("bad or repeated name %q in %q", e, list)
				}
				seen[k] = true
			}
		}
		for _, r := range got.regions {
			if len(r) != 2 || strings.ToUpper(r) != r {
				t.Fatalf("region %q", r)
			}
		}
	})
}

// TestHeadlineOpeningName: a capitalised common word that opens a headline
// is a name when the headline uses it as one (a possessive, an apposition
// between commas) or the text names it mid-sentence; a word for the kind of
// event and a list of nouns are not names.
func TestHeadlineOpeningName(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title, summary, want string // want "": no entity
	}{
		{"Prince, music icon, found dead at 57", "The singer was found at his home.", "Prince"},
		{"Holly's winds kill four as rivers flood", "Thousands lost power.", "Holly"},
		{"Sandy slams into the coast", "Hurricane Sandy made landfall overnight.", "Sandy"},
		{"Storm's toll rises to 12", "Rivers rose.", ""},
		{"Floods, mudslides, landslides hit the coast", "Rivers rose.", ""},
		{"Storms, floods kill 12", "Rivers rose.", ""},
		{"Gunman kills 5 at mall", "Officers arrived within minutes.", ""},
		{"Heavy rain's toll rises", "Rivers rose.", ""},
		// A company's name opening a headline, before a verb of corporate
		// news, though the word list knows it; an everyday word is not.
		{"Volkswagen admits it cheated emissions tests", "The carmaker apologised.", "Volkswagen"},
		{"Toyota recalls 2 million cars", "The carmaker said brakes may fail.", "Toyota"},
		{"Police admits failures at the protest", "Officers made mistakes.", ""},
		// With an adverb between the name and the verb.
		{"Dellarion quietly recalls its kettles", "Some overheated.", "Dellarion"},
		{"Police finally admits failures at the protest", "Officers made mistakes.", ""},
		// Accused, charged, facing: the passive and the verbs of a
		// company's standing open a headline after its name too, and an
		// everyday word before them is still no name.
		{"Velmora accused of paying armed groups", "The cement maker denied it.", "Velmora"},
		{"Oxfam accused of covering up misconduct", "The charity apologised.", "Oxfam"},
		{"Police accused of brutality at protest", "Officers were filmed.", ""},
		{"Teacher charged with assault", "The school suspended him.", ""},
		// A noun of a company's trouble after its name: "Optus outage".
		{"Kelvarra outage leaves millions without internet", "Mobile and broadband services failed.", "Kelvarra"},
		{"Power outage leaves millions in the dark", "Lines came down.", ""},
		// A platform the news was said on is no name of the story.
		{"Tributes pour in on Twitter for the victims", "Thousands posted on Facebook.", ""},
		// A city or a country opening a headline stays a name.
		{"Houston festival crush: victims as young as 14", "The crowd pushed forward.", "Houston"},
		{"Paris attacks: death toll rises to 130", "Gunmen opened fire.", "Paris"},
	} {
		a := checker.Article{Title: c.title, Summary: c.summary}
		got := d.derive(&a).entities
		if c.want == "" {
			if len(got) != 0 {
				t.Errorf("%q: entities %q, want none", c.title, got)
			}
			continue
		}
		if !slices.Contains(got, c.want) {
			t.Errorf("%q: entities %q, want %q", c.title, got, c.want)
		}
	}
}

// TestPlaceAfterItsName: a city opening a headline is a place when a
// word of its places or of the event follows ("Kaohsiung blasts",
// "Kaohsiung streets"), and a country's name closing a longer name is
// not that country ("Lamma Island" is not Iceland).
func TestPlaceAfterItsName(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title, want string // want "": no place
	}{
		{"Kaohsiung blasts: death toll rises to 25", "Kaohsiung"},
		{"Gas explosions rip through Kaohsiung streets", "Kaohsiung"},
		{"Manila bus hostage drama ends in bloodshed", "Manila"},
		{"Ferry collision off Lamma Island kills 38", ""},
		{"Storm batters Vancouver Island coast", "Vancouver"},
		{"Vulkanutbrudd på Island", "Island"},
		// A city the gazetteer calls "<Name> City", written without it.
		{"Train hits a truck near Hualien's tunnel", "Hualien City"},
	} {
		a := checker.Article{Title: c.title}
		var got []string
		for _, p := range d.derive(&a).places {
			got = append(got, p.name)
		}
		if c.want == "" && len(got) > 0 || c.want != "" && !slices.Contains(got, c.want) || c.want != "Island" && slices.Contains(got, "Island") {
			t.Errorf("%q: places %q, want %q", c.title, got, c.want)
		}
	}
}

// TestNamesakeKeptForItsNames: a city in context whose country the
// article never names gives no country (it may be a namesake) but stays
// the event's place, for its names in other scripts.
func TestNamesakeKeptForItsNames(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	a := checker.Article{Title: "Hostage drama ends in bloodshed; Hong Kong tourists killed", Summary: "A gunman seized a tour bus carrying Hong Kong visitors in central Manila."}
	f := d.derive(&a)
	if !slices.Equal(f.regions, []string{"HK"}) {
		t.Errorf("regions %q, want [HK]", f.regions)
	}
	var kinds []string
	for _, p := range f.places {
		if p.name == "Manila" {
			kinds = append(kinds, p.kind)
		}
	}
	if len(kinds) == 0 || kinds[0] != namesakeKind {
		t.Errorf("Manila kept as %q, want %q", kinds, namesakeKind)
	}
	if ws := writtenNamesCached("Hualien City"); !slices.Contains(ws, "花蓮") || !slices.Contains(ws, "花蓮市") {
		t.Errorf("written names of Hualien City %q, want 花蓮 and 花蓮市", ws)
	}
}

// TestLandmarkNames: a landmark a Japanese or Chinese headline names
// standing alone (a river, a castle, a mountain, an expressway), or a
// Korean headline's word ending in a landmark's ending (a station, an
// airport) with its particle taken off, is a name of the story; a common
// word with the same ending, or a long run, is not.
func TestLandmarkNames(t *testing.T) {
	for _, c := range []struct {
		find  func(string) []string
		title string
		want  []string
	}{
		{hanLandmarkNames, "台風19号　多摩川が氾濫、各地で河川決壊", []string{"多摩川"}},
		{hanLandmarkNames, "首里城で火災　正殿など全焼", []string{"首里城"}},
		{hanLandmarkNames, "活火山の監視を強化", nil},
		{hanLandmarkNames, "三陸沖で地震　津波注意報", []string{"三陸"}}, // the sea off a place names the place
		{hanLandmarkNames, "沖縄で大雨", nil},
		{hanLandmarkNames, "東日本大震災から十年の節目を迎えた福島県沿岸", nil},
		{hanLandmarkNames, "東名道・大井松田付近で多重事故", []string{"東名道"}}, // an expressway
		{hanLandmarkNames, "据报道 多人受伤", nil},
		{hanLandmarkNames, "黄龙沟景区发生泥石流", nil}, // a longer run is a phrase
		{hangulLandmarkNames, "강남역 인근 건물 화재…3명 부상", []string{"강남역"}},
		{hangulLandmarkNames, "김해공항에서 항공기 활주로 이탈", []string{"김해공항"}},
		{hangulLandmarkNames, "지하철역 안전 점검 강화", nil},
		{hangulLandmarkNames, "주식시장 급락", nil},
		{hangulLandmarkNames, "지역 축제 개막", nil},
	} {
		if got := c.find(c.title); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.title, got, c.want)
		}
	}
}

// TestBeforeOrAfterIsNotTheEvent: a crisis word after "pre-" or "post-"
// names a time, not the event; the word alone still does.
func TestBeforeOrAfterIsNotTheEvent(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title, summary string
		crisis         bool
	}{
		{"Brandy makers report strong summer sales", "Tourist arrivals are back above pre-pandemic levels.", false},
		{"City restores its post-war housing estates", "The estates were built in the 1950s.", false},
		{"Pandemic closes schools across the region", "Hospitals are full.", true},
	} {
		a := checker.Article{Title: c.title, Summary: c.summary}
		if got := len(d.derive(&a).classes) > 0; got != c.crisis {
			t.Errorf("%q / %q: crisis %v, want %v", c.title, c.summary, got, c.crisis)
		}
	}
}

// TestTollNotAgeOrCount: an age after "died at" and a count of other
// things ("100 million records") are not a death toll; a toll is.
func TestTollNotAgeOrCount(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want int
	}{
		{"the singer who sold more than 100 million records died of cancer", 0},
		{"the actor died at 74 at his home", 0},
		{"the singer dies aged 74", 0},
		{"74 people died in the floods", 74},
		{"the blast killed 12 people", 12},
	} {
		if got := d.toll(strings.Fields(c.text)); got != c.want {
			t.Errorf("%q: toll %d, want %d", c.text, got, c.want)
		}
	}
}

// TestPlaceAfterQualifier: a position word between the preposition and the
// place keeps its context ("in central Vienna"); a place's name alone
// after a qualifier and no preposition does not gain one.
func TestPlaceAfterQualifier(t *testing.T) {
	d, err := newDeriver()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		title string
		want  string
	}{
		{"Gunmen open fire in central Vienna; at least one dead", "AT"},
		{"Floods spread across northern Italy as rivers burst", "IT"},
	} {
		a := checker.Article{Title: c.title, Summary: "Officials gave no details."}
		if got := d.derive(&a).regions; !slices.Contains(got, c.want) {
			t.Errorf("%q: regions %v, want %s", c.title, got, c.want)
		}
	}
}

func TestHanPlaceNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"熱海市伊豆山で大規模な土石流", []string{"熱海"}},
		{"河南省郑州市遭遇特大暴雨", []string{"河南", "郑州"}},
		{"市場に活気", nil},
		{"Floods in Zhengzhou", nil},
	} {
		if got := hanPlaceNames(c.in); !slices.Equal(got, c.want) {
			t.Errorf("hanPlaceNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
