package text

import (
	_ "embed"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/signals.yaml
var signalsYAML []byte

// signalLexicons are the built-in signal phrases (data/signals.yaml).
var signalLexicons = func() map[string]*Lexicon {
	var lists map[string][]string
	if err := yaml.Unmarshal(signalsYAML, &lists); err != nil {
		panic("text: bad embedded signals.yaml: " + err.Error())
	}
	m := map[string]*Lexicon{}
	for name, ps := range lists {
		m[name] = MustLexicon(Phrases(ps...))
	}
	return m
}()

// SignalLexicon returns the built-in lexicon of a signal ("promotional",
// "light_hearted", "engagement", "condolence"), or nil; rules may use it to
// quote the phrase that gave a signal.
func SignalLexicon(name string) *Lexicon { return signalLexicons[name] }

var (
	// percentOff finds discounts written with symbols: "30% off", "-20%",
	// "20 % rabatt", "$10 off", "50,- kr".
	percentOff = regexp.MustCompile(`(?i)(?:\d+\s?%\s?(?:off|rabatt|avslag|billigere)\b|(?:^|\s)-\s?\d+\s?%|[$€£]\s?\d+(?:[.,]\d+)?\s?off\b|\bup to \d+\s?%|\bopptil \d+\s?%)`)
	// exclaimBaby is "…, baby!": celebratory.
	exclaimBaby = regexp.MustCompile(`(?i)\bbaby\s*!`)
)

// shopPath marks a link to a shop, a product or a checkout.
var shopPath = []string{"shop", "store", "butikk", "product", "produkt", "cart", "checkout", "kasse", "buy", "kjop", "sale", "salg", "deal", "promo", "coupon", "tilbud", "rabatt", "order"}

// readSignals finds the post-level signals.
func readSignals(d *Doc) Signals {
	var s Signals
	add := func(dst *[]Span, ms []Match) {
		for _, m := range ms {
			*dst = append(*dst, m.Span)
		}
	}
	add(&s.Promotional, signalLexicons["promotional"].FindLongest(d))
	add(&s.LightHearted, signalLexicons["light_hearted"].FindLongest(d))
	add(&s.Engagement, signalLexicons["engagement"].FindLongest(d))
	add(&s.Condolence, signalLexicons["condolence"].FindLongest(d))
	for _, m := range percentOff.FindAllStringIndex(d.Raw, -1) {
		a, b := m[0], m[1]
		for a < b && (d.Raw[a] == ' ' || d.Raw[a] == '\t' || d.Raw[a] == '\n') {
			a++
		}
		s.Promotional = append(s.Promotional, d.RuneSpan(a, b))
	}
	for _, m := range exclaimBaby.FindAllStringIndex(d.Raw, -1) {
		s.LightHearted = append(s.LightHearted, d.RuneSpan(m[0], m[1]))
	}
	for _, u := range d.URLs {
		low := strings.ToLower(u.Text)
		if i := strings.IndexByte(low, '/'); i >= 0 {
			// Look at the path and the host's words, not the scheme.
			low = strings.TrimPrefix(strings.TrimPrefix(low, "https://"), "http://")
		}
		for _, w := range shopPath {
			if containsWord(low, w) {
				s.Promotional = append(s.Promotional, u.Span)
				break
			}
		}
	}
	return s
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if (a == 0 || !isASCIILetter(rune(s[a-1]))) && (b == len(s) || !isASCIILetter(rune(s[b])) || s[b] == 's') {
			return true
		}
		i = a + 1
	}
}
