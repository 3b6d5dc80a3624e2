package reply

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
)

// nationalID is one national identity or tax number as it is written: its
// shape, what the message calls it, and the check that tells it from an
// order or parcel number of the same shape. A number in its written form
// (CPF 123.456.789-09) counts when its check holds; the same digits
// unformatted count only after one of its labels (data/personal_data.yaml,
// id_labels), since eleven or twelve bare digits are more often an order.
type nationalID struct {
	kind      string         // the key of its labels in id_labels
	what      string         // what the finding calls it
	formatted *regexp.Regexp // the written form; nil when it has none
	bare      *regexp.Regexp // the unformatted form, after a label only
	valid     func(compact string) bool
	// possible is a cheap test of the text (the longest digit run, the
	// separators the written form needs) before the patterns run.
	possible func(s string, p digitProfile) bool
}

// nationalIDs are tried in this order; a stretch of text taken by one is
// not tried again (a CNPJ is not also a card number). Their patterns are
// compiled when a reply first has digits to read, not at start-up.
var nationalIDs = sync.OnceValue(nationalIDList)

func nationalIDList() []nationalID {
	return []nationalID{
		{kind: "cnpj", what: "a Brazilian CNPJ (company taxpayer number)",
			formatted: regexp.MustCompile(`\b\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}\b`), bare: regexp.MustCompile(`\b\d{14}\b`), valid: validCNPJ,
			possible: func(s string, p digitProfile) bool {
				return p.longest >= 8 && strings.Contains(s, "/") || p.wordDigits >= 14
			}},
		{kind: "cpf", what: "a Brazilian CPF (taxpayer number)",
			formatted: regexp.MustCompile(`\b\d{3}\.\d{3}\.\d{3}-\d{2}\b`), bare: regexp.MustCompile(`\b\d{11}\b`), valid: validCPF,
			possible: func(s string, p digitProfile) bool { return p.longest >= 11 }},
		{kind: "nir", what: "a French social security number (NIR)",
			formatted: regexp.MustCompile(`\b[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}\b`), valid: validNIR,
			possible: func(s string, p digitProfile) bool {
				return p.longest >= 13 || strings.Contains(s, "2A") || strings.Contains(s, "2B")
			}},
		{kind: "curp", what: "a Mexican CURP (population registry key)",
			formatted: regexp.MustCompile(`\b[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d\b`), valid: validCURP,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 && capsBeforeDigit(s) >= 4 }},
		{kind: "rfc", what: "a Mexican RFC (taxpayer number)",
			formatted: regexp.MustCompile(`\b[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}\b`), valid: validRFC,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 && capsBeforeDigit(s) >= 4 }},
		{kind: "dni", what: "a Spanish DNI or NIE (identity number)",
			formatted: regexp.MustCompile(`\b(?:\d{8}|[XYZ]-?\d{7})-?[A-Z]\b`), valid: validDNI,
			possible: func(s string, p digitProfile) bool {
				return p.wordDigits >= 8 || p.longest >= 7 && capsBeforeDigit(s) >= 1
			}},
		{kind: "aadhaar", what: "an Indian Aadhaar number",
			formatted: regexp.MustCompile(`\b[2-9]\d{3}[ -]\d{4}[ -]\d{4}\b`), bare: regexp.MustCompile(`\b[2-9]\d{11}\b`), valid: validAadhaar,
			possible: func(s string, p digitProfile) bool { return p.longest >= 12 }},
		{kind: "my_number", what: "a Japanese My Number (individual number)",
			formatted: regexp.MustCompile(`\b\d{4}[ -]\d{4}[ -]\d{4}\b`), bare: regexp.MustCompile(`\b\d{12}\b`), valid: validMyNumber,
			possible: func(s string, p digitProfile) bool { return p.longest >= 12 }},
		{kind: "steuer_id", what: "a German tax ID (Steuer-ID)",
			formatted: regexp.MustCompile(`\b[1-9]\d ?\d{3} ?\d{3} ?\d{3}\b`), bare: regexp.MustCompile(`\b[1-9]\d{10}\b`), valid: validSteuerID,
			possible: func(s string, p digitProfile) bool { return p.longest >= 11 }},
		{kind: "nino", what: "a UK National Insurance number",
			formatted: regexp.MustCompile(`\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b`), valid: validNINO,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 && capsBeforeDigit(s) >= 2 }},
		{kind: "ssn", what: "a US Social Security number",
			formatted: regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`), bare: regexp.MustCompile(`\b\d{9}\b`), valid: validSSN,
			possible: func(s string, p digitProfile) bool { return p.longest >= 9 }},
		{kind: "tckn", what: "a Turkish identity number (TC Kimlik No)",
			bare: regexp.MustCompile(`\b[1-9]\d{10}\b`), valid: validTCKN,
			possible: func(s string, p digitProfile) bool { return p.longest >= 11 }},
		{kind: "personnummer", what: "a Swedish personal identity number (personnummer)",
			formatted: regexp.MustCompile(`\b(?:\d{2})?\d{6}[-+]\d{4}\b`), bare: regexp.MustCompile(`\b(?:\d{2})?\d{10}\b`), valid: validPersonnummer,
			possible: func(s string, p digitProfile) bool {
				return p.longest >= 6 && strings.ContainsAny(s, "-+") || p.longest >= 10
			}},
		{kind: "fodselsnummer", what: "a Norwegian national identity number (fødselsnummer)",
			formatted: regexp.MustCompile(`\b\d{6} \d{5}\b`), bare: regexp.MustCompile(`\b\d{11}\b`), valid: validFodselsnummer,
			possible: func(s string, p digitProfile) bool { return p.longest >= 11 || p.longest >= 5 && p.wordDigits >= 11 }},
		{kind: "pesel", what: "a Polish PESEL (national identity number)",
			bare: regexp.MustCompile(`\b\d{11}\b`), valid: validPESEL,
			possible: func(s string, p digitProfile) bool { return p.longest >= 11 }},
		{kind: "hetu", what: "a Finnish personal identity code (henkilötunnus)",
			formatted: regexp.MustCompile(`\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b`), valid: validHETU,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 }},
		{kind: "rodne_cislo", what: "a Czech or Slovak birth number (rodné číslo)",
			formatted: regexp.MustCompile(`\b\d{6}/\d{3,4}\b`), valid: validRodneCislo,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 && strings.Contains(s, "/") }},
		{kind: "cnp", what: "a Romanian personal numeric code (CNP)",
			bare: regexp.MustCompile(`\b[1-9]\d{12}\b`), valid: validCNP,
			possible: func(s string, p digitProfile) bool { return p.longest >= 13 }},
		{kind: "dni_pe", what: "a Peruvian DNI (national identity document number)",
			bare: regexp.MustCompile(`\b\d{8}\b`), valid: func(c string) bool { return len(c) == 8 && allDigits(c) && !sameDigits(c) },
			possible: func(s string, p digitProfile) bool { return p.longest >= 8 }},
		{kind: "cnic", what: "a Pakistani CNIC (computerised national identity card number)",
			formatted: regexp.MustCompile(`\b\d{5}-\d{7}-\d\b`), valid: validCNIC,
			possible: func(s string, p digitProfile) bool { return p.longest >= 7 && strings.Contains(s, "-") }},
		{kind: "cpr", what: "a Danish CPR number",
			formatted: regexp.MustCompile(`\b\d{6}-\d{4}\b`), bare: regexp.MustCompile(`\b\d{10}\b`), valid: validCPR,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 }},
		{kind: "pan", what: "an Indian PAN (income tax number)",
			formatted: regexp.MustCompile(`\b[A-Z]{3}P[A-Z]\d{4}[A-Z]\b`), valid: validPAN,
			possible: func(s string, p digitProfile) bool { return capsBeforeDigit(s) >= 5 }},
		{kind: "hkid", what: "a Hong Kong identity card number (HKID)",
			formatted: regexp.MustCompile(`\b[A-Z]{1,2}\d{6} ?\([0-9A]\)`), bare: regexp.MustCompile(`\b[A-Z]{1,2}\d{6}[0-9A]\b`), valid: validHKID,
			possible: func(s string, p digitProfile) bool { return p.longest >= 6 && capsBeforeDigit(s) >= 1 }},
		{kind: "tw_id", what: "a Taiwanese national identification number",
			formatted: regexp.MustCompile(`\b[A-Z][12]\d{8}\b`), valid: validTaiwanID,
			possible: func(s string, p digitProfile) bool { return p.longest >= 9 && capsBeforeDigit(s) >= 1 }},
		{kind: "nric", what: "a Singapore NRIC or FIN",
			formatted: regexp.MustCompile(`\b[STFG]\d{7}[A-Z]\b`), valid: validNRIC,
			possible: func(s string, p digitProfile) bool { return p.longest >= 7 && capsBeforeDigit(s) >= 1 }},
		{kind: "rrn", what: "a South Korean resident registration number",
			formatted: regexp.MustCompile(`\b\d{6}-[1-8]\d{6}\b`), bare: regexp.MustCompile(`\b\d{13}\b`), valid: validRRN,
			possible: func(s string, p digitProfile) bool {
				return p.longest >= 6 && strings.Contains(s, "-") || p.longest >= 13
			}},
		{kind: "cn_id", what: "a Chinese resident identity card number",
			formatted: regexp.MustCompile(`\b\d{17}[\dXx]\b`), valid: validChineseID,
			possible: func(s string, p digitProfile) bool { return p.longest >= 17 }},
		{kind: "thai_id", what: "a Thai national identification number",
			formatted: regexp.MustCompile(`\b\d-\d{4}-\d{5}-\d{2}-\d\b`), bare: regexp.MustCompile(`\b\d{13}\b`), valid: validThaiID,
			possible: func(s string, p digitProfile) bool {
				return p.longest >= 5 && strings.Contains(s, "-") || p.longest >= 13
			}},
	}
}

// validHKID checks a Hong Kong identity card number: one or two letters,
// six digits and a check character (written in brackets), weighted 9 down
// to 2 with a missing first letter read as 36, letters as 10–35; the
// check makes the sum a multiple of 11 (10 is written A).
func validHKID(s string) bool {
	s = strings.NewReplacer("(", "", ")", "").Replace(s)
	if len(s) == 8 {
		s = " " + s
	}
	if len(s) != 9 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := s[i]
		v := 0
		switch {
		case c == ' ':
			v = 36
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		case c >= '0' && c <= '9' && i >= 2:
			v = int(c - '0')
		default:
			return false
		}
		sum += v * (9 - i)
	}
	check := (11 - sum%11) % 11
	want := byte('0' + check)
	if check == 10 {
		want = 'A'
	}
	return s[8] == want
}

// validTaiwanID checks a Taiwanese national identification number: the
// letter stands for two digits (its area code), and the weighted sum of
// the eleven digits (1, 9, 8 … 2, 1, 1) is a multiple of ten.
func validTaiwanID(s string) bool {
	if len(s) != 10 || s[0] < 'A' || s[0] > 'Z' || !allDigits(s[1:]) {
		return false
	}
	area := strings.IndexByte("ABCDEFGHJKLMNPQRSTUVXYWZIO", s[0]) + 10
	sum := area/10 + area%10*9
	for i := 1; i < 9; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	sum += int(s[9] - '0')
	return sum%10 == 0
}

// validNRIC checks a Singapore NRIC or FIN: seven digits weighted 2, 7, 6,
// 5, 4, 3, 2, plus 4 for the T and G series, pick the check letter.
func validNRIC(s string) bool {
	if len(s) != 9 || !allDigits(s[1:8]) {
		return false
	}
	sum := 0
	for i, w := range []int{2, 7, 6, 5, 4, 3, 2} {
		sum += int(s[1+i]-'0') * w
	}
	if s[0] == 'T' || s[0] == 'G' {
		sum += 4
	}
	letters := "JZIHGFEDCBA"
	if s[0] == 'F' || s[0] == 'G' {
		letters = "XWUTRQPNMLK"
	}
	return s[8] == letters[sum%11]
}

// validRRN checks a South Korean resident registration number: a birth
// date and, for numbers issued before October 2020, a check digit over
// the first twelve (weights 2 to 9, then 2 to 5, modulo 11). Later
// numbers carry no check, so they count only after their label.
func validRRN(s string) bool {
	if len(s) != 13 || !allDigits(s) || !plausibleDate(s[2:4], s[4:6]) {
		return false
	}
	sum := 0
	for i, w := range []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5} {
		sum += int(s[i]-'0') * w
	}
	return (11-sum%11)%10 == int(s[12]-'0')
}

// validChineseID checks a Chinese resident identity card number: a birth
// date at digits 7–14 and the ISO 7064 MOD 11-2 check character.
func validChineseID(s string) bool {
	if len(s) != 18 || !allDigits(s[:17]) || !plausibleDate(s[10:12], s[12:14]) {
		return false
	}
	sum := 0
	for i, w := range []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2} {
		sum += int(s[i]-'0') * w
	}
	return strings.ToUpper(s[17:]) == string("10X98765432"[sum%11])
}

// validThaiID checks a Thai national identification number: thirteen
// digits, the first twelve weighted 13 down to 2, the last (11 - sum mod
// 11) mod 10.
func validThaiID(s string) bool {
	if len(s) != 13 || !allDigits(s) || s[0] == '0' {
		return false
	}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(s[i]-'0') * (13 - i)
	}
	return (11-sum%11)%10 == int(s[12]-'0')
}

// plausibleDate reports whether mm and dd (two digits each) are a month
// and a day.
func plausibleDate(mm, dd string) bool {
	m, d := int(mm[0]-'0')*10+int(mm[1]-'0'), int(dd[0]-'0')*10+int(dd[1]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// labelOnly are the formats that count only after their label even when
// written out: a Steuer-ID's shape also reads plain eleven digits, a My
// Number is written like a gift-card code, and a PAN like a voucher code.
// A Danish CPR number has no check digit left to tell it from a date and
// a reference; Swedish and Norwegian numbers written as a date and four or
// five digits are too often an order's reference to count unnamed, as
// are Czech and Slovak birth numbers (a date, a slash and four digits is
// also an invoice's reference).
var labelOnly = map[string]bool{"rodne_cislo": true, "steuer_id": true, "my_number": true, "pan": true, "cpr": true, "personnummer": true, "fodselsnummer": true,
	"tw_id": true, "nric": true}

// ibanStart finds where an IBAN may begin: a country code and two check
// digits, then its account number in groups.
var ibanStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b[A-Z]{2}\d{2} ?[A-Z0-9]`) })

