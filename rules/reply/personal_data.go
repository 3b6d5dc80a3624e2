package reply

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// PersonalDataOptions tunes the personal-data rule.
type PersonalDataOptions struct {
	// BusinessEmails are the brand's own addresses or domains
	// ("help@example.com", "example.com"); they are never reported.
	BusinessEmails []string `yaml:"business_emails"`
	// BusinessPhones are the brand's own numbers, digits only or as
	// written; they are never reported.
	BusinessPhones []string `yaml:"business_phones"`
}

// personalDataWords is data/personal_data.yaml.
type personalDataWords struct {
	Source           string                 `yaml:"source"`
	Licence          string                 `yaml:"licence"`
	StreetWordsEN    []string               `yaml:"street_words_en"`
	StreetSuffixesNO []string               `yaml:"street_suffixes_no"`
	StreetWordsNO    []string               `yaml:"street_words_no"`
	NumberLabels     []string               `yaml:"number_labels"`
	RoleMailboxes    []string               `yaml:"role_mailboxes"`
	BusinessCues     []string               `yaml:"business_cues"`
	CustomerCues     []string               `yaml:"customer_cues"`
	BusinessPrefixes []string               `yaml:"business_prefixes"`
	AddressCues      []string               `yaml:"address_business_cues"`
	CardExemptCues   []string               `yaml:"card_exempt_cues"`
	IDLabels         map[string][]string    `yaml:"id_labels"`
	IBANLengths      map[string]int         `yaml:"iban_lengths"`
	BirthLabels      []string               `yaml:"birth_labels"`
	Months           []string               `yaml:"months"`
	Streets          map[string]streetWords `yaml:"streets"`
	NotStreetNames   []string               `yaml:"not_street_names"`
	NumberUnits      []string               `yaml:"number_units"`
	OwnCues          []string               `yaml:"own_cues"`
	YourCues         []string               `yaml:"your_cues"`
}

// personalData holds the compiled patterns.
type personalData struct {
	email, phone, phoneBare, card, last4, addrEN, addrNO, number *regexp.Regexp
	phoneNational                                                *regexp.Regexp
	roles                                                        map[string]bool
	businessCues, customerCues, prefixes                         []string
	businessEmails                                               []string
	businessPhones                                               map[string]bool
	streetNO                                                     []string // suffixes and words, for a quick test
	addressCues                                                  []string
	cardExempt                                                   []string
	idLabels                                                     map[string][]string
	ibanLengths                                                  map[string]int
	birth                                                        *regexp.Regexp
	birthLabels                                                  []string
	streets                                                      []streetShape
	notStreetNames, numberUnits                                  map[string]bool
	ownCues, yourCues                                            []string
}

func alternation(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(q, "|")
}

