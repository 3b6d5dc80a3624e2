package news

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// eventNews is an invented week: a river flood in a fictional county (three
// reports from two outlets), a figure's death, a company scandal and an
// ordinary story. None of it shares words with the shared dev set.
var eventNews = []checker.Article{
	{ID: "f1", Title: "River Tamsel bursts its banks in Quillon, Oregon", Summary: "Floodwater swept through Quillon overnight; 300 homes were evacuated.",
		Source: "wire-a", Published: at("2031-05-04T06:00:00Z")},
	{ID: "f2", Title: "Quillon flooding: four dead as waters keep rising", Summary: "Rescuers in Quillon searched flooded streets by boat.",
		Source: "wire-b", Published: at("2031-05-04T14:00:00Z")},
	{ID: "f3", Title: "Quillon counts the cost of the flood", Summary: "The deluge left the town centre under water.",
		Source: "wire-a", Published: at("2031-05-05T09:00:00Z")},
	{ID: "d1", Title: "Jazz pianist Orla Venn dies aged 91", Summary: "Tributes poured in for the pianist.",
		Source: "wire-b", Published: at("2031-05-04T20:00:00Z")},
	{ID: "s1", Title: "Brightwave Telecom fined $90 million by regulator", Summary: "Brightwave Telecom was fined over misleading contracts.",
		Source: "wire-a", Published: at("2031-05-03T10:00:00Z")},
	{ID: "o1", Title: "Quillon library reopens after repairs", Summary: "Readers returned on Monday.",
		Source: "wire-b", Published: at("2031-05-01T10:00:00Z")},
	// After the post's time: must never count.
	{ID: "late", Title: "Quillon flood death toll rises to 40", Summary: "Forty people are now known to have died in Quillon.",
		Source: "wire-a", Published: at("2031-05-06T12:00:00Z")},
}

