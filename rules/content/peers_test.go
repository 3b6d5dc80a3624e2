package content

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// TestPeerEvasion measures content.profanity on cases derived from the
// peer libraries' tests and READMEs (testdata/peers/evasion.tsv): recall
// per evasion family and false alarms on their must-pass words. Every
// family must be read at least 80% of the time and no must-pass case may
// be flagged. Run with -v for the table.
func TestPeerEvasion(t *testing.T) {
	f, err := os.Open("testdata/peers/evasion.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tally struct{ n, ok int }
	fams := map[string]*tally{}
	var order []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		fs := strings.Split(l, "\t")
		if len(fs) != 4 || fs[1] != "flag" && fs[1] != "pass" {
			t.Fatalf("evasion.tsv:%d: want family, flag|pass, text, source", line)
		}
		post := strings.ReplaceAll(fs[2], `\n`, "\n")
		rep := check(t, checker.Post{Text: post})
		flagged := slices.ContainsFunc(rep.Findings, func(f checker.Finding) bool { return f.Rule == "content.profanity" })
		if fams[fs[0]] == nil {
			fams[fs[0]] = &tally{}
			order = append(order, fs[0])
		}
		tl := fams[fs[0]]
		tl.n++
		if flagged == (fs[1] == "flag") {
			tl.ok++
		} else {
			t.Logf("evasion.tsv:%d: %s %q: flagged=%v", line, fs[0], post, flagged)
		}
	}
	var table []string
	for _, fam := range order {
		tl := fams[fam]
		what := "recall"
		if fam == "must-pass" {
			what = "passed"
		}
		table = append(table, fmt.Sprintf("%-13s %s %3d/%-3d %5.1f%%", fam, what, tl.ok, tl.n, 100*float64(tl.ok)/float64(tl.n)))
		switch {
		case fam == "must-pass" && tl.ok != tl.n:
			t.Errorf("must-pass: %d of %d flagged", tl.n-tl.ok, tl.n)
		case fam != "must-pass" && tl.ok*5 < tl.n*4:
			t.Errorf("%s: recall %d/%d, want ≥ 80%%", fam, tl.ok, tl.n)
		}
	}
	t.Logf("content.profanity on the peers' cases:\n%s", strings.Join(table, "\n"))
}

// TestProfanityOrdinaryText: the held-out articles of the Universal
// Declaration of Human Rights in each detected language (the text
// package's test data) raise no profanity finding: ordinary words of one
// language are not read as another's swearing.
func TestProfanityOrdinaryText(t *testing.T) {
	b, err := os.ReadFile("../../text/testdata/languages/udhr_heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, l := range strings.Split(string(b), "\n") {
		code, p, ok := strings.Cut(l, "\t")
		if !ok || strings.HasPrefix(l, "#") {
			continue
		}
		counts[code]++
		for _, f := range check(t, checker.Post{Text: p}).Findings {
			if f.Rule == "content.profanity" {
				t.Errorf("%s: %q flagged in %q", code, f.Match, p)
			}
		}
	}
	t.Logf("paragraphs per language: %v", counts)
}
