package reply

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// streetWords are one language's words for writing a street address, from
// data/personal_data.yaml (streets).
type streetWords struct {
	// Before are street words written before the name: "Rua das Flores
	// 120", "calle Mayor 5", "via Roma 10".
	Before []string `yaml:"before"`
	// AfterNumber are street words written after the house number:
	// "12 rue de la Paix".
	AfterNumber []string `yaml:"after_number"`
	// Suffixes end one-word street names: "Hauptstraße 5", "Kerkstraat 12".
	Suffixes []string `yaml:"suffixes"`
	// AfterName are street words written after the name, before a number
	// word and the house number: "Moda Caddesi No: 14", "Gül Sok. No 5".
	AfterName []string `yaml:"after_name"`
	// Connectors may stand between a street word and the name ("das",
	// "de la").
	Connectors []string `yaml:"connectors"`
	// Units name a flat, floor or door after the number ("apto 42",
	// "piso 3"); the finding's span takes them in.
	Units []string `yaml:"units"`
}

// streetShape is one language's street-address pattern; it is tried on
// replies that may be in that language.
type streetShape struct {
	lang  string
	re    *regexp.Regexp
	words []string // its street words, lower-cased: a text without one is skipped
}

// Pieces of an address: a capitalised name word, a house number (5, 12a,
// 14-16) and a unit written the Spanish way (3º B).
const (
	streetName   = `\p{Lu}[\p{L}'’.-]*`
	houseNumber  = `\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?\b`
	floorOrdinal = `\d{1,2}\s?[º°ª]\.?(?:\s?[A-Z]\b)?`
)

// streetShapes compiles each language's address patterns.
func streetShapes(byLang map[string]streetWords) ([]streetShape, error) {
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var out []streetShape
	for _, l := range langs {
		w := byLang[l]
		conn, inner, units := "", "", ""
		if len(w.Connectors) > 0 {
			conn = `(?:(?i:` + longestFirst(w.Connectors) + `)\s*)?`
			inner = `(?:(?i:` + longestFirst(w.Connectors) + `)\s+)?`
		}
		if len(w.Units) > 0 {
			units = `\s*,?\s*(?i:` + longestFirst(w.Units) + `)\.?\s*\d{1,4}[A-Za-z]?|`
		}
		names := streetName + `(?:\s+` + inner + streetName + `){0,3}`
		unit := `(?:` + units + `\s*,?\s*` + floorOrdinal + `)?`
		var alts []string
		if len(w.Before) > 0 {
			alts = append(alts, `\b`+wordsThenSpace(w.Before)+conn+names+`,?\s+(?:n[º°o]\.?\s*)?`+houseNumber+unit)
		}
		if len(w.AfterNumber) > 0 {
			alts = append(alts, `\b\d{1,4}(?:\s?(?:bis|ter)\b)?,?\s+(?i:`+longestFirst(w.AfterNumber)+`)\s+`+conn+names)
		}
		if len(w.Suffixes) > 0 {
			alts = append(alts, `\b\p{Lu}\p{L}+(?:`+longestFirst(w.Suffixes)+`)\s*`+houseNumber+unit)
		}
		if len(w.AfterName) > 0 {
			alts = append(alts, `\b`+names+`\s+(?i:`+longestFirst(w.AfterName)+`)\.?\s*,?\s*(?i:no|numara)\s*[:.]?\s*`+houseNumber+unit)
		}
		if len(alts) == 0 {
			return nil, fmt.Errorf("reply: data/personal_data.yaml: streets.%s names no street words", l)
		}
		re, err := regexp.Compile(strings.Join(alts, "|"))
		if err != nil {
			return nil, fmt.Errorf("reply: data/personal_data.yaml: streets.%s: %w", l, err)
		}
		words := lowerAll(slices.Concat(w.Before, w.AfterNumber, w.Suffixes, w.AfterName))
		out = append(out, streetShape{lang: l, re: re, words: words})
	}
	return out, nil
}

// wordsThenSpace matches one of ws and the space after it; a word written
// with a final "." or "/" ("Av.", "c/") may be followed by the name at once.
func wordsThenSpace(ws []string) string {
	var spaced, joined []string
	for _, w := range ws {
		if strings.HasSuffix(w, ".") || strings.HasSuffix(w, "/") {
			joined = append(joined, w)
		} else {
			spaced = append(spaced, w)
		}
	}
	var alts []string
	if len(spaced) > 0 {
		alts = append(alts, `(?i:`+longestFirst(spaced)+`)\s+`)
	}
	if len(joined) > 0 {
		alts = append(alts, `(?i:`+longestFirst(joined)+`)\s*`)
	}
	return `(?:` + strings.Join(alts, "|") + `)`
}