// ids reports national identity and tax numbers and IBANs, each valid by
// its check digits, that are not labelled as an order or parcel number.
func (pd *personalData) ids(sc *piiScan, prof digitProfile) {
	s := sc.s
	if prof.longest >= 6 && pd.upperLetters(s) {
		for _, m := range ibanStart().FindAllStringIndex(s, -1) {
			end, valid := pd.iban(s, m[0])
			switch {
			case end == 0 || !sc.free(m[0], end):
			case valid && pd.ownNumber(s, m[0]):
				sc.take(m[0], end) // the brand's account, for payments
			case valid:
				sc.add(m[0], end, checker.SeverityCritical, "a bank account number (IBAN)")
			default:
				// An IBAN's shape whose check fails is a reference, not
				// a phone number in its middle.
				sc.take(m[0], end)
			}
		}
	}
	ids := nationalIDs()
	for i := range ids {
		id := &ids[i]
		if !id.possible(s, prof) {
			continue
		}
		named := sc.mentions(pd.idLabels[id.kind])
		var ms [][]int
		if id.formatted != nil && (named || !labelOnly[id.kind]) {
			for _, m := range id.formatted.FindAllStringIndex(s, -1) {
				if !labelOnly[id.kind] || pd.labelled(s, m[0], id.kind) {
					ms = append(ms, m)
				}
			}
		}
		if id.bare != nil && named {
			for _, m := range id.bare.FindAllStringIndex(s, -1) {
				if pd.labelled(s, m[0], id.kind) || pd.labelledAfter(s, m[1], id.kind) {
					ms = append(ms, m)
				}
			}
		}
		for _, m := range ms {
			// A number the reply itself calls the customer's ID counts
			// even when its check fails (a typo is still their number).
			said := pd.labelled(s, m[0], id.kind) || pd.labelledAfter(s, m[1], id.kind)
			if !sc.free(m[0], m[1]) || !id.valid(compactID(s[m[0]:m[1]])) && !said {
				continue
			}
			if pd.cardExemptAt(s, m[0]) && !pd.labelled(s, m[0], id.kind) {
				continue // a parcel or order number that happens to pass the check
			}
			if pd.ownNumber(s, m[0]) {
				sc.take(m[0], m[1]) // the brand's own tax number
				continue
			}
			sc.add(m[0], m[1], checker.SeverityCritical, id.what)
		}
	}
}

