package text

import "strings"

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

// DetectLanguage guesses whether d is English ("en") or Norwegian ("no"),
// or "" when it cannot tell.
func DetectLanguage(d *Doc) string { return "" }