func newPersonalData(o PersonalDataOptions) (*personalData, error) {
	var w personalDataWords
	if err := readFile("personal_data.yaml", &w); err != nil {
		return nil, err
	}
	pd := &personalData{
		email: regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`),
		// International (+CC ...), North American ((415) 555-0199, 415.555.0199,
		// 1-415-555-0199), UK (020 7946 0958, 07700 900123), Norwegian
		// (412 34 567, 41 23 45 67) and the national forms below.
		phone: regexp.MustCompile(`(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}` +
			`|(?:\b1[\s.-])?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}` +
			`|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}` +
			`|\b[2-9]\d{2}\s\d{2}\s\d{3}|\b[2-9]\d\s\d{2}\s\d{2}\s\d{2})\b`),
		// Brazilian ((11) 91234-5678), French (06 12 34 56 78), Spanish
		// (612 34 56 78), Indian (98765 43210) and Dutch (06-12345678)
		// forms, and a trunk 0 with an area or mobile code before groups
		// of three, two and two (Turkish 0532 418 77 90, Swedish
		// 070-123 45 67, Polish and German alike), with or without the
		// country code, tried when the digits are grouped their way.
		phoneNational: regexp.MustCompile(`(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2}\)\s?9?\d{4}-?\d{4}|\b0[1-9](?:[\s.]\d{2}){4}|\b[6-9]\d{2}(?:\s\d{2}){3}` +
			`|\b[6-9]\d{4}\s\d{5}|\b06-?\d{8}|\b0\d{2,3}[\s-]\d{3}(?:[\s-]\d{2}){2})\b`),
		// Unformatted numbers (Norwegian mobiles 4xxxxxxx/9xxxxxxx, North
		// American ten digits, Chinese mobiles 1[3-9] and nine more) count
		// only after words such as "we texted" or "your number".
		phoneBare: regexp.MustCompile(`\b(?:\+?47)?[49]\d{7}\b|\b1?[2-9]\d{9}\b|\b1[3-9]\d{9}\b`),
		card:      regexp.MustCompile(`\b\d(?:[ -]?\d){12,18}\b`),
		last4:     regexp.MustCompile(`(?i)(?:\b(?:card|visa|mastercard|amex|debit|credit|kort|kortet)\b[^.\n]{0,30}?\b(?:ending|ends|ending in|ends in|ending with|last (?:4|four)(?: digits)?|slutter på)|\blast (?:4|four) digits(?: of your card)?|[x*•]{4}[\s-]?)\s*(?:in|with|on|of|is|:|#)?\s*[#:]?\s*(\d{4})\b`),
		addrEN:    regexp.MustCompile(`\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'’.-]*\s+){1,3}(?:` + alternation(w.StreetWordsEN) + `)\b`),
		addrNO: regexp.MustCompile(`\b(?:[A-ZÆØÅ][a-zæøåé]+(?:` + alternation(w.StreetSuffixesNO) + `)|(?:[A-ZÆØÅ][a-zæøåé]+\s+){1,2}(?:` +
			alternation(w.StreetWordsNO) + `))\s+\d{1,4}(?:[A-Za-z]|\s[A-Z])?\b`),
		number: regexp.MustCompile(`(?i)\b(?:` + alternation(w.NumberLabels) + `)\s*(?:number|no\.?|num|nr\.?|id|nummer)?\s*(?:is|er|:)?\s*#?\s*:?\s*([A-Z0-9][A-Z0-9-]{4,})\b`),
		roles:  map[string]bool{}, businessCues: lowerAll(w.BusinessCues), customerCues: lowerAll(w.CustomerCues),
		prefixes: w.BusinessPrefixes, businessPhones: map[string]bool{},
	}
	// The cues are compared with the lower-cased words before a number.
	pd.addressCues, pd.cardExempt = lowerAll(w.AddressCues), lowerAll(w.CardExemptCues)
	if err := checkIDLabels(w.IDLabels); err != nil {
		return nil, err
	}
	pd.idLabels, pd.ibanLengths = map[string][]string{}, w.IBANLengths
	for k, ls := range w.IDLabels {
		pd.idLabels[k] = lowerAll(ls)
	}
	var err error
	pd.birthLabels = lowerAll(w.BirthLabels)
	if pd.birth, err = birthPattern(w.BirthLabels, w.Months); err != nil {
		return nil, err
	}
	if pd.streets, err = streetShapes(w.Streets); err != nil {
		return nil, err
	}
	pd.notStreetNames, pd.numberUnits = wordSet(w.NotStreetNames), wordSet(w.NumberUnits)
	pd.ownCues, pd.yourCues = lowerAll(w.OwnCues), lowerAll(w.YourCues)
	pd.streetNO = append(append(pd.streetNO, w.StreetSuffixesNO...), w.StreetWordsNO...)
	for _, r := range w.RoleMailboxes {
		pd.roles[strings.ToLower(r)] = true
	}
	for _, e := range o.BusinessEmails {
		pd.businessEmails = append(pd.businessEmails, strings.ToLower(strings.TrimSpace(e)))
	}
	for _, ph := range o.BusinessPhones {
		pd.businessPhones[digits(ph)] = true
	}
	return pd, nil
}

// wordSet is the lower-cased words of ws as a set.
func wordSet(ws []string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[strings.ToLower(w)] = true
	}
	return m
}

