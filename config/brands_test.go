package config

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/checker"
)

func TestBrandsSection(t *testing.T) {
	f, err := Parse([]byte(`brand: Northway
brands:
  Harbor Telecom:
    aliases: [Harbor]
    handles: ["@HarborTel"]
    hashtags: ["#HarborLife"]
    initials: [HTC]
    products: [SkyLink Router]
    people: [Dana Okafor]
    competitors: [Gullwing Mobile]
    regions: [GB, IE]
    languages: [en]
    sensitive_topics: [outages]
    rules:
      content.profanity: {severity: low}
`))
	if err != nil {
		t.Fatal(err)
	}
	h, ok := f.Brands["Harbor Telecom"]
	if !ok || h.Products[0] != "SkyLink Router" || h.Topics[0] != "outages" || h.Rules["content.profanity"].Severity != checker.SeverityLow {
		t.Errorf("brands section read as %+v", f.Brands)
	}
	_, err = Parse([]byte("brands:\n  Harbor:\n    product: [x]\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "3:") || !strings.Contains(err.Error(), "product") {
		t.Errorf("misspelt key: %v, want an error on line 3 naming it", err)
	}
}
