package reply

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
)

// TestCompetitorsOfTheReplyingBrand: an agency replying for several brands
// has each brand's competitors watched, from its profile in brands:, and
// the default profile's only for brands without their own.
func TestCompetitorsOfTheReplyingBrand(t *testing.T) {
	def := checker.Profile{Brand: "Northway", Competitors: []string{"Southgate"}}
	book, err := brand.New(brand.Config{"Harbor Telecom": {Competitors: []string{"Tidewell"}}}, def)
	if err != nil {
		t.Fatal(err)
	}
	def.Book = book
	rs, err := Rules(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: rs, Profile: def,
		Now: func() time.Time { return time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	named := func(brandName, text string) []string {
		rep, err := e.Check(context.Background(), checker.Post{Text: text, Kind: checker.KindReply, Brand: brandName})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range rep.Findings {
			if f.Rule == "reply.competitor" {
				out = append(out, f.Match)
			}
		}
		return out
	}
	if got := named("Harbor Telecom", "At least we're not Tidewell 😂"); !slices.Contains(got, "Tidewell") {
		t.Errorf("Harbor's competitor not named: %v", got)
	}
	if got := named("Northway", "At least we're not Tidewell 😂"); slices.Contains(got, "Tidewell") {
		t.Errorf("another brand's competitor named for Northway: %v", got)
	}
	if got := named("Northway", "At least we're not Southgate 😂"); !slices.Contains(got, "Southgate") {
		t.Errorf("the default profile's competitor not named: %v", got)
	}
}