// lowerAll returns ws lower-cased.
func lowerAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// personalDataRule reports a customer's personal data in a public reply:
// e-mail addresses, phone numbers, card numbers (Luhn-checked), the last
// four digits of a card, national ID and tax numbers and IBANs (each by its
// own check digits) are critical; street addresses, dates of birth and
// order or account numbers are high. The brand's own support addresses and toll-free lines
// are not customer data and pass.
func personalDataRule(o Options) (*checker.Rule, error) {
	// The patterns are built on the rule's first run (the options cannot
	// be wrong: addresses and numbers the brand owns).
	patterns := sync.OnceValues(func() (*personalData, error) { return newPersonalData(o.PersonalData) })
	return &checker.Rule{
		ID:       "reply.personal_data",
		Category: checker.CategoryReply,
		Title:    "Customer's personal data in a public reply",
		Doc: "Repeating a customer's e-mail, phone number, card digits, ID or tax number, bank account, address, " +
			"date of birth or order number in a public reply " +
			"exposes them to fraud and harassment and can breach data-protection law (GDPR, CCPA).",
		Fix:   "Remove the data and continue the conversation in DM.",
		Since: since,
		Kinds: replyOnly,
		Run: func(p *checker.Pass) error {
			pd, err := patterns()
			if err != nil {
				return err
			}
			hits := pd.find(p.Doc)
			if len(hits) == 0 {
				hits = pd.findFolded(p.Doc)
			}
			for _, f := range hits {
				p.ReportSpan(f.span, f.finding)
			}
			return nil
		},
		Load: func() error {
			_, err := patterns()
			return err
		},
	}, nil
}

type piiHit struct {
	span    text.Span
	finding checker.Finding
}

const dmSuggestion = "Remove it and take the conversation to DM: \"We've sent you a DM so we can sort this out privately.\""

// find returns the personal data in d, at most one finding per stretch of
// text (a card number is not also reported as a phone number). The steps:
// blank the links and mentions, take the e-mail addresses, profile the
// digits once, then try the digit patterns most specific first (cards, the
// last four of a card, order numbers, phones) and street addresses.
func (pd *personalData) find(d *text.Doc) []piiHit {
	if !strings.ContainsAny(d.Raw, "0123456789@") {
		return nil
	}
	sc := &piiScan{d: d, raw: d.Raw, masked: []byte(d.Raw)}
	// Mentions and links are blanked byte for byte, so offsets hold: @12345
	// is a handle and a URL path is not a phone number. They are the text
	// analysis' entities, as twitter-text extracts them.
	blankEntities(sc.masked, d)
	pd.emails(sc)
	prof := profileDigits(sc.masked)
	if prof.digits == 0 {
		return sc.out
	}
	sc.s = string(sc.masked)
	pd.ids(sc, prof)
	pd.cards(sc, prof)
	pd.numbers(sc, prof)
	pd.births(sc)
	pd.phones(sc, prof)
	pd.addresses(sc)
	return sc.out
}

// piiScan is one text being searched: the raw text, its copy with links,
// mentions and found addresses blanked, the stretches already taken and
// the hits so far.
type piiScan struct {
	d      *text.Doc
	raw    string
	masked []byte
	s      string // masked as a string, for the patterns
	lower  string // s lower-cased, made on first use
	taken  []bool // by byte: taken by a hit or a number known to be harmless; made on first use
	out    []piiHit
}

// mentions reports whether any of the lower-case words occurs in the
// text: a cheap test before a pattern that needs one of them.
func (sc *piiScan) mentions(words []string) bool {
	if sc.lower == "" {
		sc.lower = strings.ToLower(sc.s)
	}
	for _, w := range words {
		if strings.Contains(sc.lower, w) {
			return true
		}
	}
	return false
}

// free reports whether no byte of [a, b) is taken. It reads only those
// bytes, so a reply with thousands of hits stays linear: each pattern's
// matches do not overlap one another.
func (sc *piiScan) free(a, b int) bool {
	if sc.taken == nil {
		return true
	}
	return !slices.Contains(sc.taken[max(a, 0):max(b, a, 0)], true)
}

