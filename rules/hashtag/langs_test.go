package hashtag

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
)

// ordinaryCompounds makes n run-together names of a language from its
// word list (segment/data/<code>.txt): two frequent words of four to eight
// letters (ranks 100 to 3,000, neither of them a risky word), paired by a
// fixed stride, as a shop or an event names itself ("blumenhaus").
func ordinaryCompounds(t *testing.T, v *vocabulary, code string, n int) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "segment", "data", code+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for rank := 1; sc.Scan() && rank <= 3000; rank++ {
		w := sc.Text()
		if l := utf8.RuneCountInString(w); rank < 100 || l < 4 || l > 8 || v.riskyWord(w) != "" {
			continue
		}
		words = append(words, w)
	}
	out := make([]string, 0, n)
	for i := 0; i < n && len(words) > 1; i++ {
		a, b := words[(i*37)%len(words)], words[(i*101+len(words)/2)%len(words)]
		if a != b {
			out = append(out, a+b)
		}
	}
	return out
}

// langPosts are ordinary sentences of each language a name is put into,
// so the post is read in that language.
var langPosts = map[string]string{
	"de": "Besuchen Sie uns heute bei %s, wir freuen uns auf Sie!",
	"es": "¡Visítanos hoy en %s, te esperamos!",
	"fr": "Venez nous voir aujourd'hui chez %s, nous vous attendons !",
	"it": "Venite a trovarci oggi da %s, vi aspettiamo!",
	"pt": "Venha nos visitar hoje na %s, estamos esperando por você!",
	"nl": "Kom vandaag langs bij %s, we kijken ernaar uit!",
	"pl": "Odwiedź nas dzisiaj w %s, czekamy na Ciebie!",
	"sv": "Besök oss idag på %s, vi ser fram emot det!",
	"da": "Besøg os i dag hos %s, vi glæder os til at se dig!",
	"fi": "Tule käymään tänään %s, odotamme sinua!",
	"tr": "Bugün %s mağazamıza bekliyoruz, hepinizi bekleriz!",
}

// flaggedIn returns the names double_reading flags in a post of language
// code, as tags.
func flaggedIn(t *testing.T, e *checker.Engine, code string, names []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range names {
		rep, err := e.Check(context.Background(), checker.Post{Text: strings.Replace(langPosts[code], "%s", "#"+n, 1),
			Language: code, ScheduledAt: day})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if f.Rule == "hashtag.double_reading" && f.Severity > checker.SeverityLow {
				out[n] = f.Message
			}
		}
	}
	return out
}

// TestLanguageCompounds measures false alarms on ordinary run-together
// names of each further language: 300 pairs of frequent words per
// language, read in a post of that language. The rate per language is
// logged; each must stay at or under maxRate.
func TestLanguageCompounds(t *testing.T) {
	const perLang, maxRate = 300, 0.02
	p, err := loadPack(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := engine(t, Options{}, nil, checker.Profile{})
	t.Logf("language | ordinary names falsely flagged")
	for _, code := range segment.Languages() {
		v, err := p.langs[code]()
		if err != nil {
			t.Fatal(err)
		}
		names := ordinaryCompounds(t, v, code, perLang)
		flagged := flaggedIn(t, e, code, names)
		before := 0 // read in English and Norwegian only, as before the further languages
		for _, n := range names {
			if p.assess(n) != nil {
				before++
			}
		}
		rate := float64(len(flagged)) / float64(len(names))
		t.Logf("%s       | %d of %d (%.1f%%); English and Norwegian alone: %d", code, len(flagged), len(names), 100*rate, before)
		var keys []string
		for n := range flagged {
			keys = append(keys, n)
		}
		sort.Strings(keys)
		for _, n := range keys {
			t.Logf("  %s: %s", n, flagged[n])
		}
		if rate > maxRate {
			t.Errorf("%s: %.1f%% of ordinary names flagged, want ≤ %.0f%%", code, 100*rate, 100*maxRate)
		}
	}
}
