package text

import (
	_ "embed"
	"strings"
)

//go:embed data/language.yaml
var languageYAML []byte

// functionWords maps a function word to the language it marks.
var functionWords = func() map[string]string {
	var f struct {
		Source  string   `yaml:"source"`
		Licence string   `yaml:"licence"`
		En      []string `yaml:"en"`
		No      []string `yaml:"no"`
		Other   []string `yaml:"other"`
	}
	if err := decodeStrict(languageYAML, &f); err != nil {
		panic("text: bad embedded language.yaml: " + err.Error())
	}
	m := map[string]string{}
	for lang, ws := range map[string][]string{"en": f.En, "no": f.No, "other": f.Other} {
		for _, w := range ws {
			m[Normalise(w)] = lang
		}
	}
	return m
}()

// NormaliseLanguage maps a BCP 47 tag to the primary language Preflight
// knows: nb, nn, no and their regional forms are "no"; en-US is "en". Other
// tags keep their lower-cased primary subtag; "" stays "".
func NormaliseLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "nb", "nn", "no", "nob", "nno", "nor":
		return "no"
	case "en", "eng":
		return "en"
	}
	return tag
}

// DetectLanguage is Detect(d).Language: the language Preflight's rules
// use ("en", "no", "de", …) or "" when the text is too short, too mixed or
// not in Latin script.
func DetectLanguage(d *Doc) string { return Detect(d).Language }

// functionWordVote is the tie-breaker for short texts the model leaves
// undecided: English ("en") or Norwegian ("no") when that language's
// function words (data/language.yaml) or Norwegian letters outweigh
// the others' and those of other languages, else "".
func functionWordVote(d *Doc) string {
	en, no, other := 0, 0, 0
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word {
			continue
		}
		switch {
		case t.Raw == "i":
			no++ // "i" (in) is Norwegian; English writes "I"
			continue
		case t.Raw == "I":
			en++
			continue
		}
		switch functionWords[t.Norm] {
		case "en":
			en += 2
		case "no":
			no += 2
		case "other":
			other += 2
		}
		if strings.ContainsAny(t.Norm, "æøå") {
			no++
		}
	}
	switch {
	case no > en && no > other:
		return "no"
	case en > no && en > other:
		return "en"
	}
	return ""
}