func eventsAt(t *testing.T, ix *Index, when string) []checker.Event {
	t.Helper()
	evs, err := ix.Events(context.Background(), checker.EventQuery{At: at(when)})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func findEvent(evs []checker.Event, word string) *checker.Event {
	for i := range evs {
		if strings.Contains(evs[i].Headline, word) || slices.Contains(evs[i].Places, word) {
			return &evs[i]
		}
	}
	return nil
}

func TestEventsGroupCoverage(t *testing.T) {
	ix := memIndex(t, eventNews)
	evs := eventsAt(t, ix, "2031-05-05T12:00:00Z")
	flood := findEvent(evs, "Quillon")
	if flood == nil {
		t.Fatalf("no flood event in %+v", evs)
	}
	if flood.Articles != 3 || flood.Sources != 2 {
		t.Errorf("flood event has %d articles from %d sources, want 3 from 2", flood.Articles, flood.Sources)
	}
	if !slices.Contains(flood.Kinds, "flood") {
		t.Errorf("flood kinds %v", flood.Kinds)
	}
	if flood.Class != checker.CrisisDisaster || flood.Toll != 4 {
		t.Errorf("flood class %q toll %d", flood.Class, flood.Toll)
	}
	if !slices.Equal(flood.Countries, []string{"US"}) {
		t.Errorf("flood countries %v", flood.Countries)
	}
	if flood.Until.Sub(flood.First) < 3*24*time.Hour || flood.Until.Sub(flood.First) > 8*24*time.Hour {
		t.Errorf("flood until %v (first %v)", flood.Until, flood.First)
	}
	// The WordNet vocabulary of floods, and the articles' own words.
	stems := map[string]string{}
	for _, v := range append(append([]checker.EventTerm(nil), flood.KindVocabulary...), flood.Vocabulary...) {
		if _, ok := stems[v.Stem]; !ok {
			stems[v.Stem] = v.Source
		}
	}
	for _, want := range []string{"inund", "torrenti", "delug"} {
		if !strings.HasPrefix(stems[want], "wordnet:") {
			t.Errorf("flood vocabulary lacks %q from WordNet: %v", want, flood.Vocabulary)
		}
	}
	articles := 0
	for _, v := range flood.Vocabulary {
		if v.Source == "articles" {
			articles++
		}
	}
	if articles == 0 {
		t.Errorf("flood vocabulary lacks salient article words: %v", flood.Vocabulary)
	}
	if stems["quillon"] != "" || stems["the"] != "" || stems["town"] != "" {
		t.Errorf("names or common words in the vocabulary: %v", flood.Vocabulary)
	}
	// The death and the scandal are events of their own.
	if d := findEvent(evs, "Orla Venn"); d == nil || d.Articles != 1 || d.Class != checker.CrisisDeath {
		t.Errorf("death event %+v", d)
	}
	if d := findEvent(evs, "Brightwave"); d == nil || d.Class != checker.CrisisScandal {
		t.Errorf("scandal event %+v", d)
	}
}

// TestEventsGrowWithCoverage: severity and salience grow as articles come.
func TestEventsGrowWithCoverage(t *testing.T) {
	ix := memIndex(t, eventNews)
	early := findEvent(eventsAt(t, ix, "2031-05-04T07:00:00Z"), "Quillon")
	later := findEvent(eventsAt(t, ix, "2031-05-05T12:00:00Z"), "Quillon")
	if early == nil || later == nil {
		t.Fatal("flood event missing")
	}
	if early.Articles != 1 || later.Salience <= early.Salience || later.Severity < early.Severity {
		t.Errorf("early %d articles salience %.2f severity %.2f; later salience %.2f severity %.2f",
			early.Articles, early.Salience, early.Severity, later.Salience, later.Severity)
	}
}

// TestEventsAsOfTheirTime: news published after the post's time never
// counts, and ten years of older news change nothing.
func TestEventsAsOfTheirTime(t *testing.T) {
	small := memIndex(t, eventNews)
	big := memIndex(t, eventNews)
	// A decade of synthetic background before the week.
	for y := 0; y < 10; y++ {
		arts := synthetic(300, int64(y))
		shift := at("2021-01-01T00:00:00Z").AddDate(y, 0, 0).Sub(SyntheticStart)
		for i := range arts {
			arts[i].Published = arts[i].Published.Add(shift)
		}
		if _, err := big.Add(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
	}
	when := "2031-05-05T12:00:00Z"
	a, b := eventsAt(t, small, when), eventsAt(t, big, when)
	if len(a) != len(b) {
		t.Fatalf("%d events with a week of news, %d with ten years", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Articles != b[i].Articles || a[i].Severity != b[i].Severity {
			t.Errorf("event %d differs: %q/%d/%.2f vs %q/%d/%.2f", i, a[i].Headline, a[i].Articles, a[i].Severity,
				b[i].Headline, b[i].Articles, b[i].Severity)
		}
	}
	for _, ev := range a {
		for _, e := range ev.Evidence {
			if e.Published.After(at(when)) {
				t.Errorf("future article %q counted", e.Title)
			}
		}
		if ev.Toll >= 40 {
			t.Errorf("the later death toll leaked into %q", ev.Headline)
		}
	}
}

// TestEventReach: a town's small accident is local; a national tragedy
// national; a global outage international.
func TestEventReach(t *testing.T) {
	ix := memIndex(t, []checker.Article{
		{ID: "r1", Title: "Two hurt as barn roof collapses near Pellham", Summary: "Two farm workers were injured.", Published: at("2031-06-01T10:00:00Z")},
		{ID: "r2", Title: "Bomb at Madrid station kills 60", Summary: "Spain declared three days of national mourning.", Published: at("2031-06-01T11:00:00Z")},
		{ID: "r3", Title: "Faulty update takes millions of computers offline worldwide", Summary: "Airlines grounded flights around the world.", Published: at("2031-06-01T12:00:00Z")},
	})
	evs := eventsAt(t, ix, "2031-06-01T13:00:00Z")
	for word, want := range map[string]checker.Reach{"Pellham": checker.ReachLocal, "Madrid": checker.ReachNational, "offline": checker.ReachInternational} {
		ev := findEvent(evs, word)
		if ev == nil {
			t.Errorf("no event for %s in %+v", word, evs)
			continue
		}
		if ev.Reach != want {
			t.Errorf("%q: reach %s, want %s", ev.Headline, ev.Reach, want)
		}
	}
}

// TestKindVocabularyFromWordNet: the vocabulary of each kind of event holds
// WordNet's synonyms, derivations and multi-word expressions.
func TestKindVocabularyFromWordNet(t *testing.T) {
	kv, err := newKindVocabs()
	if err != nil {
		t.Fatal(err)
	}
	has := func(kind, phrase string) bool {
		for _, k := range kv.kinds {
			if k.name == kind {
				for _, term := range k.terms {
					if term.Stem == stemPhrase(phrase) {
						return true
					}
				}
			}
		}
		return false
	}
	for _, c := range []struct{ kind, phrase string }{
		{"shooting", "shoot"}, {"shooting", "shooter"}, {"shooting", "shooting"}, {"shooting", "open fire"},
		{"earthquake", "shake"}, {"earthquake", "temblor"}, {"derailment", "rails"}, {"derailment", "derailed"},
		{"flood", "inundation"}, {"killing", "killer"}, {"killing", "massacre"}, {"killing", "die"}, {"assault", "assailant"},
		{"epidemic", "quarantine"}, {"epidemic", "viral"}, {"death", "kick the bucket"}, {"fire", "inferno"},
	} {
		if !has(c.kind, c.phrase) {
			t.Errorf("%s vocabulary lacks %q", c.kind, c.phrase)
		}
	}
	for _, c := range []struct{ kind, phrase string }{{"death", "release"}, {"collapse", "founder"}, {"storm", "twist"},
		{"death", "killer"}, {"death", "kill"}, {"killing", "liquidation"}, {"assault", "battery"}} {
		if has(c.kind, c.phrase) {
			t.Errorf("%s vocabulary has the excluded %q", c.kind, c.phrase)
		}
	}
}

// TestEventsSeparateKinds: two different happenings in one city the same
// day are two events; two reports of one are one.
func TestEventsSeparateKinds(t *testing.T) {
	ix := memIndex(t, []checker.Article{
		{ID: "k1", Title: "Flash flood sweeps through Tarnwick, Oregon, killing 3", Summary: "Floodwater filled the valley.", Published: at("2031-07-01T06:00:00Z")},
		{ID: "k2", Title: "Gunman opens fire at Tarnwick, Oregon mall, killing 5", Summary: "The shooter was arrested.", Published: at("2031-07-01T09:00:00Z")},
		{ID: "k3", Title: "Tarnwick flood: rescuers search the river", Summary: "The flood left 300 homes under water in Tarnwick, Oregon.", Published: at("2031-07-01T12:00:00Z")},
	})
	evs := eventsAt(t, ix, "2031-07-01T13:00:00Z")
	if len(evs) != 2 {
		for _, ev := range evs {
			t.Logf("%q %d articles, kinds %v", ev.Headline, ev.Articles, ev.Kinds)
		}
		t.Fatalf("%d events, want 2 (the flood, the shooting)", len(evs))
	}
	for _, ev := range evs {
		if strings.Contains(ev.Headline, "flood") && ev.Articles != 2 {
			t.Errorf("flood event has %d articles, want 2", ev.Articles)
		}
	}
}

// TestEventsChainedKinds: what a typhoon sets off (a bridge brought down
// in its floods) is the typhoon's event, though the titles name different
// kinds; a storm's name at the head of a title still names the kind.
func TestEventsChainedKinds(t *testing.T) {
	ix := memIndex(t, []checker.Article{
		{ID: "c1", Title: "Typhoon Orla makes landfall near Quellport, Vietnam", Summary: "Typhoon Orla tore off roofs across the coast of Vietnam.", Published: at("2031-09-07T06:00:00Z")},
		{ID: "c2", Title: "Bridge collapses in Vietnam as Typhoon Orla death toll rises", Summary: "Cars fell into the swollen river as deaths from Typhoon Orla rose to 20 in Vietnam.", Published: at("2031-09-08T06:00:00Z")},
	})
	evs := eventsAt(t, ix, "2031-09-08T12:00:00Z")
	if len(evs) != 1 {
		for _, ev := range evs {
			t.Logf("%q %d articles, kinds %v", ev.Headline, ev.Articles, ev.Kinds)
		}
		t.Fatalf("%d events, want 1 (the typhoon and the bridge it brought down)", len(evs))
	}
	if !slices.Contains(evs[0].Kinds, "storm") || !slices.Contains(evs[0].Kinds, "collapse") {
		t.Errorf("kinds %v, want storm and collapse", evs[0].Kinds)
	}
}

// TestEventKindsInOtherLanguages: an article in another language names
// its kind of event in its own words (eventlexicon.yaml): a Spanish
// hurricane, a Japanese earthquake.
func TestEventKindsInOtherLanguages(t *testing.T) {
	ix := memIndex(t, []checker.Article{
		{ID: "s1", Title: "El huracán Orla deja sin luz a toda la isla de Quellport", Summary: "Miles de familias siguen sin electricidad.",
			Language: "es", Published: at("2031-09-07T06:00:00Z")},
		{ID: "j1", Title: "クエルポート沖で地震　震度6強を観測", Summary: "気象庁によると、津波の心配はない。",
			Language: "ja", Published: at("2031-10-07T06:00:00Z")},
	})
	for _, c := range []struct{ at, kind string }{{"2031-09-07T12:00:00Z", "storm"}, {"2031-10-07T12:00:00Z", "earthquake"}} {
		evs := eventsAt(t, ix, c.at)
		if len(evs) != 1 || !slices.Contains(evs[0].Kinds, c.kind) {
			for _, ev := range evs {
				t.Logf("%q kinds %v", ev.Headline, ev.Kinds)
			}
			t.Errorf("%s: want one event of kind %s", c.at, c.kind)
		}
	}
}

// TestEventLexicon: each kind's vocabulary in other languages is stemmed in
// its language and tagged with it; bad lexicon data is an error naming the
// problem.
func TestEventLexicon(t *testing.T) {
	kv, err := newKindVocabs()
	if err != nil {
		t.Fatal(err)
	}
	has := func(kind, lang, phrase string) bool {
		for _, k := range kv.kinds {
			for _, term := range k.terms {
				if k.name == kind && term.Source == "lexicon:"+lang+":"+kind && term.Stem == stemPhraseIn(phrase, lang) {
					return true
				}
			}
		}
		return false
	}
	for _, c := range [][3]string{{"earthquake", "es", "temblores"}, {"flood", "de", "Fluten"}, {"fire", "pt", "pegando fogo"},
		{"storm", "fi", "myrskyn"}, {"flood", "pl", "powódź"}, {"killing", "fr", "meurtres"}} {
		if !has(c[0], c[1], c[2]) {
			t.Errorf("%s lacks %q in %s", c[0], c[2], c[1])
		}
	}
	if has("death", "es", "asesinado") {
		t.Error("the Spanish death vocabulary has a killing word")
	}
	// Ordinary words of each language must not stem into the lexicon.
	stems := map[string]bool{}
	for _, k := range kv.kinds {
		for _, term := range k.terms {
			if lang, ok := strings.CutPrefix(term.Source, "lexicon:"); ok {
				lang, _, _ = strings.Cut(lang, ":")
				stems[lang+" "+term.Stem] = true
			}
		}
	}
	for _, c := range [][2]string{{"es", "llámanos"}, {"es", "mate"}, {"es", "muro"}, {"es", "lava"}, {"pt", "chama"},
		{"pt", "trem"}, {"pt", "luta"}, {"pt", "bala"}, {"pt", "torna"}, {"fr", "tu"}, {"fr", "cru"}, {"de", "trau"},
		{"sv", "låga"}, {"sv", "ras"}, {"no", "lave"}, {"no", "ristet"}, {"fi", "tapa"}, {"fi", "katu"},
		{"tr", "düşük"}, {"tr", "batı"}, {"tr", "kesin"}, {"it", "lava"}, {"nl", "tot"}, {"de", "brand"}, {"sv", "brand"}} {
		if stems[c[0]+" "+stemPhraseIn(c[1], c[0])] {
			t.Errorf("%s: the ordinary word %q stems into the event lexicon", c[0], c[1])
		}
	}
	for _, bad := range []string{
		"kinds: {picnic: {es: [merienda]}}",
		"kinds: {flood: {xx: [flut]}}",
		"kinds: {flood: {de: [\"--\"]}}",
		"kinds: {flood: {de: flut}}",
		"kind: {}",
		"chains: [[flood]]",
		"chains: [[flood, picnic]]",
		"chains: [[flood, fire], [fire, storm]]",
	} {
		kinds := map[string]*kindVocab{"flood": {name: "flood"}, "fire": {name: "fire"}, "storm": {name: "storm"}}
		if err := addLexicon([]byte(bad), kinds); err == nil || !strings.Contains(err.Error(), "eventlexicon.yaml") {
			t.Errorf("%s: err %v", bad, err)
		}
	}
}

// TestEventsRememberedUntilTheWindowChanges: two posts whose windows hold
// the same crisis articles share one answer; a commit that adds an article
// to the window, or a post whose window reaches a later article, gets a
// new one that holds it.
func TestEventsRememberedUntilTheWindowChanges(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	q := func(when string) []checker.Event {
		evs, err := ix.Events(ctx, checker.EventQuery{At: at(when), Window: 48 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	a, b := q("2026-03-01T13:00:00Z"), q("2026-03-01T20:00:00Z")
	if len(a) == 0 || len(a) != len(b) || ix.events.len() != 1 {
		t.Fatalf("same window: %d and %d events, %d answers kept; want one shared answer", len(a), len(b), ix.events.len())
	}
	if later := q("2026-03-02T09:30:00Z"); len(later) <= len(a) {
		t.Errorf("window reaching the Bangkok earthquake: %d events, want more than %d", len(later), len(a))
	}
	quake := checker.Article{ID: "a9", Title: "Earthquake in Osaka kills 12", Summary: "Buildings collapsed across Osaka.",
		URL: "https://example.test/9", Published: at("2026-03-01T15:00:00Z")}
	if _, err := ix.Add(ctx, []checker.Article{quake}); err != nil {
		t.Fatal(err)
	}
	if after := q("2026-03-01T20:00:00Z"); len(after) <= len(b) {
		t.Errorf("after a commit: %d events, want the Osaka earthquake added to %d", len(after), len(b))
	}
}

// TestCountSources: sources are counted alike by the short and the long
// path; an article without a source is its own.
func TestCountSources(t *testing.T) {
	for _, n := range []int{0, 1, 16, 17, 40} {
		es := make([]*crisisEntry, n)
		want := map[string]bool{}
		for i := range es {
			e := &crisisEntry{docID: fmt.Sprint("doc", i)}
			if i%3 != 0 {
				e.art.Source = fmt.Sprint("src", i%5)
				want[e.art.Source] = true
			} else {
				want[e.docID] = true
			}
			es[i] = e
		}
		if got := countSources(es); got != len(want) {
			t.Errorf("%d articles: %d sources, want %d", n, got, len(want))
		}
	}
}

// TestEventsSharedAcrossOtherNews: a query for harmful classes clusters
// only harmful articles, so a post whose window also holds a brand's fine
// shares the answer of one whose window does not.
func TestEventsSharedAcrossOtherNews(t *testing.T) {
	ix := memIndex(t, sample)
	ctx := context.Background()
	harm := []checker.CrisisClass{checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster, checker.CrisisDeath,
		checker.CrisisUnrest, checker.CrisisMourning}
	q := func(when string) []checker.Event {
		evs, err := ix.Events(ctx, checker.EventQuery{At: at(when), Window: 12 * time.Hour, Classes: harm})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	before, after := q("2026-03-01T11:00:00Z"), q("2026-03-01T13:00:00Z") // the fine at 12:00 between them
	if len(before) == 0 || len(before) != len(after) || &before[0] != &after[0] || ix.events.len() != 1 {
		t.Fatalf("windows with and without the fine: %d and %d events, %d answers kept; want one shared answer",
			len(before), len(after), ix.events.len())
	}
}

// TestEventCacheKeepsRecent: the cache keeps the answers used most
// recently when it rotates, drops an older generation's when a newer one
// comes, and never takes an answer of a generation older than it knows.
func TestEventCacheKeepsRecent(t *testing.T) {
	var c eventCache
	entries := make([]crisisEntry, 3*maxCachedEvents)
	key := func(gen uint64, i int) eventKey {
		return eventKey{gen: gen, first: &entries[i], last: &entries[i], n: 1}
	}
	answer := []checker.Event{{ID: "e"}}
	c.put(key(1, 0), answer)
	for i := 1; i < 2*maxCachedEvents; i++ {
		if i%100 == 0 { // used again now and then: stays
			if _, ok := c.get(key(1, 0)); !ok {
				t.Fatalf("after %d other answers, the one used %d answers ago is gone", i, 100)
			}
		}
		c.put(key(1, i), answer)
	}
	if _, ok := c.get(key(1, 0)); !ok {
		t.Error("an answer used all along was dropped")
	}
	if _, ok := c.get(key(1, 1)); ok {
		t.Error("an answer not used since two rotations was kept")
	}
	if n := c.len(); n > 2*maxCachedEvents {
		t.Errorf("%d answers kept, cap %d", n, 2*maxCachedEvents)
	}
	c.put(key(2, 5), answer)
	if _, ok := c.get(key(1, 0)); ok || c.len() != 1 {
		t.Errorf("after a newer generation: old answer kept (%v) or %d answers, want 1", ok, c.len())
	}
	c.put(key(1, 6), answer)
	if _, ok := c.get(key(1, 6)); ok || c.len() != 1 {
		t.Error("an answer of an older generation was taken")
	}
}

// TestClustered: the entries clustered are those with facts (harmful
// ones, for a harmful-classes query), in order, without a copy when none
// is left out.
func TestClustered(t *testing.T) {
	harm, other := &eventFacts{harm: true}, &eventFacts{}
	mk := func(fs ...*eventFacts) []*crisisEntry {
		es := make([]*crisisEntry, len(fs))
		for i, f := range fs {
			es[i] = &crisisEntry{facts: f, docID: fmt.Sprint(i)}
		}
		return es
	}
	ids := func(es []*crisisEntry) string {
		var b strings.Builder
		for _, e := range es {
			b.WriteString(e.docID)
		}
		return b.String()
	}
	all := mk(harm, harm, harm)
	if got := clustered(all, true); &got[0] != &all[0] || len(got) != 3 {
		t.Errorf("nothing left out: got %q, a copy or not the same", ids(got))
	}
	for _, c := range []struct {
		es       []*crisisEntry
		harmOnly bool
		want     string
	}{
		{mk(other, harm, nil, harm, other), true, "13"},
		{mk(other, harm, nil, harm, other), false, "0134"},
		{mk(nil), false, ""},
		{mk(harm, harm, other), true, "01"},
	} {
		if got := ids(clustered(c.es, c.harmOnly)); got != c.want {
			t.Errorf("harmOnly %v: got %q, want %q", c.harmOnly, got, c.want)
		}
	}
}
