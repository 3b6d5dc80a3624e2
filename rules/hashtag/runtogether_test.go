package hashtag

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

// readNames reads a list of tags ("#tag") and domains, one a line; "//"
// starts a comment line.
func readNames(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "//") {
			out = append(out, l)
		}
	}
	return out
}

// namesFlagged returns the names of list that double_reading flags in a
// post of their own.
func namesFlagged(t *testing.T, e *checker.Engine, list []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, n := range list {
		rep, err := e.Check(context.Background(), checker.Post{Text: "Find us: " + n + " today", ScheduledAt: day})
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

// TestRunTogetherNames measures double_reading on documented bad tags and
// domains and on ordinary ones of the same shape: every ordinary name
// passes, and at least minCaught… of the bad ones of each kind are caught (the misses are logged: names whose risky reading is the likeliest
// one, as "bite fart cafe", or needs a word the lists lack, as "got a hoe").
func TestRunTogetherNames(t *testing.T) {
	const minCaughtTags, minCaughtDomains = 14, 11 // of 22 and 18 today; raise as the rule improves
	e := engine(t, Options{}, testNews, checker.Profile{})
	bad, ordinary := readNames(t, "runtogether_bad.txt"), readNames(t, "runtogether_ordinary.txt")
	caught, flagged := namesFlagged(t, e, bad), namesFlagged(t, e, ordinary)
	count := func(list []string, hit map[string]string) (tags, tagHits, domains, domainHits int) {
		for _, n := range list {
			_, ok := hit[n]
			if strings.HasPrefix(n, "#") {
				tags++
				if ok {
					tagHits++
				}
			} else {
				domains++
				if ok {
					domainHits++
				}
			}
		}
		return
	}
	bt, btc, bd, bdc := count(bad, caught)
	ot, otf, od, odf := count(ordinary, flagged)
	t.Logf("run-together names | caught (bad) | falsely flagged (ordinary)")
	t.Logf("tags               | %d of %d | %d of %d", btc, bt, otf, ot)
	t.Logf("domains            | %d of %d | %d of %d", bdc, bd, odf, od)
	for _, n := range bad {
		if _, ok := caught[n]; !ok {
			t.Logf("missed: %s", n)
		}
	}
	for _, n := range ordinary {
		if m, ok := flagged[n]; ok {
			t.Errorf("ordinary name flagged: %s: %s", n, m)
		}
	}
	if btc < minCaughtTags || bdc < minCaughtDomains {
		t.Errorf("caught %d of %d bad tags and %d of %d bad domains", btc, bt, bdc, bd)
	}
}

// TestDoubleReadingDomains checks that a domain's finding offers the name
// with a hyphen between its words, which survives lower case as capitals
// do not (where it points: testdata/domains.txtar).
func TestDoubleReadingDomains(t *testing.T) {
	e := engine(t, Options{}, testNews, checker.Profile{})
	rep, err := e.Check(context.Background(), checker.Post{Text: "Pens at penisland.net", ScheduledAt: day})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.Rule == "hashtag.double_reading" && !strings.Contains(f.Suggestion, "pen-island.net") {
			t.Errorf("suggestion %q does not offer pen-island.net", f.Suggestion)
		}
	}
}
