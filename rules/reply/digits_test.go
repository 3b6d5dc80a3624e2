package reply

import (
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// TestPersonalDataOtherDigits: a phone number written in Arabic-Indic,
// Persian or Devanagari digits is the customer's number as much as one in
// ASCII digits, and the span is on the digits the user wrote.
func TestPersonalDataOtherDigits(t *testing.T) {
	pd, err := newPersonalData(PersonalDataOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ reply, want string }{
		{"سيتواصل المندوب معك على الرقم ٠٥٥٣٢١٨٨٤٧ اليوم.", "٠٥٥٣٢١٨٨٤٧"},
		{"سيتواصل المندوب معك على الرقم ۰۵۵۳۲۱۸۸۴۷ اليوم.", "۰۵۵۳۲۱۸۸۴۷"},
		{"The courier will call you on ０５５３２１８８４７ today.", "０５５３２１８８４７"},
	} {
		d := text.Analyse(c.reply, "")
		hits := pd.find(d)
		if len(hits) == 0 {
			hits = pd.findFolded(d)
		}
		if len(hits) != 1 || d.Slice(hits[0].span) != c.want {
			var got []string
			for _, h := range hits {
				got = append(got, d.Slice(h.span))
			}
			t.Errorf("%q: found %q, want %q", c.reply, got, c.want)
		}
	}
	if _, ok := foldDigits("Order 12345 ships today"); ok {
		t.Error("foldDigits changed a text with ASCII digits only")
	}
}