// capsBeforeDigit is the most capital ASCII letters standing right before
// a digit (one space between allowed): 4 in "ABCD910210", 2 in "RT 20".
func capsBeforeDigit(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			run++
		case c >= '0' && c <= '9':
			best = max(best, run)
			run = 0
		case c == ' ' && run > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
		default:
			run = 0
		}
	}
	return best
}

// upperLetters reports whether s has two capital ASCII letters in a row,
// which an IBAN needs.
func (pd *personalData) upperLetters(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' {
			return true
		}
	}
	return false
}

// iban reads an IBAN starting at s[a:]: as many letters and digits as its
// country's IBAN has (single spaces between groups allowed), ending at a
// word boundary. It returns the end offset (0 when the shape does not
// fit) and whether the mod-97 check holds.
func (pd *personalData) iban(s string, a int) (end int, valid bool) {
	n := pd.ibanLengths[s[a:a+2]]
	if n == 0 {
		return 0, false
	}
	var b strings.Builder
	i := a
	for i < len(s) && b.Len() < n {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c >= 'A' && c <= 'Z':
			b.WriteByte(c)
		case c == ' ' && i > a && i+1 < len(s) && s[i-1] != ' ':
		default:
			return 0, false
		}
		i++
	}
	if b.Len() < n || i < len(s) && isAlnum(s[i]) {
		return 0, false
	}
	return i, validIBAN(b.String())
}

