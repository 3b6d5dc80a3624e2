package text

import (
	_ "embed"
	"strings"
	"unicode/utf8"
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

// DetectLanguage guesses whether d is English ("en") or Norwegian ("no")
// from function words and the letters æ, ø and å. It returns "" when there
// is too little to tell, when most words are not in Latin script, or when
// the function words of another language (Danish, Swedish, German…) are
// as frequent: a post in another language is not English or Norwegian.
func DetectLanguage(d *Doc) string {
	en, no, other, latin, nonLatin := 0, 0, 0, 0, 0
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Word {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(t.Norm); r < 0x250 {
			latin++
		} else {
			nonLatin++
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
	case nonLatin > latin, en == 0 && no == 0:
		return ""
	case no > en && no > other:
		return "no"
	case en > no && en > other:
		return "en"
	}
	return ""
}
