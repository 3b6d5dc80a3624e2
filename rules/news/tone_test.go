package news

import (
	"testing"

	"github.com/preflight-dev/preflight/text"
)

// The news rules read tone from the text package's analysis: the cues,
// the pivot cues, and a price unless the sum goes to a cause.
func TestToneFromText(t *testing.T) {
	r, err := newReader(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text               string
		promo, light, plug bool
	}{
		{"Had enough of the shaking? Escape to Fiji - flights from $299!", true, false, false},
		{"We are donating €20,000 to the appeal for the victims.", false, false, false},
		{"Surge pricing has been turned off at #JFK Airport.", true, false, false},
		{"Our thoughts are with Boston. Here's a bowl of breakfast energy to start the day.", false, false, true},
		{"Our thoughts are with everyone in Boston tonight.", false, false, false},
		{"Let's go, we celebrate 10 years 🔥", false, true, false},
	}
	for _, c := range cases {
		tn := r.toneOf(text.Analyse(c.text, "en"))
		if got := len(tn.promo) > 0; got != c.promo {
			t.Errorf("%q: promotional %v, want %v", c.text, got, c.promo)
		}
		if got := len(tn.light) > 0; got != c.light {
			t.Errorf("%q: light-hearted %v, want %v", c.text, got, c.light)
		}
		if tn.plug != c.plug {
			t.Errorf("%q: plug %v, want %v", c.text, tn.plug, c.plug)
		}
	}
}
