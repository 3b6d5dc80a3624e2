package brand

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

func reader(t testing.TB) *Reader {
	t.Helper()
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func texts(vs []checker.BrandName) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Text+"/"+v.Derived)
	}
	return out
}

func TestVariantsAreDerived(t *testing.T) {
	for _, c := range []struct {
		name    string
		handles []string
		want    []string
		not     []string
	}{
		{"Harbor Telecom", []string{"@HarborTel"}, []string{"HT/initials", "HarborTelecom/run-together", "Harbor Telecom's/possessive", "HarborTel/without @"}, nil},
		{"Quillfeather & Daughters", nil, []string{"QD/initials", "Q&D/initials", "Quillfeather/distinctive word"}, []string{"Daughters/distinctive word"}},
		{"The Lantern Bakery Ltd", nil, []string{"LB/initials", "LanternBakery/run-together"}, []string{"TLBL/initials"}},
		{"Zorbix", nil, []string{"Zorbix's/possessive"}, []string{"Z/initials"}},
		{"Ngân hàng QVB", nil, []string{"QVB/acronym"}, nil},
		{"Zorbix USA", nil, []string{"Zorbix/distinctive word"}, []string{"USA/acronym", "USA/distinctive word"}},
	} {
		got := texts(Variants(&checker.Brand{Name: c.name, Handles: c.handles}))
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: variants %q lack %q", c.name, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("%s: variants %q should not hold %q", c.name, got, w)
			}
		}
	}
}

