package text

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// heldOut reads the held-out UDHR paragraphs by language.
func heldOut(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open("testdata/languages/udhr_heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		code, p, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("bad line %q", l)
		}
		out[code] = append(out[code], p)
	}
	return out
}

// pieces cuts paragraphs into pieces of n words (whole paragraphs for 0).
func pieces(ps []string, n int) []string {
	if n == 0 {
		return ps
	}
	var out []string
	for _, p := range ps {
		ws := strings.Fields(p)
		for i := 0; i+n <= len(ws); i += n {
			out = append(out, strings.Join(ws[i:i+n], " "))
		}
	}
	return out
}

// TestDetectHeldOut measures the detector on UDHR articles it was not
// trained on, cut to post-sized pieces: right, undecided ("und") and wrong
// per language. Wrong answers must stay rare at every length; whole
// paragraphs must nearly all be right.
func TestDetectHeldOut(t *testing.T) {
	data := heldOut(t)
	langs := make([]string, 0, len(data))
	for l := range data {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, n := range []int{3, 5, 10, 0} {
		var right, und, wrong, total int
		var rows []string
		for _, l := range langs {
			want := l
			if l == "nb" || l == "nn" {
				want = "no"
			}
			var r, u, w int
			confused := map[string]int{}
			for _, c := range pieces(data[l], n) {
				got := Detect(Analyse(c, "x-none"))
				switch got.Language {
				case want:
					r++
				case "":
					u++
				default:
					w++
					confused[got.Variant]++
				}
			}
			tot := r + u + w
			right, und, wrong, total = right+r, und+u, wrong+w, total+tot
			rows = append(rows, fmt.Sprintf("%s %5.1f%% right %5.1f%% und %5.1f%% wrong %v", l, pct(r, tot), pct(u, tot), pct(w, tot), confused))
			if n == 0 && pct(r, tot) < 90 {
				t.Errorf("%s whole paragraphs: %.1f%% right, want ≥ 90%%", l, pct(r, tot))
			}
		}
		t.Logf("%d-word pieces (0 = paragraphs): %d, %.1f%% right, %.1f%% und, %.1f%% wrong\n%s", n, total, pct(right, total), pct(und, total), pct(wrong, total), strings.Join(rows, "\n"))
		if pct(wrong, total) > 5 {
			t.Errorf("%d-word pieces: %.1f%% wrong, want ≤ 5%%", n, pct(wrong, total))
		}
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// TestDetectVariant tells Norwegian's two written forms apart while both
// are Language "no".
func TestDetectVariant(t *testing.T) {
	for _, c := range []struct{ text, variant string }{
		{"Eg veit ikkje kva eg skal gjere i dag, men det blir fint", "nn"},
		{"Jeg vet ikke hva jeg skal gjøre i dag, men det blir fint", "nb"},
	} {
		got := Detect(Analyse(c.text, "x-none"))
		if got.Language != "no" || got.Variant != c.variant {
			t.Errorf("Detect(%q) = %+v, want no/%s", c.text, got, c.variant)
		}
	}
}

// TestParseLangModelErrors names the line of a bad model.
func TestParseLangModelErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"lang\ten\n", "line 1: want 3 fields"},
		{"lang\ten\tEnglish\ntri\ten\tabc:x\n", "line 2: bad count"},
		{"what\ten\tx\n", "line 1: unknown record"},
		{"", "0 languages"},
		{"lang\ten\tEnglish\n", `language "en" has no table`},
	} {
		_, err := parseLangModel([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseLangModel(%q) = %v, want %q", c.in, err, c.want)
		}
	}
}

// BenchmarkDetect280 is the detector's share of reading a post.
func BenchmarkDetect280(b *testing.B) {
	d := Analyse(strings.Repeat("Our winter sale starts today with free shipping on orders over fifty pounds. ", 4)[:280], "x-none")
	b.ReportAllocs()
	for b.Loop() {
		Detect(d)
	}
}

// BenchmarkParseLangModel is reading the TSV model, which go generate
// does to make data/langmodel.bin (BenchmarkOpenLangModel is start-up's
// share).
func BenchmarkParseLangModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseLangModel(langModelTSV); err != nil {
			b.Fatal(err)
		}
	}
}