// longestFirst is an alternation of ws, longer words first so "de la" is
// preferred to "de"; spaces inside a phrase match any spacing.
func longestFirst(ws []string) string {
	ws = slices.Clone(ws)
	sort.SliceStable(ws, func(a, b int) bool { return len(ws[a]) > len(ws[b]) })
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`)
	}
	return strings.Join(q, "|")
}

// mayBeIn reports whether d may be written in lang: its language, one of
// its candidates, or no language known at all.
func mayBeIn(d *text.Doc, lang string) bool {
	if d.Language != "" {
		return d.Language == lang
	}
	return len(d.Candidates) == 0 || slices.Contains(d.Candidates, lang)
}

// worldAddresses reports street addresses written the way the reply's
// language writes them, unless words before show they are the business's.
func (pd *personalData) worldAddresses(sc *piiScan) {
	for _, sh := range pd.streets {
		if !mayBeIn(sc.d, sh.lang) || !sc.mentions(sh.words) {
			continue
		}
		for _, m := range sh.re.FindAllStringIndex(sc.s, -1) {
			a, b := m[0], len(strings.TrimRight(sc.s[:m[1]], " ,"))
			if b > a && sc.free(a, b) && !pd.businessAddress(sc.s, a) && !pd.notStreet(sc.s, a, b) {
				sc.add(a, b, checker.SeverityHigh, "a street address")
			}
		}
	}
}

// scriptAddress matches a street address as Japanese, Korean, Chinese and
// Arabic write it, which the Latin street words above cannot: a Japanese
// ward or town and its block numbers (西新宿2-8-1, 2丁目8番1号), a Korean
// road name and building number (테헤란로 123, 강남대로84길 12), a Chinese
// road and its number (建国路88号), an Arabic street word, its name and a
// number (شارع الملك فهد ١٢٣ after the digits are read as ASCII).
var scriptAddress = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(
		`\p{Han}{1,6}[市区町村郡]\p{Han}{0,8}\d{1,4}(?:丁目|[-−‐ー])\d{1,4}(?:[-−‐ー番]\d{1,4}号?)?` +
			`|\p{Hangul}{1,10}(?:대로|로|길)(?:\d{1,3}(?:번길|길))?\s?\d{1,4}(?:-\d{1,4})?` +
			`|\p{Han}{1,8}[路街道巷弄]\d{1,5}[号號]` +
			`|(?:شارع|طريق|حي)\s+\p{Arabic}+(?:\s+\p{Arabic}+){0,3}\s*[،,]?\s*(?:رقم\s*)?\d{1,5}`)
})

// scriptAddresses reports addresses in those scripts (scriptAddress),
// unless words before show they are the business's.
func (pd *personalData) scriptAddresses(sc *piiScan) {
	if !hasScriptLetters(sc.s) {
		return
	}
	for _, m := range scriptAddress().FindAllStringIndex(sc.s, -1) {
		if sc.free(m[0], m[1]) && !pd.businessAddress(sc.s, m[0]) {
			sc.add(m[0], m[1], checker.SeverityHigh, "a street address")
		}
	}
}

// hasScriptLetters reports whether s has a letter beyond Latin, Greek and
// Cyrillic (U+0600 and up), which every scriptAddress form needs.
func hasScriptLetters(s string) bool {
	for _, r := range s {
		if r >= 0x600 {
			return true
		}
	}
	return false
}

// notStreet reports whether the address-like words at s[a:b] are a
// channel or a course ("via WhatsApp 24", "corso Excel 365") or a number of
// hours or days ("24 ore"), as data/personal_data.yaml lists them.
func (pd *personalData) notStreet(s string, a, b int) bool {
	words := strings.Fields(strings.ToLower(s[a:b]))
	for _, w := range words {
		if pd.notStreetNames[strings.Trim(w, ",.")] {
			return true
		}
	}
	next := strings.Fields(strings.ToLower(s[b:min(len(s), b+16)]))
	return len(next) > 0 && pd.numberUnits[strings.Trim(next[0], ",.;:!?")]
}

// birthPattern compiles the date-of-birth pattern: a birth label ("date of
// birth", "né le", "Geburtsdatum") and a date with its year.
func birthPattern(labels, months []string) (*regexp.Regexp, error) {
	if len(labels) == 0 || len(months) == 0 {
		return nil, fmt.Errorf("reply: data/personal_data.yaml: birth_labels and months are required")
	}
	mon := `(?:` + longestFirst(months) + `)\.?`
	date := `(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}\b|(?:19|20)\d{2}-\d{2}-\d{2}\b` +
		`|\d{1,2}(?:st|nd|rd|th|er|º|°)?\.?\s+(?:de\s+)?` + mon + `\s+(?:de\s+)?(?:19|20)\d{2}\b` +
		`|` + mon + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)`
	re, err := regexp.Compile(`(?i)(?:^|[^\p{L}])((?:` + longestFirst(labels) + `)\s*[:：]?\s*(?:(?:is|was|es|est|ist|é|è|er)\s+)?` + date + `)`)
	if err != nil {
		return nil, fmt.Errorf("reply: data/personal_data.yaml: birth_labels: %w", err)
	}
	return re, nil
}

// births reports a date of birth written after its label.
func (pd *personalData) births(sc *piiScan) {
	if !sc.mentions(pd.birthLabels) {
		return
	}
	for _, m := range pd.birth.FindAllStringSubmatchIndex(sc.s, -1) {
		if sc.free(m[2], m[3]) {
			sc.add(m[2], m[3], checker.SeverityHigh, "a customer's date of birth")
		}
	}
}