// take marks the bytes [a, b) as taken: later patterns skip them.
func (sc *piiScan) take(a, b int) {
	if sc.taken == nil {
		sc.taken = make([]bool, len(sc.raw))
	}
	for i := max(a, 0); i < b; i++ {
		sc.taken[i] = true
	}
}

// add reports the bytes [a, b) as what and takes them.
func (sc *piiScan) add(a, b int, sev checker.Severity, what string) {
	sc.take(a, b)
	sc.out = append(sc.out, piiHit{span: sc.d.RuneSpan(a, b), finding: checker.Finding{Severity: sev, Suggestion: dmSuggestion,
		Message: fmt.Sprintf("%q looks like %s, posted in public.", sc.raw[a:b], what)}})
}

// emails reports customers' e-mail addresses and blanks every address:
// they contain mention-like "@" and digits.
func (pd *personalData) emails(sc *piiScan) {
	if bytes.IndexByte(sc.masked, '@') < 0 { // no '@' left that is not a mention
		return
	}
	for _, m := range pd.email.FindAllStringIndex(sc.raw, -1) {
		addr := strings.ToLower(sc.raw[m[0]:m[1]])
		if pd.businessEmail(addr) {
			sc.take(m[0], m[1])
			continue
		}
		for i := m[0]; i < m[1]; i++ {
			sc.masked[i] = ' '
		}
		sc.add(m[0], m[1], checker.SeverityCritical, "a customer's e-mail address")
	}
}

// digitProfile says which digit patterns a text can match, counted once:
// longest is the most digits in a run that may hold separators (phones,
// cards); wordDigits the most in one word (order numbers); four whether a
// run of exactly four digits occurs (the last four of a card).
type digitProfile struct {
	digits, longest, wordDigits int
	four                        bool
}

func profileDigits(masked []byte) digitProfile {
	var p digitProfile
	run, pure, word := 0, 0, 0
	for _, c := range masked {
		if c >= '0' && c <= '9' {
			p.digits++
			run++
			pure++
			word++
			p.longest = max(p.longest, run)
			p.wordDigits = max(p.wordDigits, word)
			continue
		}
		p.four = p.four || pure == 4
		pure = 0
		if !(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
			run = 0
		}
		if !(c == '-' || isASCIILetter(c)) {
			word = 0
		}
	}
	p.four = p.four || pure == 4
	return p
}

// cards reports payment card numbers (Luhn-valid) and the last four
// digits of a card named as such.
func (pd *personalData) cards(sc *piiScan, prof digitProfile) {
	s := sc.s
	for _, m := range pd.findAll(pd.card, s, prof.longest >= 13) {
		if ds := digits(s[m[0]:m[1]]); len(ds) >= 13 && len(ds) <= 19 && luhn(ds) && sc.free(m[0], m[1]) && !pd.cardExemptAt(s, m[0]) {
			sc.add(m[0], m[1], checker.SeverityCritical, "a payment card number")
		}
	}
	for _, m := range pd.findAllSub(pd.last4, s, prof.four && pd.cardWords(s)) {
		if sc.free(m[2], m[3]) {
			sc.add(m[0], m[1], checker.SeverityCritical, "the last digits of a customer's payment card")
		}
	}
}

// numbers reports order and account numbers.
func (pd *personalData) numbers(sc *piiScan, prof digitProfile) {
	s := sc.s
	for _, m := range pd.findAllSub(pd.number, s, prof.wordDigits >= 5) {
		if n := len(digits(s[m[2]:m[3]])); n >= 5 && sc.free(m[0], m[1]) {
			sc.add(m[0], m[1], checker.SeverityHigh, "a customer's order or account number")
		}
	}
}