// ownNumber reports whether the words just before s[a:] make the number
// the brand's own ("our IBAN", "nosso CNPJ"): published for payments and
// invoices, not a customer's. A "your" before it says it is the customer's.
func (pd *personalData) ownNumber(s string, a int) bool {
	before := strings.ToLower(s[max(0, a-30):a])
	for _, c := range pd.yourCues {
		if containsWord(before, c) {
			return false // "our records have your SSN"
		}
	}
	near := strings.ToLower(s[max(0, a-20):a])
	for _, c := range pd.ownCues {
		if containsWord(near, c) {
			return true
		}
	}
	return false
}

// labelled reports whether one of kind's labels ("CPF", "Aadhaar")
// stands just before s[a:].
func (pd *personalData) labelled(s string, a int, kind string) bool {
	before := strings.ToLower(s[max(0, a-40):a])
	for _, l := range pd.idLabels[kind] {
		if containsWord(before, l) {
			return true
		}
	}
	return false
}

// labelledAfter reports whether one of kind's labels stands just after
// s[:b]: "12345678950 TC kimlik numaranızla", as Turkish writes it.
func (pd *personalData) labelledAfter(s string, b int, kind string) bool {
	after := strings.ToLower(s[b:min(len(s), b+24)])
	for _, l := range pd.idLabels[kind] {
		if strings.HasPrefix(strings.TrimLeft(after, " (,:"), strings.ToLower(l)) {
			return true
		}
	}
	return false
}

