package news

import (
	"reflect"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestCrisisEntryReusesEnrichDerive checks that the event facts ingestion
// keeps, read from what enrich's derive read, are the facts derive reads of
// the enriched article (as they were computed before ingestion reused it):
// with and without a language, regions or entities given by the feed.
func TestCrisisEntryReusesEnrichDerive(t *testing.T) {
	ix, err := OpenMem(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := synthetic(4000, 3)
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	arts = append(arts,
		checker.Article{Title: "Flom i Bergen: tusenvis evakuert", Summary: "Rekordregn førte til flom i Bergen, og fire mennesker døde.", Published: at},
		checker.Article{Title: "Gunman kills 12 at a school in Houston", Summary: "Police in Houston, Texas said the attacker opened fire.", Language: "en-US", Published: at},
		checker.Article{Title: "Earthquake strikes near Osaka", Summary: "At least 57 people died, officials in Japan said.", Regions: []string{"jp"}, Published: at},
		checker.Article{Title: "Wildfire forces thousands to flee Athens suburbs", Summary: "Two people were killed as fire swept through villages.", Entities: []string{"Athens"}, Hashtags: []string{"athensfire"}, Published: at},
	)
	crises := 0
	for _, in := range arts {
		a := in
		classes, d := ix.enrich(&a)
		if len(classes) == 0 {
			continue
		}
		crises++
		got := crisisEntryWith(ix.der, a, "id", classes, d)
		want := newCrisisEntry(ix.der, a, "id", classes)
		if !reflect.DeepEqual(got.facts, want.facts) {
			t.Fatalf("%q: facts from enrich's derive\n %+v\nwant (derive again)\n %+v", a.Title, got.facts, want.facts)
		}
	}
	if crises < 100 {
		t.Fatalf("only %d crisis articles: the test reads too few", crises)
	}
}
