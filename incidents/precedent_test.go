package incidents_test

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/incidents"
)

func finder(t *testing.T) *incidents.Finder {
	t.Helper()
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	return incidents.NewFinder(lib)
}

// TestFindCitesTheClosestIncident checks the finder's choices on queries a
// rule would make: the mechanism (or the rule that looks for it) narrows,
// the event class and the colliding words pick the incident.
func TestFindCitesTheClosestIncident(t *testing.T) {
	f := finder(t)
	cases := []struct {
		name   string
		q      incidents.Query
		wantID string
	}{
		{"mechanism, class and place", incidents.Query{Mechanism: "condolence-plug", Class: checker.CrisisAttack, Words: []string{"Boston"}}, "epicurious-boston-2013"},
		{"pun on a death", incidents.Query{Mechanism: "condolence-plug", Class: checker.CrisisDeath, Words: []string{"best buns"}}, "cinnabon-carrie-fisher-2016"},
		{"rule and tag", incidents.Query{Rule: "hashtag.in_the_news", Class: checker.CrisisShooting, Words: []string{"#Aurora"}}, "celeb-boutique-aurora-2012"},
		{"brand in trouble asks questions", incidents.Query{Rule: "news.brand_in_trouble", Class: checker.CrisisScandal, Words: []string{"energy", "bill", "questions"}}, "british-gas-askbg-2013"},
		{"vocabulary of a scandal", incidents.Query{Rule: "news.tragedy_overlap", Mechanism: "event-vocabulary", Class: checker.CrisisScandal, Words: []string{"hay"}}, "tesco-hit-the-hay-2013"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, ok := f.Find(c.q)
			if !ok {
				t.Fatalf("no precedent for %+v", c.q)
			}
			if p.Incident.ID != c.wantID {
				t.Fatalf("cited %s (%s), want %s", p.Incident.ID, p.Citation, c.wantID)
			}
		})
	}
}

// TestCitationReadsAsEvidence pins the citation format the report shows.
func TestCitationReadsAsEvidence(t *testing.T) {
	f := finder(t)
	p, ok := f.Find(incidents.Query{Mechanism: "condolence-plug", Class: checker.CrisisAttack, Words: []string{"Boston", "scones"}})
	if !ok {
		t.Fatal("no precedent")
	}
	const want = "sympathy that turns into a product plug: Epicurious, the Boston Marathon bombing, 2013"
	if p.Citation != want {
		t.Fatalf("citation %q, want %q", p.Citation, want)
	}
	ev := p.Evidence()
	if ev.Type != "precedent" || ev.Title != want || ev.Date != "2013-04-16" {
		t.Fatalf("evidence %+v", ev)
	}
}

// TestForFindingUsesTheRule checks the convenience the lead wires into
// reports: a finding's rule and match are enough.
func TestForFindingUsesTheRule(t *testing.T) {
	f := finder(t)
	fd := checker.Finding{Rule: "hashtag.in_the_news", Category: checker.CategoryHashtag, Match: "#WhyIStayed"}
	p, ok := f.ForFinding(fd, checker.CrisisTrending)
	if !ok || p.Incident.ID != "digiorno-whyistayed-2014" {
		t.Fatalf("got %+v, %v", p.Incident, ok)
	}
	if !strings.HasPrefix(p.Citation, p.Mechanism.Phrase+": DiGiorno, ") {
		t.Fatalf("citation %q", p.Citation)
	}
}

// TestFindNeedsAMechanism checks that a finding no documented mechanism
// covers gets no precedent rather than an unrelated one.
func TestFindNeedsAMechanism(t *testing.T) {
	f := finder(t)
	for _, q := range []incidents.Query{
		{Rule: "platform.length", Category: checker.CategoryPlatform, Words: []string{"Boston"}},
		{Rule: "content.spelling", Category: checker.CategoryContent, Words: []string{"recieve"}},
		{},
		{Mechanism: "no-such-mechanism", Class: checker.CrisisAttack},
	} {
		if p, ok := f.Find(q); ok {
			t.Errorf("%+v: cited %s", q, p.Citation)
		}
	}
}

// TestEveryIncidentFindsItself checks the similarity on the whole library:
// an incident's own mechanism, class and text must cite that incident.
func TestEveryIncidentFindsItself(t *testing.T) {
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := incidents.NewFinder(lib)
	for _, in := range lib.Incidents {
		p, ok := f.Find(incidents.Query{Mechanism: in.Mechanism, Class: in.Class, Words: []string{in.Text}})
		if !ok || p.Incident.ID != in.ID {
			t.Errorf("%s: cited %v", in.ID, p.Citation)
		}
	}
}

// TestTransfersCiteTheirMechanism checks the finder on posts it has never
// seen (the transfers: other brands, other events, other words): it must
// cite an incident of the same mechanism.
func TestTransfersCiteTheirMechanism(t *testing.T) {
	lib, err := incidents.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := incidents.NewFinder(lib)
	for _, in := range lib.Incidents {
		tr := in.Transfer
		if tr == nil {
			continue
		}
		m, _ := lib.Mechanism(in.Mechanism)
		p, ok := f.Find(incidents.Query{Rule: m.Rules[0], Mechanism: in.Mechanism, Class: tr.Class, Words: []string{tr.Text}})
		if !ok || p.Incident.Mechanism != in.Mechanism {
			t.Errorf("%s/transfer: cited %v", in.ID, p.Citation)
		}
	}
}

// TestAnnotateAddsOnePrecedent checks the one-call wiring for reports:
// serious findings a mechanism covers get one precedent, others none, and
// annotating twice adds nothing.
func TestAnnotateAddsOnePrecedent(t *testing.T) {
	f := finder(t)
	rep := checker.Report{Verdict: checker.VerdictBlock, Findings: []checker.Finding{
		{Rule: "hashtag.in_the_news", Category: checker.CategoryHashtag, Severity: checker.SeverityCritical, Match: "#Aurora"},
		{Rule: "content.spelling", Category: checker.CategoryContent, Severity: checker.SeverityMedium, Match: "recieve"},
		{Rule: "news.tragedy_overlap", Category: checker.CategoryNews, Severity: checker.SeverityLow, Match: "Boston"},
	}}
	f.Annotate(&rep)
	f.Annotate(&rep)
	if n := len(rep.Findings[0].Evidence); n != 1 || rep.Findings[0].Evidence[0].Type != incidents.EvidencePrecedent {
		t.Fatalf("hashtag finding evidence %+v", rep.Findings[0].Evidence)
	}
	if !strings.Contains(rep.Findings[0].Evidence[0].Title, "Celeb Boutique") {
		t.Errorf("cited %q", rep.Findings[0].Evidence[0].Title)
	}
	if len(rep.Findings[1].Evidence) != 0 || len(rep.Findings[2].Evidence) != 0 {
		t.Errorf("spelling or low-severity finding got a precedent: %+v / %+v", rep.Findings[1].Evidence, rep.Findings[2].Evidence)
	}
}