// validTCKN checks a Turkish identity number's two check digits: the tenth
// is seven times the odd-placed digits less the even-placed ones, modulo
// ten; the eleventh is the sum of the first ten, modulo ten.
func validTCKN(s string) bool {
	if len(s) != 11 || s[0] == '0' || !allDigits(s) {
		return false
	}
	d := func(i int) int { return int(s[i] - '0') }
	odd := d(0) + d(2) + d(4) + d(6) + d(8)
	even := d(1) + d(3) + d(5) + d(7)
	if ((odd*7-even)%10+10)%10 != d(9) {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += d(i)
	}
	return sum%10 == d(10)
}

// checkIDLabels makes sure data/personal_data.yaml names labels for the
// formats that need them and no format the code does not know.
func checkIDLabels(labels map[string][]string) error {
	known := map[string]bool{"iban": true}
	for _, id := range nationalIDs() {
		known[id.kind] = true
		if (id.bare != nil || labelOnly[id.kind]) && len(labels[id.kind]) == 0 {
			return fmt.Errorf("reply: data/personal_data.yaml: id_labels has no labels for %q", id.kind)
		}
	}
	for k := range labels {
		if !known[k] {
			return fmt.Errorf("reply: data/personal_data.yaml: id_labels: unknown number format %q", k)
		}
	}
	return nil
}

func isAlnum(c byte) bool { return c >= '0' && c <= '9' || isASCIILetter(c) }