// phones reports customers' phone numbers: written as phone numbers and
// not the business's, or bare digits a phone word marks as the customer's.
func (pd *personalData) phones(sc *piiScan, prof digitProfile) {
	s := sc.s
	// The national forms are the more specific: they go first, so "06 52 34
	// 56 78" is not read as the Norwegian "52 34 56 78".
	ms := pd.findAll(pd.phoneNational, s, prof.longest >= 8 && nationalPhoneShape(sc.masked))
	ms = append(ms, pd.findAll(pd.phone, s, prof.longest >= 8)...)
	for _, m := range ms {
		if !sc.free(m[0], m[1]) || pd.businessPhone(s, m[0], m[1]) {
			continue
		}
		if n := len(digits(s[m[0]:m[1]])); n < 8 || n > 15 {
			continue
		}
		sc.add(m[0], m[1], checker.SeverityCritical, "a customer's phone number")
	}
	for _, m := range pd.findAll(pd.phoneBare, s, prof.longest >= 8) {
		if sc.free(m[0], m[1]) && pd.customerPhone(s, m[0]) {
			sc.add(m[0], m[1], checker.SeverityCritical, "a customer's phone number")
		}
	}
}

// addresses reports street addresses, English and Norwegian, that are not
// the business's.
func (pd *personalData) addresses(sc *piiScan) {
	s := sc.s
	for _, re := range []*regexp.Regexp{pd.addrEN, pd.addrNO} {
		possible := re == pd.addrEN && numberThenCapital(sc.masked) || re == pd.addrNO && wordThenNumber(sc.masked) && pd.norwegianStreet(s)
		for _, m := range pd.findAll(re, s, possible) {
			if sc.free(m[0], m[1]) && !pd.businessAddress(s, m[0]) {
				sc.add(m[0], m[1], checker.SeverityHigh, "a street address")
			}
		}
	}
	pd.worldAddresses(sc)
	pd.scriptAddresses(sc)
}

func (pd *personalData) findAll(re *regexp.Regexp, s string, possible bool) [][]int {
	if !possible {
		return nil
	}
	return re.FindAllStringIndex(s, -1)
}

