package hashtag

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// ordinaryCompounds makes n run-together names of a language from its
// word list (segment/data/<code>.txt): two frequent words of four to eight
// letters (ranks 100 to 3,000, neither of them a risky word), paired by a
// fixed stride, as a shop or an event names itself ("blumenhaus").
func ordinaryCompounds(t *testing.T, v *vocabulary, code string, n int) []string {
	t.Helper()
	pairs := ordinaryPairs(t, v, code, n)
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0] + p[1]
	}
	return out
}

// camelCompounds are ordinaryCompounds' names as a brand writes them in
// CamelCase ("BlumenHaus"), which double_reading reads as their
// lower-case letters too.
func camelCompounds(t *testing.T, v *vocabulary, code string, n int) []string {
	t.Helper()
	pairs := ordinaryPairs(t, v, code, n)
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = title(p[0]) + title(p[1])
	}
	return out
}

// title upper-cases the first letter of w.
func title(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// ordinaryPairs are the word pairs of ordinaryCompounds.
func ordinaryPairs(t *testing.T, v *vocabulary, code string, n int) [][2]string {
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
	out := make([][2]string, 0, n)
	for i := 0; i < n && len(words) > 1; i++ {
		a, b := words[(i*37)%len(words)], words[(i*101+len(words)/2)%len(words)]
		if a != b {
			out = append(out, [2]string{a, b})
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
// language, read in a post of that language, run together in lower case
// and in CamelCase. The rate per language is logged; each must stay at or
// under maxRate.
func TestLanguageCompounds(t *testing.T) {
	const perLang, maxRate = 300, 0.01
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
		camels := camelCompounds(t, v, code, perLang)
		flagged = flaggedIn(t, e, code, camels)
		rate = float64(len(flagged)) / float64(len(camels))
		t.Logf("%s CamelCase | %d of %d (%.1f%%)", code, len(flagged), len(camels), 100*rate)
		for _, n := range camels {
			if m, ok := flagged[n]; ok {
				t.Logf("  %s: %s", n, m)
			}
		}
		if rate > maxRate {
			t.Errorf("%s: %.1f%% of ordinary CamelCase names flagged, want ≤ %.0f%%", code, 100*rate, 100*maxRate)
		}
	}
}

// langWords reads the first n words of a language's list, with their
// ranks.
func langWords(t *testing.T, code string, n int) ([]string, map[string]int) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "segment", "data", code+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words []string
	rank := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(words) < n {
		rank[sc.Text()] = len(words)
		words = append(words, sc.Text())
	}
	return words, rank
}

// badCompounds constructs, for each of a language's own risky words of
// four letters or more, the name that hides it across two frequent words
// the way #susanalbumparty hides "anal": word A ends with the risky word's
// first letters and word B starts with the rest, and what is left of A
// and of B are themselves words of the language (or nothing). The first
// such pair by rank is taken, at most n names; the rule never chose them.
func badCompounds(t *testing.T, v *vocabulary, code string, n int) []string {
	t.Helper()
	words, rank := langWords(t, code, 5000)
	var risky []string
	for w := range v.risky {
		if utf8.RuneCountInString(w) >= 4 {
			risky = append(risky, w)
		}
	}
	sort.Strings(risky)
	ok := func(rest string) bool {
		r, known := rank[rest]
		return rest == "" || known && r < 5000 && utf8.RuneCountInString(rest) >= 2
	}
	var out []string
	for _, w := range risky {
		found := ""
		for k := range w {
			if k == 0 {
				continue
			}
			pre, suf := w[:k], w[k:]
			for _, a := range words[:3000] {
				if len(a) <= len(pre) || !strings.HasSuffix(a, pre) || !ok(strings.TrimSuffix(a, pre)) || strings.Contains(a, w) {
					continue
				}
				for _, b := range words[:3000] {
					if len(b) <= len(suf) || !strings.HasPrefix(b, suf) || !ok(strings.TrimPrefix(b, suf)) || strings.Contains(b, w) ||
						utf8.RuneCountInString(a) < 3 || utf8.RuneCountInString(b) < 3 {
						continue
					}
					found = a + b
					break
				}
				if found != "" {
					break
				}
			}
			if found != "" {
				break
			}
		}
		if found != "" {
			out = append(out, found)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// TestLanguageBadCompounds measures recall on names constructed to hide a
// language's own risky word across two of its words (badCompounds), read
// in a post of that language, and logs the misses.
func TestLanguageBadCompounds(t *testing.T) {
	const perLang = 20
	p, err := loadPack(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := engine(t, Options{}, nil, checker.Profile{})
	t.Logf("language | constructed bad names caught")
	total, caught := 0, 0
	for _, code := range segment.Languages() {
		v, err := p.langs[code]()
		if err != nil {
			t.Fatal(err)
		}
		names := badCompounds(t, v, code, perLang)
		hit := flaggedIn(t, e, code, names)
		total, caught = total+len(names), caught+len(hit)
		var miss []string
		for _, n := range names {
			if _, ok := hit[n]; !ok {
				miss = append(miss, n)
			}
		}
		t.Logf("%s       | %d of %d: %s; missed: %s", code, len(hit), len(names), strings.Join(names, " "), strings.Join(miss, " "))
	}
	t.Logf("all      | %d of %d", caught, total)
	const minCaught = 28 // 31 of 50 today; raise as the rule improves
	if caught < minCaught {
		t.Errorf("caught %d of %d constructed names, want at least %d", caught, total, minCaught)
	}
}

// TestVocabulariesFollowTheLanguage: a post is read in the further
// languages it may be in and no others; English and Norwegian posts need
// none (so no further trie is opened for them).
func TestVocabulariesFollowTheLanguage(t *testing.T) {
	p, err := loadPack(Options{RiskyWords: []RiskyWord{{Word: "Blumenmord", Category: "violent"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text, lang string
		want       []string
	}{
		{"Come and see our new range this weekend!", "en", nil},
		{"Kom og se det nye utvalget vårt i helgen!", "no", nil},
		{"Besuchen Sie uns heute, wir freuen uns auf Sie!", "de", []string{"de"}},
		{"Besuchen Sie uns heute, wir freuen uns auf Sie!", "", []string{"de"}},
	} {
		vs, err := p.vocabularies(text.Analyse(c.text, c.lang))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, v.lang)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%q (%s): read in %v, want %v", c.text, c.lang, got, c.want)
		}
	}
	v, err := p.langs["de"]()
	if err != nil {
		t.Fatal(err)
	}
	if v.risky["blumenmord"] != "violent" || v.risky["mord"] != "violent" || v.risky["fick"] != "vulgar" && v.risky["fick"] != "sexual" {
		t.Errorf("German vocabulary lacks the configured, own or imported words")
	}
	if v.risky["fart"] != "" {
		t.Errorf("German vocabulary has the English risky words: they are the base's")
	}
}

// TestParseLangListsRejectsBadData: an unknown language or category in
// risky_langs.yaml is an error that names it, never a silent drop.
func TestParseLangListsRejectsBadData(t *testing.T) {
	for in, want := range map[string]string{
		"xx:\n  violent: [a]\n":   `unknown language "xx"`,
		"de:\n  violnt: [mord]\n": `unknown category "violnt"`,
		"de: [mord]\n":            "de:",
		"de:\n  violent: [mord\n": "risky_langs.yaml",
	} {
		if _, err := parseLangLists([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want one naming %s", in, err, want)
		}
	}
	if _, err := langRiskyLists(); err != nil {
		t.Errorf("data/risky_langs.yaml: %v", err)
	}
}

// BenchmarkLangVocabulary is the cost of the first post in a further
// language: its risky words read and its trie opened.
func BenchmarkLangVocabulary(b *testing.B) {
	p, err := loadPack(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.langVocabulary("de"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDoubleReadingGerman is the cost of a German post with a tag and
// a domain once its vocabulary is loaded.
func BenchmarkDoubleReadingGerman(b *testing.B) {
	e := engine(b, Options{}, nil, checker.Profile{})
	post := checker.Post{Text: "Neu bei uns: die #baumordner und #sommerfest, alles unter blumenhaus.de!", ScheduledAt: day}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Check(context.Background(), post); err != nil {
			b.Fatal(err)
		}
	}
}