// compactID drops the separators an ID is written with.
func compactID(s string) string {
	return strings.NewReplacer(" ", "", ".", "", "-", "", "/", "").Replace(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// sameDigits reports whether every character of s is the same: 111.111.111-11
// passes the CPF check but is a placeholder.
func sameDigits(s string) bool { return strings.Count(s, s[:1]) == len(s) }

// mod11Digit is the check digit of the Brazilian scheme: the weighted sum
// of ds modulo 11, 0 when the remainder is under 2.
func mod11Digit(ds string, weights []int) byte {
	sum := 0
	for i := range ds {
		sum += int(ds[i]-'0') * weights[i]
	}
	r := sum % 11
	if r < 2 {
		return '0'
	}
	return byte('0' + 11 - r)
}

// validCPF checks the two mod-11 check digits of a CPF.
func validCPF(s string) bool {
	if len(s) != 11 || !allDigits(s) || sameDigits(s) {
		return false
	}
	w := []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2}
	return mod11Digit(s[:9], w[1:]) == s[9] && mod11Digit(s[:10], w) == s[10]
}

// validCNPJ checks the two mod-11 check digits of a CNPJ.
func validCNPJ(s string) bool {
	if len(s) != 14 || !allDigits(s) || sameDigits(s) {
		return false
	}
	w := []int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}
	return mod11Digit(s[:12], w[1:]) == s[12] && mod11Digit(s[:13], w) == s[13]
}

// validNIR checks a French NIR: sex, year, month, department (2A and 2B
// for Corsica), commune, order, and the key 97 minus the number mod 97.
func validNIR(s string) bool {
	if len(s) != 15 {
		return false
	}
	body := s[:5] + map[string]string{"2A": "19", "2B": "18"}[s[5:7]] + s[7:13]
	if s[5:7] != "2A" && s[5:7] != "2B" {
		body = s[:13]
	}
	if !allDigits(body) || !allDigits(s[13:]) {
		return false
	}
	if m := (s[3]-'0')*10 + s[4] - '0'; m == 0 || m > 12 && m < 20 {
		return false // months 20 and up are allowed for unknown births
	}
	key := 97 - mod97(body)
	return fmt.Sprintf("%02d", key) == s[13:]
}

// mod97 is a long decimal or alphanumeric string modulo 97, letters read
// as 10 to 35 (ISO 7064, as IBANs use it).
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		default:
			return -1
		}
	}
	return r
}

// validIBAN checks the IBAN's mod-97 check: the country code and check
// digits moved to the end leave 1.
func validIBAN(s string) bool { return len(s) > 4 && mod97(s[4:]+s[:4]) == 1 }

// curpAlphabet gives each character of a CURP or RFC its value in the
// check-digit sums.
const curpAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"

// validCURP checks a CURP's birth date and its final check digit.
func validCURP(s string) bool {
	if len(s) != 18 || !validYYMMDD(s[4:10]) {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(curpAlphabet, s[i])
		if v < 0 {
			return false
		}
		sum += v * (18 - i)
	}
	return byte('0'+(10-sum%10)%10) == s[17]
}