func TestBookLooksUpByNameOrAliasAndFallsBack(t *testing.T) {
	bk, err := New(Config{"Harbor Telecom": {Aliases: []string{"Harbor"}, Products: []string{"SkyLink"}, Regions: []string{"gb"}}},
		checker.Profile{Brand: "Default Co", Regions: []string{"US"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"harbor telecom", "HARBOR", "Harbor-Telecom"} {
		if b := bk.Lookup(n); b == nil || b.Name != "Harbor Telecom" || !b.Known || b.Regions[0] != "GB" {
			t.Errorf("Lookup(%q) = %+v, want the Harbor Telecom profile", n, b)
		}
	}
	if b := bk.Lookup("default co"); b == nil || !b.Known {
		t.Errorf("the default profile's brand is a profile too: %+v", b)
	}
	b := bk.Lookup("Tiny Kiln Studio")
	if b == nil || b.Known || b.Regions[0] != "US" || !slices.Contains(texts(b.Variants), "TKS/initials") {
		t.Errorf("unknown brand: %+v, want a fallback with the default regions and derived variants", b)
	}
}

func TestBookErrorsNameTheField(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{"A Co": {Regions: []string{"Germany"}}}, "brands.A Co.regions[0]"},
		{Config{"A Co": {Aliases: []string{"Shared"}}, "B Co": {Aliases: []string{"shared"}}}, "brands.B Co"},
		{Config{"A Co": {Rules: map[string]checker.RuleSetting{"x.y": {Severity: 9}}}}, "brands.A Co.rules.x.y.severity"},
	} {
		_, err := New(c.cfg, checker.Profile{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one naming %s", c.cfg, err, c.want)
		}
	}
	bk, _ := New(Config{"A Co": {Rules: map[string]checker.RuleSetting{"content.nope": {Disabled: true}}}}, checker.Profile{})
	if err := bk.CheckRules([]string{"content.profanity"}); err == nil || !strings.Contains(err.Error(), "content.nope") {
		t.Errorf("CheckRules: %v, want the unknown rule named", err)
	}
}

func TestReadTag(t *testing.T) {
	r := reader(t)
	harbor := &checker.Brand{Name: "Harbor Telecom"}
	harbor.Variants = Variants(harbor)
	zorbix := &checker.Brand{Name: "Zorbix"}
	zorbix.Variants = Variants(zorbix)
	for _, c := range []struct {
		tag    string
		b      *checker.Brand
		brand  string // the name carried, "" for none
		invite bool
	}{
		{"AskHT", harbor, "HT", true},
		{"HTStories", harbor, "HT", true},
		{"HarborTelecomQandA", harbor, "Harbor Telecom", true},
		{"MyZorbix", zorbix, "Zorbix", true},
		{"ZorbixReasons", zorbix, "Zorbix", true},
		{"ZorbixMeme", zorbix, "Zorbix", true},
		{"WinAZorbix", zorbix, "Zorbix", true},
		{"Zorbix", zorbix, "Zorbix", false},
		{"AskTheFlorist", harbor, "", true},
		{"WhyWeLeft", nil, "", true},
		{"MyFirstBike", nil, "", true},
		{"ShareYourRecipe", nil, "", true},
		// near misses
		{"HTML", harbor, "", false},
		{"Shtick", harbor, "", false},
		{"SummerSale", harbor, "", false},
		{"ZorbixLaunch", zorbix, "Zorbix", false},
		{"MondayMotivation", nil, "", false},
		{"WinterSale", nil, "", false},
	} {
		tr := r.ReadTag(c.tag, c.b)
		got := ""
		if tr.Brand != nil {
			got = tr.Brand.Text
		}
		if got != c.brand || (tr.Invite != "") != c.invite {
			t.Errorf("#%s: brand %q invite %q, want brand %q invite %v", c.tag, got, tr.Invite, c.brand, c.invite)
		}
	}
}

func TestFindNamesInText(t *testing.T) {
	r := reader(t)
	b := &checker.Brand{Name: "Harbor Telecom", Products: []string{"SkyLink Router"}, People: []string{"Dana Okafor"}}
	b.Variants = Variants(b)
	d := text.Analyse("HT says: Dana Okafor on the SkyLink Router at Harbor Telecom's launch, ht", "")
	var got []string
	for _, m := range r.Find(d, b) {
		got = append(got, d.Slice(m.Span))
	}
	want := []string{"HT", "Dana Okafor", "SkyLink Router", "Harbor Telecom's"}
	if !slices.Equal(got, want) {
		t.Errorf("found %q, want %q (two-letter initials only in capitals)", got, want)
	}
}

func TestClassifyReadsTroubleClasses(t *testing.T) {
	r := reader(t)
	for _, c := range []struct {
		title string
		want  string
	}{
		{"Glimmerware recalls 40,000 kettles over burn risk", TroubleRecall},
		{"Customers locked out as Pennybrook app outage enters second day", TroubleOutage},
		{"Hackers stole card numbers in Velloria data breach", TroubleBreach},
		{"Trenwick staff vote to strike over pay", TroubleStrike},
		{"Marrowgate to cut 900 jobs and close 40 branches", TroubleLayoffs},
		{"Regulator: Ostrava Energy fined £12m for overcharging", TroubleFine},
		{"Passenger dragged off Skylane flight in viral video", TroubleMistreatment},
		{"Bills to rise 20% at Fenwater Water", TroublePriceRise},
		{"Calls to boycott Dunmore grow", TroubleBoycott},
		{"Kestrel Foods paid no tax in the UK for a decade", TroubleTax},
		{"Streik i Nordlys Buss: ingen bussar i dag", TroubleStrike},
		{"Harrowfield admits 2 million cars fitted with emissions-cheating software", TroubleScandal},
		{"Regulator orders safety inspections of Skylane jets after a near miss", TroubleCrash},
		{"Regulators shut Coldwater Bank in the largest bank failure in a decade", TroubleFailure},
		{"Customers unable to withdraw funds as Quillex halts withdrawals", TroubleFailure},
		{"Lactiva : le scandale du lait contaminé s'étend", TroubleScandal},
		{"Rappel massif de boîtes de lait infantile Lactiva", TroubleRecall},
		{"Ex-employees accuse Trenwick of bullying and a culture of fear", TroubleScandal},
		{"Harrowfield paid bribes to win road contracts", TroubleScandal},
		{"Constructora Albar admite sobornos a funcionarios", TroubleScandal},
		{"Résidences Vermeil : accusations de maltraitance", TroubleScandal},
		{"Glimmerware tells owners to stop using its heaters", TroubleRecall},
		{"Pennybrook phones catch fire while charging", TroubleHarm},
		{"Huelga en Trenwick: cancelados 200 vuelos", TroubleStrike},
		{"Bußgeld in Millionenhöhe für Marrowgate", TroubleFine},
		{"グリマーウェアを提訴、訴訟へ", TroubleLawsuit},
		{"Velloria: fuite de données et plainte des clients", TroubleLawsuit},
		{"Boykott gegen Dunmore wächst", TroubleBoycott},
		{"Central bank bars Quillex Pay from opening new accounts", TroubleFine},
		{"Health ministry orders ban on Lactiva infant formula", TroubleFine},
		{"Regulator revokes Coldwater Bank's licence", TroubleFine},
		{"Autoridad retira la licencia a Quillex", TroubleFine},
		{"Trenwick admits part in a decade-long flour price-fixing scheme", TroubleScandal},
		{"Harrowfield quarry destroyed a 9,000-year-old cave site", TroubleHarm},
		{"헤론유업 대리점 갑질 파문", TroubleScandal},
	} {
		classes, words := r.Classify(checker.Article{Title: c.title})
		if !slices.Contains(classes, c.want) {
			t.Errorf("%q: classes %v (words %q), want %s", c.title, classes, words, c.want)
		}
	}
	for _, ok := range []string{"Glimmerware opens flagship store in Leeds", "Pennybrook app wins design award",
		"Trenwick reports record summer bookings", "Trenwick strikes deal with Zenbank", "Pennybrook's new phone a hit with fans",
		"Glimmerware founder recalls early days in a garage", "Crash course: Velloria opens a coding school",
		"An explosion of colour in Marrowgate's spring range", "Marrowgate deal will close in March",
		"Ostrava Energy strikes gold at design awards", "Leak reveals Pennybrook's next phone",
		"Velloria's cheat sheet for busy cooks", "Glimmerware kettles: no more stop-start boiling",
		"Trenwick's accuracy award for a third year", "Glimmerware launches an anti-bullying campaign in schools",
		"Pennybrook update fixes a rare file corruption bug", "Alta demanda de los nuevos Glimmerware en Navidad",
		"Marrowgate schließt Partnerschaft mit Zenbank", "Trenwick: cierre de año con ventas récord"} {
		if classes, words := r.Classify(checker.Article{Title: ok}); len(classes) > 0 {
			t.Errorf("%q: classes %v (words %q), want none", ok, classes, words)
		}
	}
}

// stories is an in-memory news index answering by term in title or summary.
type stories []checker.Article

func (n stories) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	var out []checker.Article
	for _, a := range n {
		if a.Published.After(q.At) || !a.Published.After(q.At.Add(-q.Window)) {
			continue
		}
		for _, t := range q.Terms {
			if strings.Contains(strings.ToLower(a.Title+" "+a.Summary), strings.ToLower(t)) {
				out = append(out, a)
				break
			}
		}
	}
	return out, nil
}

