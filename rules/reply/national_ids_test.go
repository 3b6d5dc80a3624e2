package reply

import "testing"

// TestIDChecks runs each ID check on a valid number and on the same number
// with its check digit changed: the check is what keeps an order number of
// the same shape from being reported. The valid numbers were cross-checked
// with the stdnum library's validators (npm stdnum 1.12.0).
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
		{"iban", validIBAN, "DE89370400440532013000", "DE88370400440532013000"},
		{"iban letters", validIBAN, "GB29NWBK60161331926819", "GB29NWBK60161331926818"},
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
