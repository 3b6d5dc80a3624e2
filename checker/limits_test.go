package checker

import (
	"strings"
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestLanguageLimit: a post in a language with only word lists says what
// was not judged; one in a language with none says nothing was; English,
// Norwegian and short posts say nothing.
func TestLanguageLimit(t *testing.T) {
	for _, c := range []struct{ text, declared, want string }{
		{"Dziękujemy za pomoc, jesteśmy bardzo zadowoleni z wyników", "", "do not cover Polish (pl) beyond profanity"},
		{"Kiitos avusta, olemme todella iloisia tästä", "", "do not cover Finnish (fi) beyond profanity"},
		{"Привет", "ru", "do not cover Russian (ru) beyond profanity and slurs"},
		{"Habari yako, asante sana kwa msaada wako", "sw", "do not cover Swahili (sw): its words were not judged"},
		{"Hallo", "xx-YY", `the language "xx-YY"`},
		{"Takk for hjelpen, vi er glade", "", ""},
		{"Thanks for your help, we are glad", "", ""},
		{"Knull", "", ""},
	} {
		got := languageLimit(text.Analyse(c.text, c.declared), c.declared)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("languageLimit(%q, %q) = %q, want %q", c.text, c.declared, got, c.want)
		}
	}
}
