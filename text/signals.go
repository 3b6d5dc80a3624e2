package text

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed data/vocabulary.yaml
var vocabularyYAML []byte

// Signal names a reading of the vocabulary (data/vocabulary.yaml).
type Signal string

// The signals. Pivot is a cue only.
const (
	SignalPromotional  Signal = "promotional"
	SignalLightHearted Signal = "light_hearted"
	SignalEngagement   Signal = "engagement"
	SignalCondolence   Signal = "condolence"
	SignalCharity      Signal = "charity"
	SignalPersonal     Signal = "personal"
	SignalPivot        Signal = "pivot"
)

// AllSignals lists every signal in documentation order.
var AllSignals = []Signal{SignalPromotional, SignalLightHearted, SignalEngagement, SignalCondolence,
	SignalCharity, SignalPersonal, SignalPivot}

// vocabularyFile is the shape of data/vocabulary.yaml.
type vocabularyFile struct {
	Source  string                      `yaml:"source"`
	Licence string                      `yaml:"licence"`
	Signals map[Signal][]vocabularyItem `yaml:"signals"`
	Cues    map[Signal][]vocabularyItem `yaml:"cues"`
}

// vocabularyItem is a phrase, written bare or as {phrase, lang}.
type vocabularyItem struct{ Entry }

// UnmarshalYAML reads a bare phrase or a {phrase, lang, compound}
// mapping, strictly.
func (v *vocabularyItem) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		v.Phrase = n.Value
		return nil
	}
	var e struct {
		Phrase   string `yaml:"phrase"`
		Lang     string `yaml:"lang"`
		Compound string `yaml:"compound"`
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a vocabulary item is a phrase or {phrase, lang, compound}", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i].Value; k {
		case "phrase", "lang", "compound":
		default:
			return fmt.Errorf("line %d: unknown key %q in a vocabulary item", n.Content[i].Line, k)
		}
	}
	if err := n.Decode(&e); err != nil {
		return err
	}
	v.Phrase, v.Lang, v.Compound = e.Phrase, e.Lang, e.Compound
	return nil
}

// cueTag marks a vocabulary entry that is a cue, not a signal.
const cueTag = "cue"

// vocabulary is every phrase of data/vocabulary.yaml in one lexicon, each
// entry's Value its signal and its Tags ["cue"] for broad readings, so a
// post is read in one pass. It is compiled when a text is first read, not
// when the program starts.
var vocabulary = sync.OnceValue(func() *Lexicon { return mustVocabulary(vocabularyYAML) })

// parseVocabulary decodes the vocabulary strictly and compiles it.
func parseVocabulary(data []byte) (*Lexicon, error) {
	es, err := vocabularyEntries(data)
	if err != nil {
		return nil, err
	}
	return KeepLexicon(es, LexiconOptions{}) // es is made for the lexicon alone
}

// vocabularyEntries are the vocabulary's entries in lexicon order: read
// from data/vocabulary.tsv when that was generated from these very bytes
// (decoding the YAML was most of what reading the first post's tone cost),
// else decoded from the YAML.
func vocabularyEntries(data []byte) ([]Entry, error) {
	if es, ok := compactVocabulary(data, vocabularyTSV); ok {
		return es, nil
	}
	return decodeVocabulary(data)
}

// decodeVocabulary decodes the vocabulary's YAML strictly into entries in
// lexicon order.
func decodeVocabulary(data []byte) ([]Entry, error) {
	var f vocabularyFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, err
	}
	if f.Source == "" || f.Licence == "" {
		return nil, fmt.Errorf("source and licence are required")
	}
	var all []Entry
	for _, part := range []struct {
		lists map[Signal][]vocabularyItem
		tags  []string
	}{{f.Signals, nil}, {f.Cues, []string{cueTag}}} {
		for name, items := range part.lists {
			if !slices.Contains(AllSignals, name) {
				return nil, fmt.Errorf("unknown signal %q", name)
			}
			for _, it := range items {
				e := it.Entry
				e.Value, e.Tags = string(name), part.tags
				all = append(all, e)
			}
		}
	}
	// Map order must not decide which of two equal matches comes first.
	// The entries are sorted by index: moving an index is cheaper than
	// moving an Entry.
	order := make([]int32, len(all))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return compareJoined(all[a].Value, all[a].Phrase, all[b].Value, all[b].Phrase)
	})
	sorted := make([]Entry, len(all))
	for i, k := range order {
		sorted[i] = all[k]
	}
	return sorted, nil
}

