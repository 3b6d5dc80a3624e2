package hashtag

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// maxOrdinaryRate is the share of ordinary tags double_reading may flag.
const maxOrdinaryRate = 0.01

// assertRate flags list with double_reading, logs what it flags, and fails
// when more than maxOrdinaryRate of it is flagged.
func assertRate(t *testing.T, e *checker.Engine, what string, list []string) {
	t.Helper()
	flagged := namesFlagged(t, e, list)
	for _, n := range list {
		if m, ok := flagged[n]; ok {
			t.Logf("%s: flagged %s", what, m)
		}
	}
	rate := float64(len(flagged)) / float64(len(list))
	t.Logf("%s: %d of %d flagged (%.2f%%)", what, len(flagged), len(list), 100*rate)
	if rate > maxOrdinaryRate {
		t.Errorf("%s: %.2f%% flagged, want at most %.0f%%", what, 100*rate, 100*maxOrdinaryRate)
	}
}

// TestOrdinaryTagsRate measures false alarms on ordinary tags as brands
// write them (testdata/brand_tags.txt: campaigns, observances, sports,
// products, and Scunthorpe-style words such as #Sussex and #Cocktail): at
// most 1% flagged. Since CamelCase tags are read as their lower-case
// letters too, this is the guard on that reading.
func TestOrdinaryTagsRate(t *testing.T) {
	e := engine(t, Options{}, testNews, checker.Profile{})
	brands := readNames(t, "brand_tags.txt")
	if len(brands) < 300 {
		t.Fatalf("brand_tags.txt has %d tags, want at least 300", len(brands))
	}
	assertRate(t, e, "brand tags", brands)
}

// TestConformanceTagsRate measures false alarms on every hashtag of
// twitter-text's conformance suite (the shared data): at most 1% flagged.
func TestConformanceTagsRate(t *testing.T) {
	e := engine(t, Options{}, testNews, checker.Profile{})
	var conf []string
	for _, name := range []string{"extract.yml", "autolink.yml", "validate.yml", "hit_highlighting.yml"} {
		var suite struct {
			Tests map[string][]struct {
				Text string `yaml:"text"`
			} `yaml:"tests"`
		}
		b, err := os.ReadFile(sharedData(t, "twitter-text/"+name))
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(b, &suite); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, cases := range suite.Tests {
			for _, c := range cases {
				for _, h := range text.Analyse(c.Text, "").Hashtags {
					if tag := "#" + h.Text; !slices.Contains(conf, tag) && !strings.ContainsAny(h.Text, " \t") {
						conf = append(conf, tag)
					}
				}
			}
		}
	}
	slices.Sort(conf)
	assertRate(t, e, "twitter-text conformance tags", conf)
}
