package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFileIsCurrent regenerates the event vocabulary from the
// WordNet database installed by Debian's wordnet-base and compares it with
// the committed news/data/eventvocab.tsv, so the data and its generator
// never drift apart.
func TestGeneratedFileIsCurrent(t *testing.T) {
	dict := "/usr/share/wordnet"
	if _, err := os.Stat(filepath.Join(dict, "data.noun")); err != nil {
		t.Skip("WordNet not installed (apt-get install wordnet-base); skipping the regeneration check")
	}
	var got bytes.Buffer
	if err := run(dict, "seeds.yaml", &got); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "data", "eventvocab.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("news/data/eventvocab.tsv is stale: go run ./news/internal/gen/eventvocab > news/data/eventvocab.tsv")
	}
}

// TestBadSeed names the problem.
func TestBadSeed(t *testing.T) {
	wn := &wordnet{index: map[byte]map[string][]string{'n': {"flood": {"1", "2"}}}}
	for _, seed := range []string{"flood", "flood.n.3", "flood.n.x", "flood.nn.1"} {
		if _, _, err := wn.sense(seed); err == nil {
			t.Errorf("seed %q accepted", seed)
		}
	}
	if _, off, err := wn.sense("flood.n.2"); err != nil || off != "2" {
		t.Errorf("flood.n.2: %q %v", off, err)
	}
}

// TestIncludes: a topic takes another's terms as "included", keeps its own,
// and may only include another topic.
func TestIncludes(t *testing.T) {
	var sd seeds
	sd.Topics = map[string]struct {
		Class    string   `yaml:"class"`
		Seeds    []string `yaml:"seeds"`
		Includes []string `yaml:"includes"`
	}{"death": {Class: "death"}, "killing": {Class: "death", Includes: []string{"death"}}}
	best := map[[2]string]term{
		{"death", "die"}:    {topic: "death", class: "death", text: "die", relation: "synonym", weight: 1},
		{"death", "kill"}:   {topic: "death", class: "death", text: "kill", relation: "hyponym", weight: 0.7},
		{"killing", "kill"}: {topic: "killing", class: "death", text: "kill", relation: "synonym", weight: 1},
	}
	if err := addIncluded(sd, best); err != nil {
		t.Fatal(err)
	}
	if got := best[[2]string{"killing", "die"}]; got.relation != "included" || got.topic != "killing" {
		t.Errorf("killing lacks the included die: %+v", got)
	}
	if got := best[[2]string{"killing", "kill"}]; got.relation != "synonym" {
		t.Errorf("killing's own kill was replaced: %+v", got)
	}
	if _, ok := best[[2]string{"death", "killer"}]; ok {
		t.Error("death gained a term")
	}
	sd.Topics["war"] = struct {
		Class    string   `yaml:"class"`
		Seeds    []string `yaml:"seeds"`
		Includes []string `yaml:"includes"`
	}{Class: "unrest", Includes: []string{"peace"}}
	if err := addIncluded(sd, best); err == nil {
		t.Error("including an unknown topic was accepted")
	}
}