var at = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

func standingOf(t *testing.T, news checker.News, b *checker.Brand, post string) (*Standing, *checker.Pass) {
	t.Helper()
	r := reader(t)
	bk, err := New(Config{b.Name: {Products: b.Products, People: b.People, Initials: b.Initials, Topics: b.Topics}}, checker.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	var got *Standing
	var pass *checker.Pass
	rule := &checker.Rule{ID: "news.t", Category: checker.CategoryNews, Title: "t", Doc: "t", Run: func(p *checker.Pass) error {
		var err error
		got, err = r.Standing(p, 30*24*time.Hour)
		pass = p
		return err
	}}
	e, err := checker.New(checker.Config{Rules: []*checker.Rule{rule}, News: news, Profile: checker.Profile{Book: bk}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Check(context.Background(), checker.Post{Text: post, Brand: b.Name, ScheduledAt: at}); err != nil {
		t.Fatal(err)
	}
	return got, pass
}

func TestStandingFindsTroubleThroughAnyNameAndNeverLater(t *testing.T) {
	news := stories{
		{ID: "1", Title: "Glow Kettle recalled after fires", Published: at.Add(-5 * 24 * time.Hour)},
		{ID: "2", Title: "CEO Mira Sandvik faces backlash over remarks", Published: at.Add(-200 * 24 * time.Hour)},
		{ID: "3", Title: "GW opens a new plant", Published: at.Add(-2 * 24 * time.Hour)},
		{ID: "4", Title: "Glimmerware fined over misleading ads", Published: at.Add(-400 * 24 * time.Hour)},
		{ID: "5", Title: "Glimmerware hit by strike", Published: at.Add(24 * time.Hour)},
	}
	b := &checker.Brand{Name: "Glimmerware", Products: []string{"Glow Kettle"}, People: []string{"Mira Sandvik"}}
	s, _ := standingOf(t, news, b, "hello")
	if !s.InTrouble() || s.Recent[0].Article.ID != "1" || len(s.Year) != 2 || s.Year[1].Article.ID != "2" {
		t.Fatalf("standing %+v: want story 1 recent, stories 1 and 2 in the year, none later", s)
	}
	if m := s.Memory(); !strings.HasPrefix(m, "2 negative stories in the past year, the latest on 5 March 2026") {
		t.Errorf("memory %q", m)
	}
	d := text.Analyse("Put the kettle on! Our Glow Kettle makes the perfect cuppa.", "")
	if sp := reader(t).Touches(d, s.Recent[0]); len(sp) == 0 || d.Slice(sp[0]) != "Glow Kettle" {
		t.Errorf("touches %v, want the recalled product", sp)
	}
	b.Topics = []string{"fires"}
	s, _ = standingOf(t, news, b, "hello")
	if !slices.Contains(s.Recent[0].Subject, "fires") {
		t.Errorf("subject %q lacks the sensitive topic the story mentions", s.Recent[0].Subject)
	}
	if sp := reader(t).Touches(text.Analyse("Spring colours are here.", ""), s.Recent[0]); len(sp) != 0 {
		t.Errorf("an unrelated post touches the story at %v", sp)
	}
}

func TestStandingAskedOncePerPostForEveryRule(t *testing.T) {
	n := &counting{}
	b := &checker.Brand{Name: "Glimmerware"}
	r := reader(t)
	bk, _ := New(Config{}, checker.Profile{})
	rule := func(id string) *checker.Rule {
		return &checker.Rule{ID: id, Category: checker.CategoryNews, Title: "t", Doc: "t", Run: func(p *checker.Pass) error {
			_, err := r.Standing(p, 30*24*time.Hour)
			return err
		}}
	}
	e, _ := checker.New(checker.Config{Rules: []*checker.Rule{rule("news.a"), rule("news.b")}, News: n, Profile: checker.Profile{Book: bk}})
	if _, err := e.Check(context.Background(), checker.Post{Text: "hi", Brand: b.Name, ScheduledAt: at}); err != nil {
		t.Fatal(err)
	}
	if n.asked != 1 || !n.last.AnyClass || n.last.Window != Year || !n.last.At.Equal(at) {
		t.Errorf("asked %d times, last %+v: want one year's query once per post (the quarter only when the year fills the cap), as of the post's time", n.asked, n.last)
	}
}

type counting struct {
	asked int
	last  checker.NewsQuery
}

func (c *counting) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	c.asked++
	c.last = q
	return nil, nil
}

func TestTagCoreDropsTheInvitation(t *testing.T) {
	r := reader(t)
	for tag, want := range map[string]string{"DelmontStories": "delmont", "AskHarbor": "harbor", "MyVarnia": "varnia",
		"SummerSale": "summersale", "Asking": "asking", "Mystery": "mystery"} {
		if got := r.TagCore(tag); got != want {
			t.Errorf("TagCore(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestStandingIsTheSameFromTheReadingCache(t *testing.T) {
	r := reader(t)
	b := &checker.Brand{Name: "Glimmerware", Products: []string{"Glow Kettle"}}
	b.Variants = Variants(b)
	a := checker.Article{ID: "1", Title: "Glow Kettle recalled after fires", Summary: "Long body", Published: at}
	first, ok1 := r.story(a, b)
	second, ok2 := r.story(a, b)
	if !ok1 || !ok2 || fmt.Sprint(first) != fmt.Sprint(second) || second.Article.Summary != "Long body" {
		t.Errorf("first %+v, second %+v: want the same story, with its article", first, second)
	}
	if len(r.stories) != 1 {
		t.Errorf("%d readings kept, want 1", len(r.stories))
	}
}

func TestStandingThroughInitials(t *testing.T) {
	news := stories{{ID: "1", Title: "BG customers hit by billing outage", Published: at.Add(-2 * 24 * time.Hour)},
		{ID: "2", Title: "Bellmoor Gas boss Ivo Brandt under fire over bonus", Published: at.Add(-90 * 24 * time.Hour)}}
	// Configured initials are searched; the executive's name finds story 2.
	s, _ := standingOf(t, news, &checker.Brand{Name: "Bellmoor Gas", Initials: []string{"BG"}, People: []string{"Ivo Brandt"}}, "hi")
	if !s.InTrouble() || len(s.Year) != 2 {
		t.Errorf("configured initials and executive: %+v, want both stories", s)
	}
	// Derived two-letter initials match tags, not headlines: "BG" names
	// too many other things.
	s, _ = standingOf(t, news, &checker.Brand{Name: "Bellmoor Gas"}, "hi")
	if s.InTrouble() || len(s.Year) != 1 {
		t.Errorf("derived initials only: %+v, want only the story naming the brand", s)
	}
}

// oldestFirst answers like stories but caps at the limit oldest first: the
// worst ranking for a brand always in the news.
type oldestFirst struct{ stories }

func (n oldestFirst) Search(ctx context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	out, _ := n.stories.Search(ctx, q)
	slices.SortFunc(out, func(a, b checker.Article) int { return a.Published.Compare(b.Published) })
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

func TestStandingKeepsRecentTroublePastTheCap(t *testing.T) {
	var news stories
	for i := range MaxStories + 50 {
		news = append(news, checker.Article{ID: fmt.Sprint(i), Title: "Glimmerware under fire again",
			Published: at.Add(-time.Duration(120+i) * time.Hour * 24 / 2)})
	}
	news = append(news, checker.Article{ID: "new", Title: "Glimmerware recalls kettles", Published: at.Add(-24 * time.Hour)})
	s, _ := standingOf(t, oldestFirst{news}, &checker.Brand{Name: "Glimmerware"}, "hi")
	if !s.InTrouble() || s.Recent[0].Article.ID != "new" {
		t.Errorf("recent %v: want yesterday's recall although the year holds more stories than the cap", s.Recent)
	}
}

// generational is a news index that counts its commits and answers the
// articles published in the query's window.
type generational struct {
	gen   uint64
	asked int
	arts  []checker.Article
}

func (g *generational) Generation() uint64 { return g.gen }

func (g *generational) Search(_ context.Context, q checker.NewsQuery) ([]checker.Article, error) {
	g.asked++
	var out []checker.Article
	for _, a := range g.arts {
		if !a.Published.After(q.At) && a.Published.After(q.At.Add(-q.Window)) {
			out = append(out, a)
		}
	}
	return out, nil
}

// TestStandingRemembersTheDayUntilTheIndexChanges: posts of one brand on
// one day ask the index once; a commit (a new generation) asks again; and
// each post still counts only the stories published before its own time.
func TestStandingRemembersTheDayUntilTheIndexChanges(t *testing.T) {
	r := reader(t)
	bk, _ := New(Config{}, checker.Profile{})
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	g := &generational{arts: []checker.Article{
		{ID: "a", Title: "Glimmerware recalls kettles after burns", Published: day.Add(9 * time.Hour), Entities: []string{"Glimmerware"}},
		{ID: "b", Title: "Glimmerware fined over kettle recall", Published: day.Add(15 * time.Hour), Entities: []string{"Glimmerware"}},
	}}
	var got []int
	rule := &checker.Rule{ID: "news.a", Category: checker.CategoryNews, Title: "t", Doc: "t", Run: func(p *checker.Pass) error {
		s, err := r.Standing(p, 30*24*time.Hour)
		if s != nil {
			got = append(got, len(s.Year))
		}
		return err
	}}
	e, _ := checker.New(checker.Config{Rules: []*checker.Rule{rule}, News: g, Profile: checker.Profile{Book: bk}})
	check := func(h int) {
		if _, err := e.Check(context.Background(), checker.Post{Text: "hi", Brand: "Glimmerware", ScheduledAt: day.Add(time.Duration(h) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	check(12)
	check(18)
	if g.asked != 1 || !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("asked %d times, stories %v: want one question for the day, and 1 story at noon, 2 in the evening", g.asked, got)
	}
	g.gen++ // a commit
	check(12)
	if g.asked != 2 || got[2] != 1 {
		t.Errorf("after a commit: asked %d times, stories %v", g.asked, got)
	}
}