// compareJoined compares a1+a2 with b1+b2 without building either.
func compareJoined(a1, a2, b1, b2 string) int {
	for i := 0; ; i++ {
		ca, oka := byteAt(a1, a2, i)
		cb, okb := byteAt(b1, b2, i)
		switch {
		case !oka && !okb:
			return 0
		case !oka:
			return -1
		case !okb:
			return 1
		case ca != cb:
			return int(ca) - int(cb)
		}
	}
}

// byteAt is byte i of s1+s2.
func byteAt(s1, s2 string, i int) (byte, bool) {
	if i < len(s1) {
		return s1[i], true
	}
	if i -= len(s1); i < len(s2) {
		return s2[i], true
	}
	return 0, false
}

func mustVocabulary(data []byte) *Lexicon {
	l, err := parseVocabulary(data)
	if err != nil {
		panic("text: bad embedded vocabulary.yaml: " + err.Error())
	}
	return l
}

// discountWords follow a percentage or an amount in a discount:
// "30% off", "20 % rabatt", "$10 off".
var discountWords = map[string]bool{"off": true, "rabatt": true, "avslag": true, "billigere": true, "discount": true}

// discounts finds percentages and amounts written as discounts: "30% off",
// "-20%", "20 % rabatt", "$10 off", "up to 50%", "opptil 50 %".
func discounts(d *Doc, out []Span) []Span {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind == Word {
			out = zheDiscounts(d, t, out)
			continue
		}
		if t.Kind != Number {
			continue
		}
		// What stands right before and after the number.
		k := t.End
		for k < len(d.runes) && d.runes[k] == ' ' {
			k++
		}
		percent := k < len(d.runes) && isPercent(d.runes[k])
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

// zheDiscounts finds the Chinese way of writing a discount inside a run
// of Han letters: the price paid in tenths, one or two digits before 折
// ("全面5折", "享85折": 50% and 15% off).
func zheDiscounts(d *Doc, t *Token, out []Span) []Span {
	if !strings.ContainsRune(t.Raw, '折') {
		return out
	}
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }
	for j := t.Start + 1; j < t.End && j < len(d.runes); j++ {
		if d.runes[j] != '折' || !isDigit(d.runes[j-1]) {
			continue
		}
		k := j - 1
		if k > t.Start && isDigit(d.runes[k-1]) {
			k--
		}
		if k > t.Start && isDigit(d.runes[k-1]) {
			continue // three digits or more: a count, not tenths
		}
		out = append(out, Span{k, j + 1})
	}
	return out
}

// shopPath marks a link to a shop, a product or a checkout.
var shopPath = []string{"shop", "store", "butikk", "product", "produkt", "cart", "checkout", "kasse", "buy", "kjop", "sale", "salg", "deal", "promo", "coupon", "tilbud", "rabatt", "order"}

