package text

import (
	"slices"
	"strings"
)

// Arabic, Persian and Urdu write some of the same letters with different
// code points: the yeh (Arabic ي, Persian and Urdu ی), the kaf (ك, ک) and
// the heh (Arabic and Persian ه; Urdu ہ, and ھ after a consonant it
// aspirates). A name a gazetteer gives in one spelling ("لاهور", Lahore)
// is written in another by a post in another language ("لاہور"). The
// lexicon keeps them apart, as the language model needs them to tell the
// languages; ArabicScriptForms gives a name's spellings instead.

// arabicFold maps each variant letter to the Arabic one.
var arabicFold = strings.NewReplacer(
	"ی", "ي", "ى", "ي", "ے", "ي",
	"ک", "ك",
	"ہ", "ه", "ھ", "ه", "ە", "ه",
)

// persianForm and urduForm write the Arabic letters as those languages do.
var (
	persianForm = strings.NewReplacer("ي", "ی", "ك", "ک")
	urduForm    = strings.NewReplacer("ي", "ی", "ك", "ک", "ه", "ہ")
)

// ArabicScriptForms returns s as Arabic, Persian and Urdu write it, each
// spelling once, when s has a letter they write differently; nil
// otherwise. The Arabic spelling comes first.
func ArabicScriptForms(s string) []string {
	if !strings.ContainsAny(s, "يىےیكکهہھە") {
		return nil
	}
	ar := arabicFold.Replace(s)
	out := []string{ar}
	for _, f := range []string{persianForm.Replace(ar), urduForm.Replace(ar)} {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}
