package reply

import "testing"

// TestIDChecks runs each ID check on a valid number and on the same number
// with its check digit changed: the check is what keeps an order number of
// the same shape from being reported. The valid numbers were cross-checked
// with the stdnum library's validators (npm stdnum 1.12.0; the Singapore
// NRIC, which it lacks, with the published sample S1234567D).
func TestIDChecks(t *testing.T) {
	for _, c := range []struct {
		name         string
		valid        func(string) bool
		good, broken string
	}{
		{"cpf", validCPF, "78617964006", "78617964007"},
		{"cnpj", validCNPJ, "38499879319978", "38499879319979"},
		{"nir", validNIR, "242017869149538", "242017869149539"},
		{"curp", validCURP, "CIJJ910210HDFZWZ77", "CIJJ910210HDFZWZ78"},
		{"rfc", validRFC, "KLVY880110770", "KLVY880110772"},
		{"dni", validDNI, "76055528W", "76055528A"},
		{"nie", validDNI, "Z3318986E", "Z3318986F"},
		{"aadhaar", validAadhaar, "671071646929", "671071646928"},
		{"my number", validMyNumber, "123456789018", "123456789019"},
		{"steuer-id", validSteuerID, "86501734289", "86501734288"},
		{"nino", validNINO, "RT206076A", "QQ206076A"},
		{"ssn", validSSN, "101332480", "666332480"},
		{"pan", validPAN, "ABCPE1234F", "ABCPE0000F"},
		{"personnummer", validPersonnummer, "8112189876", "8112189875"},
		{"personnummer with century", validPersonnummer, "198112189876", "198112189877"},
		{"fødselsnummer", validFodselsnummer, "01019010046", "01019010047"},
		{"henkilötunnus", validHETU, "131052308T", "131052308U"},
		{"henkilötunnus, 2000s", validHETU, "131052A308T", "131052A308U"},
		{"cpr", validCPR, "0101901234", "3213901234"},
		{"pesel", validPESEL, "44051401359", "44051401358"},
		{"iban", validIBAN, "DE89370400440532013000", "DE88370400440532013000"},
		{"iban letters", validIBAN, "GB29NWBK60161331926819", "GB29NWBK60161331926818"},
		{"hkid", validHKID, "A123456(3)", "A123456(7)"},
		{"hkid, two letters", validHKID, "A1234563", "A1234567"},
		{"taiwan id", validTaiwanID, "A123456789", "A123456780"},
		{"nric", validNRIC, "S1234567D", "S1234567E"},
		{"rrn", validRRN, "8503151234566", "8503151234567"},
		{"chinese id", validChineseID, "11010519491231002X", "110105194912310021"},
		{"chinese id, digit check", validChineseID, "440304199001011233", "440304199001011234"},
		{"thai id", validThaiID, "1103700123458", "1103700123459"},
	} {
		if !c.valid(c.good) {
			t.Errorf("%s: %s rejected", c.name, c.good)
		}
		if c.valid(c.broken) {
			t.Errorf("%s: %s accepted", c.name, c.broken)
		}
	}
	for _, s := range []string{"11111111111", "00000000000"} {
		if validCPF(s) {
			t.Errorf("cpf: placeholder %s accepted", s)
		}
	}
}

// TestIDLabelsChecked checks that data/personal_data.yaml cannot name an
// ID format the code does not know, nor leave out the labels a format
// needs.
func TestIDLabelsChecked(t *testing.T) {
	good := map[string][]string{}
	for _, id := range nationalIDs() {
		good[id.kind] = []string{"x"}
	}
	if err := checkIDLabels(good); err != nil {
		t.Fatalf("every format labelled: %v", err)
	}
	good["passport_xx"] = []string{"x"}
	if err := checkIDLabels(good); err == nil {
		t.Error("an unknown format was accepted")
	}
	delete(good, "passport_xx")
	delete(good, "cpf")
	if err := checkIDLabels(good); err == nil {
		t.Error("a format with bare digits and no labels was accepted")
	}
}

// TestCapsBeforeDigit checks the cheap test the letter-and-digit formats
// run first.
func TestCapsBeforeDigit(t *testing.T) {
	for s, want := range map[string]int{"CIJJ910210HDFZWZ77": 6, "ABCD910210": 4, "RT 20 60 76 A": 2, "DM us 12": 0, "Z3318986E": 1, "no digits": 0} {
		if got := capsBeforeDigit(s); got != want {
			t.Errorf("capsBeforeDigit(%q) = %d, want %d", s, got, want)
		}
	}
}