// readSignals finds the post-level signals (strong) and cues (broad:
// the signals plus the cue phrases) in one pass over the vocabulary.
func readSignals(d *Doc) (Signals, Signals) {
	var s, c Signals
	all := vocabulary().FindShared(d)
	for _, sig := range AllSignals {
		// Per signal, the leftmost-longest matches; by span, as words
		// found inside one run of Japanese or Chinese letters share
		// their token.
		strongNext, cueNext := 0, 0
		for _, m := range all {
			if Signal(m.Entry.Value) != sig {
				continue
			}
			if len(m.Entry.Tags) == 0 && m.Start >= strongNext {
				*s.of(sig) = append(*s.of(sig), m.Span)
				strongNext = m.End
			}
			if m.Start >= cueNext {
				*c.of(sig) = append(*c.of(sig), m.Span)
				cueNext = m.End
			}
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
	s.Promotional = halted(d, dedupe(s.Promotional))
	s.LightHearted = dedupe(s.LightHearted)
	// The cues hold every signal span too, and percentages ("30 %").
	c.Promotional = halted(d, dedupe(append(append(append(c.Promotional, s.Promotional...), percentages(d)...), prices(d)...)))
	c.LightHearted = dedupe(append(c.LightHearted, s.LightHearted...))
	return s, c
}

// haltWords, up to three words before a word of selling, say the selling
// has stopped: "we have paused all promotions", "postponed our sale".
var haltWords = map[string]bool{"paused": true, "pausing": true, "suspended": true, "suspending": true,
	"halted": true, "halting": true, "stopped": true, "stopping": true, "cancelled": true, "canceled": true,
	"cancelling": true, "postponed": true, "postponing": true, "pausado": true, "pausadas": true, "pausamos": true,
	"suspendido": true, "suspendidas": true, "suspendimos": true, "suspendu": true, "suspendues": true,
	"suspendons": true, "annulé": true, "pausiert": true, "ausgesetzt": true, "sospeso": true, "sospese": true,
	"suspensas": true, "suspendemos": true, "gepauzeerd": true, "opgeschort": true}

// halted drops the selling words that a word before them says are
// stopped. Spans are in order of their start, and so are the tokens, so
// one pass over both is enough.
func halted(d *Doc, spans []Span) []Span {
	if len(spans) == 0 {
		return spans
	}
	out := spans[:0]
	ti := 0
	for _, sp := range spans {
		for ti < len(d.Tokens) && d.Tokens[ti].Start < sp.Start {
			ti++
		}
		stop := false
		for k := ti - 1; k >= 0 && k >= ti-3; k-- {
			if haltWords[d.Tokens[k].Norm] {
				stop = true
				break
			}
		}
		if !stop {
			out = append(out, sp)
		}
	}
	return out
}

// isPercent reports a percent sign: ASCII, full-width or Arabic (٪).
func isPercent(r rune) bool { return r == '%' || r == '％' || r == '٪' }

// percentages finds numbers written as percentages ("30%", "40 %"): an
// offer on a day where any offer matters.
func percentages(d *Doc) []Span {
	var out []Span
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Number {
			continue
		}
		k := t.End
		for k < len(d.runes) && d.runes[k] == ' ' {
			k++
		}
		if k < len(d.runes) && isPercent(d.runes[k]) {
			out = append(out, Span{t.Start, k + 1})
			continue
		}
		// Turkish writes the sign first: "%30 indirim".
		if t.Start > 0 && isPercent(d.runes[t.Start-1]) {
			out = append(out, Span{t.Start - 1, t.End})
		}
	}
	return out
}

//go:embed data/prices.yaml
var pricesYAML []byte

// priceWords is data/prices.yaml: the currency signs and the words before
// an asking price. Read when a post first holds a number.
type priceWords struct {
	Source  string   `yaml:"source"`
	Licence string   `yaml:"licence"`
	Signs   string   `yaml:"signs"`
	Leads   []string `yaml:"leads"`
	// Units are currency names written as words after the amount
	// ("19 riyals", "199 ribu"), lower case.
	Units []string `yaml:"units"`
	// AmountUnits and Prefixes make an amount a price with no word before
	// it (Amounts): codes and names after it, letters before or glued.
	AmountUnits []string `yaml:"amount_units"`
	Prefixes    []string `yaml:"prefixes"`
	leads       map[string]bool
	units       map[string]bool
	amountUnits map[string]bool
	prefixes    map[string]bool
}

var pricing = sync.OnceValue(func() *priceWords {
	var pw priceWords
	if err := decodeStrict(pricesYAML, &pw); err != nil || pw.Signs == "" || len(pw.Leads) == 0 {
		panic(fmt.Sprintf("text: bad embedded prices.yaml: %v", err))
	}
	set := func(ws []string) map[string]bool {
		m := make(map[string]bool, len(ws))
		for _, w := range ws {
			m[w] = true
		}
		return m
	}
	pw.leads, pw.units, pw.amountUnits, pw.prefixes = set(pw.Leads), set(pw.Units), set(pw.AmountUnits), set(pw.Prefixes)
	return &pw
})

// prices finds numbers written as asking prices ("from $9", "only £ 5",
// "ab 10€", "mulai 199 ribu"): a post that names one sells, on a day where any offer
// matters. A sum raised or given ("we raised $12,000") is not one.
func prices(d *Doc) []Span {
	var out []Span
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != Number || i == 0 || !pricing().leads[d.Tokens[i-1].Norm] {
			continue
		}
		j := t.Start
		for j > 0 && d.runes[j-1] == ' ' && t.Start-j < 1 {
			j--
		}
		if j > 0 && strings.ContainsRune(pricing().Signs, d.runes[j-1]) {
			out = append(out, Span{j - 1, t.End})
			continue
		}
		k := t.End
		for k < len(d.runes) && d.runes[k] == ' ' && k-t.End < 1 {
			k++
		}
		if k < len(d.runes) && strings.ContainsRune(pricing().Signs, d.runes[k]) {
			out = append(out, Span{t.Start, k + 1})
			continue
		}
		if i+1 < len(d.Tokens) && d.Tokens[i+1].Kind == Word && pricing().units[d.Tokens[i+1].Norm] {
			out = append(out, Span{t.Start, d.Tokens[i+1].End})
		}
	}
	return out
}