// The alphabets that value an RFC's characters in its check sum: the
// official one, and the older one some RFCs were issued with.
var rfcAlphabets = [...][]rune{[]rune("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"), []rune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ")}

// validRFC checks a person's RFC (13 characters): its birth date and the
// mod-11 check character at the end, by either alphabet.
func validRFC(s string) bool {
	rs := []rune(s)
	if len(rs) != 13 || !validYYMMDD(string(rs[4:10])) {
		return false
	}
	for _, alpha := range rfcAlphabets {
		if c, ok := rfcCheck(rs[:12], alpha); ok && c == rs[12] {
			return true
		}
	}
	return false
}

// rfcCheck is the check character of an RFC's first twelve characters.
func rfcCheck(rs, alpha []rune) (rune, bool) {
	sum := 0
	for i, r := range rs {
		v := slices.Index(alpha, r)
		if v < 0 {
			return 0, false
		}
		sum += v * (13 - i)
	}
	switch d := 11 - sum%11; d {
	case 11:
		return '0', true
	case 10:
		return 'A', true
	default:
		return rune('0' + d), true
	}
}

// validYYMMDD reports whether six digits are a plausible date.
func validYYMMDD(s string) bool {
	if !allDigits(s) {
		return false
	}
	m, d := (s[2]-'0')*10+s[3]-'0', (s[4]-'0')*10+s[5]-'0'
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// validDNI checks a Spanish DNI (eight digits) or NIE (X, Y or Z and seven
// digits) against its control letter.
func validDNI(s string) bool {
	if len(s) != 9 {
		return false
	}
	body := s[:8]
	if i := strings.IndexByte("XYZ", s[0]); i >= 0 {
		body = string(rune('0'+i)) + s[1:8]
	}
	if !allDigits(body) {
		return false
	}
	n := 0
	for i := range body {
		n = n*10 + int(body[i]-'0')
	}
	return "TRWAGMYFPDXBNJZSQVHLCKE"[n%23] == s[8]
}

// The Verhoeff tables (dihedral group D5): multiplication and the
// position permutation.
var (
	verhoeffD = [10][10]byte{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}
	verhoeffP = [8][10]byte{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}
)

// verhoeff reports whether a digit string passes the Verhoeff check.
func verhoeff(ds string) bool {
	c := byte(0)
	for i := 0; i < len(ds); i++ {
		c = verhoeffD[c][verhoeffP[i%8][ds[len(ds)-1-i]-'0']]
	}
	return c == 0
}

// validAadhaar checks an Aadhaar number: twelve digits, not starting with
// 0 or 1, not a palindrome, Verhoeff-valid.
func validAadhaar(s string) bool {
	if len(s) != 12 || !allDigits(s) || s[0] < '2' {
		return false
	}
	rev := []byte(s)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return string(rev) != s && verhoeff(s)
}

// validMyNumber checks a Japanese individual number: eleven digits and a
// mod-11 check digit with weights 2 to 7 from the right, twice over.
func validMyNumber(s string) bool {
	if len(s) != 12 || !allDigits(s) || sameDigits(s) {
		return false
	}
	sum := 0
	for n := 1; n <= 11; n++ {
		q := n + 1
		if n > 6 {
			q = n - 5
		}
		sum += int(s[11-n]-'0') * q
	}
	r := sum % 11
	want := 0
	if r > 1 {
		want = 11 - r
	}
	return int(s[11]-'0') == want
}

// validSteuerID checks a German tax ID: no leading zero, in the first ten
// digits exactly one digit repeated (twice or three times), and the ISO
// 7064 MOD 11,10 check digit.
func validSteuerID(s string) bool {
	if len(s) != 11 || !allDigits(s) || s[0] == '0' {
		return false
	}
	var count [10]int
	for i := 0; i < 10; i++ {
		count[s[i]-'0']++
	}
	repeated := 0
	for _, c := range count {
		if c > 3 {
			return false
		}
		if c > 1 {
			repeated++
		}
	}
	if repeated != 1 {
		return false
	}
	p := 10
	for i := 0; i < 10; i++ {
		sum := (int(s[i]-'0') + p) % 10
		if sum == 0 {
			sum = 10
		}
		p = 2 * sum % 11
	}
	check := 11 - p
	if check == 10 {
		check = 0
	}
	return int(s[10]-'0') == check
}

// validNINO checks a UK National Insurance number's prefix letters, which
// exclude D, F, I, Q, U, V, O as the second letter, and a few pairs.
func validNINO(s string) bool {
	if len(s) != 9 {
		return false
	}
	if strings.ContainsAny(s[:2], "DFIQUV") || s[1] == 'O' {
		return false
	}
	switch s[:2] {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return allDigits(s[2:8])
}

// validSSN checks a US Social Security number's ranges: no area 000, 666
// or 900 and up, no group 00, no serial 0000.
func validSSN(s string) bool {
	if len(s) != 9 || !allDigits(s) {
		return false
	}
	return s[:3] != "000" && s[:3] != "666" && s[0] != '9' && s[3:5] != "00" && s[5:] != "0000"
}

// validPAN checks an Indian PAN of a person (the fourth letter P): its
// serial is not 0000.
func validPAN(s string) bool { return len(s) == 10 && s[5:9] != "0000" }

// validPersonnummer checks a Swedish personnummer (YYMMDD-NNNC, the
// century optional): a date, with 60 added to the day for a coordination
// number, and the Luhn check over its ten digits.
func validPersonnummer(s string) bool {
	s = strings.NewReplacer("+", "").Replace(s)
	if len(s) == 12 {
		s = s[2:]
	}
	if len(s) != 10 || !allDigits(s) || sameDigits(s) {
		return false
	}
	month, day := atoi2(s[2:4]), atoi2(s[4:6])
	if day > 60 {
		day -= 60
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		d := int(s[i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// validFodselsnummer checks a Norwegian fødselsnummer (DDMMYYNNNKK): a
// date (40 added to the day for a D number, 40 to the month for an H
// number) and its two modulo-11 check digits.
func validFodselsnummer(s string) bool {
	if len(s) != 11 || !allDigits(s) || sameDigits(s) {
		return false
	}
	day, month := atoi2(s[0:2])%40, atoi2(s[2:4])%40
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return false
	}
	d := func(i int) int { return int(s[i] - '0') }
	check := func(weights []int) int {
		sum := 0
		for i, w := range weights {
			sum += w * d(i)
		}
		k := 11 - sum%11
		if k == 11 {
			return 0
		}
		return k
	}
	k1 := check([]int{3, 7, 6, 1, 8, 9, 4, 5, 2})
	k2 := check([]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})
	return k1 < 10 && k1 == d(9) && k2 < 10 && k2 == d(10)
}

// validHETU checks a Finnish henkilötunnus (DDMMYY, a century sign, three
// digits and a check character): the check character is the nine digits'
// number modulo 31 in "0123456789ABCDEFHJKLMNPRSTUVWXY".
func validHETU(s string) bool {
	if len(s) == 10 { // the "-" sign taken out by compactID
		s = s[:6] + "-" + s[6:]
	}
	if len(s) != 11 {
		return false
	}
	digits := s[0:6] + s[7:10]
	if !allDigits(digits) {
		return false
	}
	day, month := atoi2(s[0:2]), atoi2(s[2:4])
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return false
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31] == s[10]
}

// validCPR checks a Danish CPR number's date (DDMMYY-NNNN); since 2007 it
// has no check digit, so it counts only after its label.
func validCPR(s string) bool {
	if len(s) != 10 || !allDigits(s) || sameDigits(s) {
		return false
	}
	day, month := atoi2(s[0:2]), atoi2(s[2:4])
	return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// atoi2 reads two ASCII digits.
func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// validPESEL checks a Polish PESEL (YYMMDDZZZXQ): the month carries the
// century (+20 for the 2000s), and the last digit makes the weighted sum
// (1, 3, 7, 9 repeated) a multiple of ten.
// validCNP checks a Romanian CNP (SYYMMDDJJNNNC): a sex and century digit,
// a date, a county code, a serial and a check digit, the weighted sum of
// the first twelve digits (279146358279) modulo 11, 10 read as 1.
func validCNP(s string) bool {
	if len(s) != 13 || !allDigits(s) || sameDigits(s) {
		return false
	}
	month, day := atoi2(s[3:5]), atoi2(s[5:7])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	const weights = "279146358279"
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(s[i]-'0') * int(weights[i]-'0')
	}
	c := sum % 11
	if c == 10 {
		c = 1
	}
	return c == int(s[12]-'0')
}

// validCNIC checks a Pakistani CNIC's shape (#####-#######-#): it has no
// check digit, but its first digit is one of the seven regions' codes
// (1 Khyber Pakhtunkhwa … 7 Gilgit-Baltistan), and the written form with
// its two dashes is its own.
func validCNIC(s string) bool {
	return len(s) == 13 && allDigits(s) && s[0] >= '1' && s[0] <= '7' && !sameDigits(s)
}

// validRodneCislo checks a Czech or Slovak birth number (YYMMDD/SSSC):
// a date whose month has 20, 50 or 70 added for women and for the numbers
// issued since 2004, and, in the ten-digit numbers given since 1954, the
// whole number divisible by 11 (or its first nine digits leaving 10, with
// 0 as the last). Nine-digit numbers, from before 1954, have no check.
func validRodneCislo(s string) bool {
	if (len(s) != 9 && len(s) != 10) || !allDigits(s) || sameDigits(s) {
		return false
	}
	month, day := atoi2(s[2:4]), atoi2(s[4:6])
	switch {
	case month > 70:
		month -= 70
	case month > 50:
		month -= 50
	case month > 20:
		month -= 20
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	if len(s) == 9 {
		return true
	}
	head := 0
	for _, c := range s[:9] {
		head = (head*10 + int(c-'0')) % 11
	}
	last := int(s[9] - '0')
	return (head*10+last)%11 == 0 || head == 10 && last == 0
}

func validPESEL(s string) bool {
	if len(s) != 11 || !allDigits(s) || sameDigits(s) {
		return false
	}
	month := atoi2(s[2:4]) % 20
	day := atoi2(s[4:6])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	weights := []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i, w := range weights {
		sum += w * int(s[i]-'0')
	}
	return (10-sum%10)%10 == int(s[10]-'0')
}
