package text

import (
	_ "embed"
	"slices"
	"strings"
)

//go:embed data/signals.yaml
var signalsYAML []byte

// signalNames are the signals in data/signals.yaml.
var signalNames = []string{"promotional", "light_hearted", "engagement", "condolence"}

// signalLexicons are the built-in signal phrases (data/signals.yaml), one
// lexicon per signal for callers, and allSignals, every phrase tagged with
// its signal, so that a post is read in one pass.
var signalLexicons, allSignals = func() (map[string]*Lexicon, *Lexicon) {
	var f struct {
		Source       string   `yaml:"source"`
		Licence      string   `yaml:"licence"`
		Promotional  []string `yaml:"promotional"`
		LightHearted []string `yaml:"light_hearted"`
		Engagement   []string `yaml:"engagement"`
		Condolence   []string `yaml:"condolence"`
	}
	if err := decodeStrict(signalsYAML, &f); err != nil {
		panic("text: bad embedded signals.yaml: " + err.Error())
	}
	lists := map[string][]string{"promotional": f.Promotional, "light_hearted": f.LightHearted,
		"engagement": f.Engagement, "condolence": f.Condolence}
	m := map[string]*Lexicon{}
	var all []Entry
	for _, name := range signalNames {
		m[name] = MustLexicon(Phrases(lists[name]...))
		for _, p := range lists[name] {
			all = append(all, Entry{Phrase: p, Value: name})
		}
	}
	return m, MustLexicon(all)
}()

// SignalLexicon returns the built-in lexicon of a signal ("promotional",
// "light_hearted", "engagement", "condolence"), or nil; rules may use it to
// quote the phrase that gave a signal.
func SignalLexicon(name string) *Lexicon { return signalLexicons[name] }

// discountWords follow a percentage or an amount in a discount:
// "30% off", "20 % rabatt", "$10 off".
var discountWords = map[string]bool{"off": true, "rabatt": true, "avslag": true, "billigere": true, "discount": true}

// discounts finds percentages and amounts written as discounts: "30% off",
// "-20%", "20 % rabatt", "$10 off", "up to 50%", "opptil 50 %".
func discounts(d *Doc, out []Span) []Span {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Number {
			continue
		}
		// What stands right before and after the number.
		k := t.End
		for k < len(d.runes) && d.runes[k] == ' ' {
			k++
		}
		percent := k < len(d.runes) && (d.runes[k] == '%' || d.runes[k] == '％')
		before := rune(0)
		if t.Start > 0 {
			before = d.runes[t.Start-1]
		}
		currency := before == '$' || before == '€' || before == '£'
		next := ""
		if i+1 < len(d.Tokens) && !d.Tokens[i+1].SentenceStart {
			next = d.Tokens[i+1].Norm
		}
		switch {
		case (percent || currency) && discountWords[next]:
			out = append(out, Span{t.Start, d.Tokens[i+1].End})
		case percent && before == '-' && (t.Start < 2 || d.runes[t.Start-2] == ' ' || d.runes[t.Start-2] == '\n'):
			out = append(out, Span{t.Start - 1, k + 1})
		case percent && i >= 1 && (d.Tokens[i-1].Norm == "opptil" || i >= 2 && d.Tokens[i-1].Norm == "to" && d.Tokens[i-2].Norm == "up"):
			out = append(out, Span{d.Tokens[i-1].Start, k + 1})
		}
	}
	return out
}

// shopPath marks a link to a shop, a product or a checkout.
var shopPath = []string{"shop", "store", "butikk", "product", "produkt", "cart", "checkout", "kasse", "buy", "kjop", "sale", "salg", "deal", "promo", "coupon", "tilbud", "rabatt", "order"}

// readSignals finds the post-level signals.
func readSignals(d *Doc) Signals {
	var s Signals
	// One pass over every phrase; then, per signal, the leftmost-longest
	// matches.
	all := allSignals.Find(d)
	for _, sig := range []struct {
		name string
		dst  *[]Span
	}{{"promotional", &s.Promotional}, {"light_hearted", &s.LightHearted}, {"engagement", &s.Engagement}, {"condolence", &s.Condolence}} {
		next := 0
		for _, m := range all {
			if m.Entry.Value != sig.name || m.First < next {
				continue
			}
			*sig.dst = append(*sig.dst, m.Span)
			next = m.Last + 1
		}
	}
	s.Promotional = discounts(d, s.Promotional)
	// "…, baby!" is celebratory.
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Norm == "baby" {
			k := t.End
			for k < len(d.runes) && d.runes[k] == ' ' {
				k++
			}
			if k < len(d.runes) && d.runes[k] == '!' {
				s.LightHearted = append(s.LightHearted, Span{t.Start, k + 1})
			}
		}
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
	s.Promotional = dedupe(s.Promotional)
	s.LightHearted = dedupe(s.LightHearted)
	return s
}

// dedupe sorts spans and drops repeats and spans inside an earlier one.
func dedupe(ss []Span) []Span {
	if len(ss) < 2 {
		return ss
	}
	slices.SortFunc(ss, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := ss[:1]
	for _, x := range ss[1:] {
		if last := out[len(out)-1]; x.Start >= last.Start && x.End <= last.End {
			continue
		}
		out = append(out, x)
	}
	return out
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
