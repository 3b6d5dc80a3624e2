package news

import (
	"slices"
	"strings"
	"testing"
)

// TestEventLexiconScripts: the terms of the languages told by script are
// kept as written (the rules match them with text.Lexicon), Thai and Hindi
// vowel signs stay inside their word, and every kind has them.
func TestEventLexiconScripts(t *testing.T) {
	kv, err := newKindVocabs()
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	langs := map[string]map[string]bool{}
	for _, k := range kv.kinds {
		for _, term := range k.terms {
			has[term.Source+" "+term.Stem] = true
			if l := lexiconLanguageOf(term.Source); l != "" {
				if langs[k.name] == nil {
					langs[k.name] = map[string]bool{}
				}
				langs[k.name][l] = true
			}
		}
	}
	for _, c := range [][3]string{{"earthquake", "ja", "地震"}, {"earthquake", "th", "แผ่นดินไหว"}, {"earthquake", "hi", "भूकंप"},
		{"sinking", "ko", "침몰"}, {"explosion", "ru", "взрыв"}, {"flood", "ar", "فيضان"}, {"fire", "zh", "火灾"}} {
		if !has["lexicon:"+c[1]+":"+c[0]+" "+c[2]] {
			t.Errorf("%s lacks %q in %s, kept as written", c[0], c[2], c[1])
		}
	}
	for kind, ls := range langs {
		if !ls["es"] {
			continue // a kind without other languages at all
		}
		for _, l := range []string{"ja", "zh", "ko", "ru", "ar", "hi", "th"} {
			if !ls[l] {
				t.Errorf("%s has no %s terms", kind, l)
			}
		}
	}
	if stemPhraseIn("Землетрясения", "ru") != "землетрясения" {
		t.Errorf("a Russian term was stemmed: %q", stemPhraseIn("Землетрясения", "ru"))
	}
}

// lexiconLanguageOf is the language of a source "lexicon:<lang>:<kind>".
func lexiconLanguageOf(src string) string {
	const p = "lexicon:"
	if len(src) <= len(p) || src[:len(p)] != p {
		return ""
	}
	rest := src[len(p):]
	for i := range rest {
		if rest[i] == ':' {
			return rest[:i]
		}
	}
	return ""
}

// TestEventLexiconCues: eventlexicon.yaml's cues name their kind ("dam"
// names a flood), and a cue for a kind that does not exist, or of more
// than one word, is an error naming it.
func TestEventLexiconCues(t *testing.T) {
	kv, err := newKindVocabs()
	if err != nil {
		t.Fatal(err)
	}
	flood, ok := kv.index("flood")
	if !ok {
		t.Fatal("no kind flood")
	}
	if got := kv.byCue[stemPhrase("levee")]; !slices.Contains(got, flood) {
		t.Errorf("levee names kinds %v, want flood (%d) among them", got, flood)
	}
	for yaml, want := range map[string]string{
		"cues:\n  tsunamiish: [wave]\n": `"tsunamiish" is not a kind`,
		"cues:\n  flood: [dam burst]\n": `"dam burst" is not one word`,
	} {
		kinds := map[string]*kindVocab{"flood": {name: "flood", cues: map[string]bool{}}}
		err := addLexicon([]byte(yaml), kinds)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one saying %s", yaml, err, want)
		}
	}
}
