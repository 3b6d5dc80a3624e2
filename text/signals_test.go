package text

import (
	"slices"
	"strings"
	"testing"
)

func TestSignals(t *testing.T) {
	type want struct{ promo, light, engage, condolence bool }
	for _, c := range []struct {
		text string
		want want
	}{
		{"Summer sale: 30% off everything, free shipping!", want{promo: true}},
		{"Save 20% with promo code SUMMER", want{promo: true}},
		{"Two-for-one burgers all week", want{promo: true}},
		{"BOGO on all tees", want{promo: true}},
		{"New collection just dropped, shop now: https://example.com/shop/new", want{promo: true}},
		{"Book now for summer", want{promo: true}},
		{"Tilbud! 30 % rabatt på alle jakker, gratis frakt", want{promo: true}},
		{"Kjøp nå før det er for sent", want{promo: true}},
		{"lol this is us every Monday 😂", want{light: true}},
		{"Friday feels 🎉🥳", want{light: true}},
		{"Here we go, baby!", want{light: true}},
		{"Haha, pun intended", want{light: true}},
		{"Tell us your favourite flavour in the comments", want{engage: true}},
		{"Got a question? Tweet it with #AskACME", want{engage: true}},
		{"Share your story with us", want{engage: true}},
		{"Finish this sentence: summer is…", want{engage: true}},
		{"Si ifra hva du synes!", want{engage: true}},
		// Open invitations a brand runs.
		{"Ask our head brewer anything, live at 6!", want{}}, // two words: a cue only
		{"Ask our brewer anything, live at 6!", want{engage: true}},
		{"Join our Q&A with the design team at noon", want{engage: true}},
		{"Enter to win a year of coffee", want{engage: true}},
		{"Vote for the flavour we bring back", want{engage: true}},
		{"Our thoughts are with everyone affected in Boston.", want{condolence: true}},
		{"Our hearts go out to the victims and their families", want{condolence: true}},
		{"RIP to a legend", want{condolence: true}},
		{"Vi tenker på alle som er rammet. Vi kondolerer.", want{condolence: true}},
		{"Ladies drink free at our club this Sunday", want{promo: true, light: true}},
		{"Rain boots 25% off today", want{promo: true}},
		{"Alt -20% i helgen", want{promo: true}},
		{"Up to 50% on selected lines", want{promo: true}},
		// Near misses: must give no signal.
		{"Our store opens at 9 on Monday.", want{}},
		{"The political party announced its candidate.", want{}},
		{"Prices went up 24% this year, the report says.", want{}},
		{"We reviewed 2 documents.", want{}},
		{"Sale of the century? Hardly.", want{promo: true}},
		{"Read the full report on our website.", want{}},
		{"Vi har åpent som vanlig i dag.", want{}},
		{"The shiitake harvest was ripe early.", want{}},
	} {
		d := Analyse(c.text, "")
		s := d.Signals
		got := want{s.IsPromotional(), s.IsLightHearted(), s.IsEngagement(), s.IsCondolence()}
		if got != c.want {
			t.Errorf("%q: signals %+v, want %+v (%+v)", c.text, got, c.want, s)
		}
	}
}

// compareJoined orders as comparing the joined strings does, whichever
// part a difference falls in.
func TestCompareJoined(t *testing.T) {
	parts := []string{"", "a", "ab", "b", "promo", "promotional", "cue"}
	for _, a1 := range parts {
		for _, a2 := range parts {
			for _, b1 := range parts {
				for _, b2 := range parts {
					want := strings.Compare(a1+a2, b1+b2)
					if got := compareJoined(a1, a2, b1, b2); (got < 0) != (want < 0) || (got == 0) != (want == 0) {
						t.Fatalf("compareJoined(%q, %q, %q, %q) = %d, want the sign of %d", a1, a2, b1, b2, got, want)
					}
				}
			}
		}
	}
}

// TestPriceAndLanguageCues: an asking price and the everyday sale words of
// the other detected languages are promotional cues; a sum raised is not.
func TestPriceAndLanguageCues(t *testing.T) {
	for _, c := range []struct {
		text, lang string
		promo      bool
	}{
		{"Sunny weekend away? Fares from $9.", "", true},
		{"Only £5 for a large pizza tonight", "", true},
		{"Tickets ab 10€ im Vorverkauf", "", true},
		{"Menù degustazione a 25 € stasera", "it", true},
		{"Formule midi à 14 € en terrasse", "fr", true},
		{"El museo recibió a 300 visitantes", "es", false},
		{"Thanks to you we raised $12,000 for the shelter.", "", false},
		{"We gave $500 to the food bank.", "", false},
		{"%30 indirim bugün!", "tr", true},
		{"Bajamos los precios de toda la tienda", "es", true},
		{"Nuove offerte in negozio", "it", true},
		{"Het regent vandaag in Utrecht.", "nl", false},
		{"Hoy llueve en Madrid.", "es", false},
	} {
		d := Analyse(c.text, c.lang)
		if got := len(d.Cues.Promotional) > 0; got != c.promo {
			t.Errorf("%q: promotional cue %v, want %v (%+v)", c.text, got, c.promo, d.Cues.Promotional)
		}
	}
}

// TestZheDiscounts: a discount written in tenths before 折 inside a run
// of Han letters is promotional; 折 in other words (骨折, a fracture) and
// a count of three digits are not.
func TestZheDiscounts(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"苓雅門市全面5折，今天開搶", []string{"5折"}},
		{"今天報名享85折", []string{"85折"}},
		{"骨折了，很痛", nil},
		{"第120折頁", nil},
	} {
		d := Analyse(c.text, "zh")
		var got []string
		for _, s := range zheDiscounts(d, &d.Tokens[0], nil) {
			got = append(got, d.Slice(s))
		}
		for i := 1; i < len(d.Tokens); i++ {
			for _, s := range zheDiscounts(d, &d.Tokens[i], nil) {
				got = append(got, d.Slice(s))
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}

// TestHaltedSelling: selling words that a word before them says have
// stopped are not selling; the same words otherwise are.
func TestHaltedSelling(t *testing.T) {
	for _, c := range []struct {
		text  string
		promo bool
	}{
		{"Our hearts are with everyone in the city. We have paused all promotions.", false},
		{"We've postponed our summer sale out of respect.", false},
		{"Stop by for our summer sale!", true},
		{"No fees, and 20% off everything today!", true},
	} {
		d := Analyse(c.text, "en")
		if got := len(d.Signals.Promotional) > 0; got != c.promo {
			t.Errorf("%q: promotional %v, want %v (%v)", c.text, got, c.promo, d.Signals.Promotional)
		}
	}
}

// TestAmounts: numbers with their currency, before, after or glued, and
// the units that are also everyday words left out.
func TestAmounts(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Lunch for $9 today", []string{"$9"}},
		{"Burger et frites à 9,90 € !", []string{"9,90 €"}},
		{"Couscous à 12 DT", []string{"12 DT"}},
		{"Set makan RM9.90 hari ini", []string{"RM9.90"}},
		{"Mulai Rp 50.000 saja", []string{"Rp 50.000"}},
		{"We walked 10 ft to the shop at 5 lei", nil},
		{"Doors open at 9, free entry", nil},
	} {
		d := Analyse(c.text, "")
		var got []string
		for _, s := range Amounts(d) {
			got = append(got, d.Slice(s))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
