package hashtag

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/text"
)

// sharedData is the shared data folder beside the repository.
func sharedData(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s absent (the shared data folder ../shared is not beside the repository): %v", rel, err)
	}
	return p
}

// TestTwitterTextHashtags is an end-to-end check of what the hashtag rules
// see: text.Analyse's hashtags against the hashtag cases of twitter-text's
// conformance files. Extraction is the text package's job; this test
// reports its score and fails only on a large regression.
func TestTwitterTextHashtags(t *testing.T) {
	var ex struct {
		Tests map[string][]struct {
			Description string `yaml:"description"`
			Text        string `yaml:"text"`
			Expected    any    `yaml:"expected"`
		} `yaml:"tests"`
	}
	b, err := os.ReadFile(sharedData(t, "twitter-text/extract.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	pass, total := 0, 0
	check := func(set, desc, txt string, want []string, spans [][2]int) {
		total++
		d := text.Analyse(txt, "")
		var got []string
		var gotSpans [][2]int
		for _, h := range d.Hashtags {
			got = append(got, h.Text)
			gotSpans = append(gotSpans, [2]int{h.Start, h.End})
		}
		ok := slices.Equal(got, want) && (spans == nil || slices.Equal(gotSpans, spans))
		if ok {
			pass++
			return
		}
		t.Logf("%s: %s: %q: got %q %v, want %q %v", set, desc, txt, got, gotSpans, want, spans)
	}
	for _, set := range []string{"hashtags", "hashtags_from_astral", "hashtags_with_indices"} {
		for _, c := range ex.Tests[set] {
			var want []string
			var spans [][2]int
			switch e := c.Expected.(type) {
			case []any:
				for _, x := range e {
					switch v := x.(type) {
					case string:
						want = append(want, v)
					case map[string]any:
						want = append(want, v["hashtag"].(string))
						ix := v["indices"].([]any)
						spans = append(spans, [2]int{ix[0].(int), ix[1].(int)})
					}
				}
			}
			check("extract/"+set, c.Description, c.Text, want, spans)
		}
	}
	extractPass, extractTotal := pass, total

	var al struct {
		Tests map[string][]struct {
			Description string `yaml:"description"`
			Text        string `yaml:"text"`
			Expected    string `yaml:"expected"`
		} `yaml:"tests"`
	}
	b, err = os.ReadFile(sharedData(t, "twitter-text/autolink.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &al); err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`title="[#＃]([^"]*)" class="tweet-url hashtag(?: rtl)?"`)
	for _, c := range al.Tests["hashtags"] {
		var want []string
		for _, m := range link.FindAllStringSubmatch(c.Expected, -1) {
			want = append(want, m[1])
		}
		check("autolink/hashtags", c.Description, c.Text, want, nil)
	}
	t.Logf("twitter-text hashtag cases passed: extract %d/%d, autolink %d/%d",
		extractPass, extractTotal, pass-extractPass, total-extractTotal)
	if pass*10 < total*8 {
		t.Errorf("hashtag extraction passes only %d of %d conformance cases", pass, total)
	}
}