// Amounts finds numbers written with their currency, whatever stands
// before them ("$9", "13 €", "12 DT", "Rp 50.000", "RM9.90"; data/prices.yaml):
// unlike the asking prices among the promotional cues, which need a word
// such as "from" or "only", a sum raised for a cause is one too, so a rule
// that reads these as offers checks the charity cues itself.
func Amounts(d *Doc) []Span {
	pw := pricing()
	sign := func(k int) bool { return k >= 0 && k < len(d.runes) && strings.ContainsRune(pw.Signs, d.runes[k]) }
	space := func(k int) bool {
		return k >= 0 && k < len(d.runes) && (d.runes[k] == ' ' || d.runes[k] == '\u00a0' || d.runes[k] == '\u202f')
	}
	var out []Span
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind == Word && gluedAmount(t.Norm, pw.prefixes) {
			out = append(out, t.Span)
			continue
		}
		if t.Kind != Number {
			continue
		}
		k := t.Start - 1
		if space(k) {
			k--
		}
		switch after := t.End; {
		case sign(k):
			out = append(out, Span{k, t.End})
		case i+1 < len(d.Tokens) && pw.amountUnits[d.Tokens[i+1].Norm] && !d.Tokens[i+1].SentenceStart:
			out = append(out, Span{t.Start, d.Tokens[i+1].End})
		case sign(after) || space(after) && sign(after+1):
			if !sign(after) {
				after++
			}
			out = append(out, Span{t.Start, after + 1})
		case i > 0 && pw.prefixes[d.Tokens[i-1].Norm] && d.Tokens[i-1].End >= t.Start-1:
			out = append(out, Span{d.Tokens[i-1].Start, t.End})
		}
	}
	return out
}

// gluedAmount reports whether a word is a currency's letters written
// straight before an amount ("rm9.90", "rp50.000").
func gluedAmount(w string, prefixes map[string]bool) bool {
	for i := 0; i < len(w) && i <= 3; i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return i >= 2 && prefixes[w[:i]]
		}
	}
	return false
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