func (pd *personalData) findAllSub(re *regexp.Regexp, s string, possible bool) [][]int {
	if !possible {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

// nationalPhoneShape reports whether b groups digits the way the national
// phone forms do: pairs between spaces or dots (06 12 34 56 78), two
// digits in brackets ((11) 9...), five and five (98765 43210), or a
// Dutch mobile (06-12345678).
func nationalPhoneShape(b []byte) bool {
	isDigit := func(i int) bool { return i >= 0 && i < len(b) && b[i] >= '0' && b[i] <= '9' }
	for i := 0; i < len(b); {
		if !isDigit(i) {
			i++
			continue
		}
		j := i
		for isDigit(j) {
			j++
		}
		n, before, after := j-i, byte(' '), byte(' ')
		if i > 0 {
			before = b[i-1]
		}
		if j < len(b) {
			after = b[j]
		}
		k := j + 1
		for isDigit(k) {
			k++
		}
		switch {
		case n == 2 && strings.IndexByte(" .(", before) >= 0 && strings.IndexByte(" .)", after) >= 0:
			return true
		case n == 5 && after == ' ' && k-j-1 == 5:
			return true
		case (n == 10 || n == 2 && after == '-') && b[i] == '0' && b[i+1] == '6':
			return true
		}
		i = j
	}
	return false
}

// customerPhone reports whether the words before s[a:] say a number is
// the customer's ("we texted", "your number").
func (pd *personalData) customerPhone(s string, a int) bool {
	before := strings.ToLower(s[max(0, a-40):a])
	for _, c := range pd.customerCues {
		if containsWord(before, c) {
			return true
		}
	}
	return false
}

// cardExemptAt reports whether the words just before s[a:] name a parcel,
// case or ticket number, which may pass the Luhn check by chance.
func (pd *personalData) cardExemptAt(s string, a int) bool {
	before := strings.ToLower(s[max(0, a-30):a])
	for _, c := range pd.cardExempt {
		if containsWord(before, c) {
			return true
		}
	}
	return false
}

// businessAddress reports whether the words before the address at s[a:]
// show it is the business's own ("our store at", "visit us at"), unless
// they say it is the customer's ("ships to your address at").
func (pd *personalData) businessAddress(s string, a int) bool {
	before := strings.ToLower(s[max(0, a-40):a])
	for _, c := range pd.customerCues {
		if containsWord(before, c) {
			return false
		}
	}
	for _, c := range pd.addressCues {
		if containsWord(before, c) {
			return true
		}
	}
	return false
}

// wordThenNumber reports whether a letter, spaces and a digit follow each
// other: the shape of "Storgata 5".
func wordThenNumber(b []byte) bool {
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ' ' && b[i+1] >= '0' && b[i+1] <= '9' && (isASCIILetter(b[i-1]) || b[i-1] >= 0x80) {
			return true
		}
	}
	return false
}

// cardWords reports whether s has a word the last-four pattern needs.
func (pd *personalData) cardWords(s string) bool {
	for _, w := range [...]string{"card", "Card", "CARD", "visa", "Visa", "VISA", "ending", "Ending", "last", "Last",
		"kort", "Kort", "xxxx", "XXXX", "****", "••••", "amex", "Amex", "AMEX", "debit", "Debit", "credit", "Credit", "master", "Master"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// numberThenCapital reports whether a digit is followed, after an optional
// letter and spaces, by a capital letter: the shape of "221B Baker Street".
func numberThenCapital(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			continue
		}
		j := i + 1
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j < len(b) && isASCIILetter(b[j]) {
			j++
		}
		k := j
		for k < len(b) && b[k] == ' ' {
			k++
		}
		if k > j && k < len(b) && b[k] >= 'A' && b[k] <= 'Z' {
			return true
		}
		i = j
	}
	return false
}

// norwegianStreet reports whether s contains a Norwegian street word.
func (pd *personalData) norwegianStreet(s string) bool {
	for _, w := range pd.streetNO {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// blankEntities blanks the post's links and mentions in b, its raw text,
// in place.
func blankEntities(b []byte, d *text.Doc) {
	if len(d.URLs) == 0 && len(d.Mentions) == 0 {
		return
	}
	// Byte offset of every code point, and of the end; on the stack for
	// a post of usual length.
	var buf [1024]int32
	at := buf[:0]
	for i := range d.Raw {
		at = append(at, int32(i))
	}
	at = append(at, int32(len(d.Raw)))
	for _, es := range [][]text.Entity{d.URLs, d.Mentions} {
		for _, e := range es {
			if e.Start < 0 || e.End >= len(at) || e.Start >= e.End {
				continue
			}
			for i := at[e.Start]; i < at[e.End]; i++ {
				b[i] = ' '
			}
		}
	}
}

// businessEmail reports whether addr is the brand's or a role mailbox
// (support@, help@) rather than a person's.
func (pd *personalData) businessEmail(addr string) bool {
	local, domain, _ := strings.Cut(addr, "@")
	for _, b := range pd.businessEmails {
		if b == addr || b == domain || strings.HasSuffix(domain, "."+b) {
			return true
		}
	}
	local, _, _ = strings.Cut(local, "+")
	return pd.roles[local] || pd.roles[strings.NewReplacer(".", "", "_", "", "-", "").Replace(local)]
}

// businessPhone reports whether the number at s[a:b] is a business line: a
// configured number, a toll-free or non-geographic prefix, or words before
// it such as "call us on" — unless words like "we texted" or "your number"
// say it is the customer's.
func (pd *personalData) businessPhone(s string, a, b int) bool {
	ds := digits(s[a:b])
	if pd.businessPhones[ds] {
		return true
	}
	lo := max(0, a-40)
	before := strings.ToLower(s[lo:a])
	for _, c := range pd.customerCues {
		if containsWord(before, c) {
			return false
		}
	}
	for _, p := range pd.prefixes {
		if strings.HasPrefix(ds, p) {
			return true
		}
	}
	for _, c := range pd.businessCues {
		if containsWord(before, c) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if (a == 0 || !isASCIILetter(s[a-1])) && (b == len(s) || !isASCIILetter(s[b])) {
			return true
		}
		i = a + 1
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// luhn reports whether a digit string passes the Luhn checksum of card
// numbers.
func luhn(ds string) bool {
	sum, double := 0, false
	for i := len(ds) - 1; i >= 0; i-- {
		n := int(ds[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}
