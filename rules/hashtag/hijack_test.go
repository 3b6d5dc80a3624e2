package hashtag

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/checker"
)

// TestHasYear: a tag holds a year only as a run of exactly four digits
// from 1900 to 2099, so #Somewhere2030 is an event's tag and a phone
// number or a price is not.
func TestHasYear(t *testing.T) {
	for s, want := range map[string]bool{"Somewhere2030": true, "1999Games": true, "Cup2026x": true,
		"12345": false, "Room101": false, "Top1000": false, "Save3000": false, "": false, "2030": true} {
		if got := hasYear(s); got != want {
			t.Errorf("hasYear(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestContestedEventSearchedOnce checks that an event tag repeated
// throughout a cheerful post is looked up in the news once, and reported
// once: the first contested tag is the finding.
func TestContestedEventSearchedOnce(t *testing.T) {
	news := append(fakeNews{{ID: "varnia", Title: "Rights groups urge boycott of the Varnia 2030 Games",
		Published: day.Add(-20 * 24 * time.Hour)}}, testNews...)
	searches := 0
	e := engine(t, Options{}, countingNews{news, &searches}, checker.Profile{Brand: "Halden Sports"})
	rep, err := e.Check(context.Background(), checker.Post{Text: "Proud sponsor! " + strings.Repeat("#Varnia2030 ", 500),
		ScheduledAt: day, Brand: "Halden Sports"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "hashtag.hijack_risk" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d hijack_risk findings, want 1", n)
	}
	if searches > 10 {
		t.Errorf("%d news searches for one distinct tag", searches)
	}
}

// TestTopicRecordProfile: a charged topic the brand's profile lists among
// its sensitive topics is on its record, by family (a profile's "racial
// profiling" is on the record of a post about race); another family is
// not, and neither is a brand with no topics.
func TestTopicRecordProfile(t *testing.T) {
	p, err := loadPack(Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := &checker.Brand{Name: "Calder Outdoor", Topics: []string{"racial profiling in stores"}}
	if got := p.invitations.topicRecord(b, nil, []string{"race"}); !strings.Contains(got, "racial profiling") {
		t.Errorf("race against a profile listing racial profiling: %q", got)
	}
	if got := p.invitations.topicRecord(b, nil, []string{"immigration"}); got != "" {
		t.Errorf("immigration against a profile listing racial profiling: %q", got)
	}
	if got := p.invitations.topicRecord(&checker.Brand{Name: "Calder Outdoor"}, nil, []string{"race"}); got != "" {
		t.Errorf("no topics: %q", got)
	}
}

// TestChargedMessage: the finding names the charged topic and, when the
// brand's own news is on it, the story.
func TestChargedMessage(t *testing.T) {
	news := append(fakeNews{{ID: "calder", Title: "Calder Outdoor accused of racism after store incident",
		Published: day.Add(-100 * 24 * time.Hour)}}, testNews...)
	for brandName, want := range map[string][]string{
		"Torrel Coffee":  {"(race)", "no standing"},
		"Calder Outdoor": {"(race)", "accused of racism"},
	} {
		e := engine(t, Options{}, news, checker.Profile{Brand: brandName})
		rep, err := e.Check(context.Background(), checker.Post{Text: "Let's talk about race.", ScheduledAt: day, Brand: brandName})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range rep.Findings {
			if f.Rule != "hashtag.hijack_risk" {
				continue
			}
			found = true
			for _, w := range want {
				if !strings.Contains(f.Message, w) {
					t.Errorf("%s: message %q lacks %q", brandName, f.Message, w)
				}
			}
		}
		if !found {
			t.Errorf("%s: no hijack_risk finding", brandName)
		}
	}
}

// TestInvitationsDataStrict: the invitations data refuses an unknown key,
// a missing section and a topic family with no phrases, naming the
// problem; the shipped data loads.
func TestInvitationsDataStrict(t *testing.T) {
	good, err := data.ReadFile("data/invitations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseInvitations(good); err != nil {
		t.Fatalf("shipped data: %v", err)
	}
	for name, c := range map[string]struct {
		edit func(string) string
		want string
	}{
		"unknown key":  {func(s string) string { return s + "\ntopcis: {race: [racism]}\n" }, "topcis"},
		"empty family": {func(s string) string { return strings.Replace(s, "\ntopics:\n", "\ntopics:\n  hollow: []\n", 1) }, `"hollow"`},
	} {
		_, err := parseInvitations([]byte(c.edit(string(good))))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", name, err, c.want)
		}
	}
	if _, err := parseInvitations([]byte("source: x\nlicence: y\n")); err == nil || !strings.Contains(err.Error(), "required") {
		t.Errorf("sections missing: %v", err)
	}
}
