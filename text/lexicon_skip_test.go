package text

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// Find passes over a simple token (tokenInfo.simple) that neither its
// first-word filter nor its leads admit: what it finds must be what it
// finds when it looks at every token, for lexicons of every kind of entry
// (prefixes of one and two bytes, stems, compounds, unspaced scripts,
// possessives, masked words) on real replies when they are present.
func TestFindSkipsOnlyWhatCannotMatch(t *testing.T) {
	texts := []string{
		"Shopping for shoes? Our shop's open. F*ck, a bullshit shitty day, celebrating celebrations",
		"Happy Mother’s Day, let's party! #MothersDay @brand's 30% off x y z",
		"新商品セール 今日から、 한국어를 배우다 and донаты спасибо",
		"I donated, we donate; donation drives for the 5k a b",
		"Ask our chef anything. Ask our 3 chefs anything",
	}
	if f, err := os.Open("../../shared/data/brand-replies/twcs_brand_replies.jsonl"); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var p struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				texts = append(texts, p.Text)
			}
		}
		f.Close()
	} else {
		t.Logf("no brand replies (%v): the hand-written texts only", err)
	}
	lexes := []*Lexicon{
		vocabulary(),
		MustLexicon([]Entry{
			{Phrase: "shop*"}, {Phrase: "d*"}, {Phrase: "donat* drives"}, {Phrase: "~celebrate"},
			{Phrase: "shit", Compound: "both"}, {Phrase: "bull", Compound: "prefix"}, {Phrase: "day", Compound: "suffix"},
			{Phrase: "セール"}, {Phrase: "한국어"}, {Phrase: "спасибо"}, {Phrase: "fuck"}, {Phrase: "brand"},
			{Phrase: "mother's day"}, {Phrase: "lets party"}, {Phrase: "ask our * anything"}, {Phrase: "save <num>"},
			{Phrase: "<num> off"}, {Phrase: "a b"}, {Phrase: "x"},
		}),
		MustLexiconWith(Phrases("z", "chef", "the 5k"), LexiconOptions{Separators: SpaceSeparator, Mentions: true}),
	}
	for _, s := range texts {
		d := Analyse(s, "")
		every := *d
		every.finds = nil
		every.info = append([]tokenInfo(nil), d.info...)
		for i := range every.info {
			every.info[i].simple = false
		}
		for k, l := range lexes {
			if got, want := fmt.Sprint(l.find(d, nil)), fmt.Sprint(l.find(&every, nil)); got != want {
				t.Errorf("lexicon %d, %q:\n got %s\nwant %s", k, s, got, want)
			}
		}
	}
}
