package text

import (
	"reflect"
	"testing"
)

func TestLexicon(t *testing.T) {
	lex, err := NewLexicon([]Entry{
		{Phrase: "fuck*", Value: "strong"},
		{Phrase: "shit"},
		{Phrase: "free shipping"},
		{Phrase: "two-for-one"},
		{Phrase: "save <num>"},
		{Phrase: "shop now"},
		{Phrase: "black friday"},
		{Phrase: "rip"},
		{Phrase: "🎉"},
		{Phrase: "brand"},
		{Phrase: "kjøp nå"},
		{Phrase: "ask our * anything"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []string // matched original text
	}{
		{"What the f**king hell", []string{"f**king"}},
		{"ＦＵＣＫ this", []string{"ＦＵＣＫ"}},
		{"this is sh1t", []string{"sh1t"}},
		{"s**t happens", []string{"s**t"}}, // mask fits "shit"
		{"Free Shipping today!", []string{"Free Shipping"}},
		{"Our two for one deal", []string{"two for one"}},
		{"It's Two-For-One day", []string{"Two-For-One"}},
		{"Save 30% now", []string{"Save 30"}},
		{"#ShopNow and #BlackFriday", []string{"#ShopNow", "#BlackFriday"}},
		{"#RIP legend", []string{"#RIP"}},
		{"Party 🎉🎉", []string{"🎉", "🎉"}},
		{"The Brand's new look", []string{"Brand's"}},
		{"Kjøp nå!", []string{"Kjøp nå"}},
		{"Ask our chef anything!", []string{"Ask our chef anything"}},
		// Near misses.
		{"Scunthorpe and shiitake and cocktail", nil},
		{"free. Shipping starts Monday", nil}, // across a sentence
		{"shop. Now we talk", nil},
		{"ripe fruit, a ripple", nil},
		{"save the date", nil},
		{"#freeshippingday", nil},
		{"Ask our anything", nil},           // * is one word, not none
		{"Ask our head chef anything", nil}, // nor two
		{"Ask our 3 chefs anything", nil},   // nor a number
		{"#AskOurChefAnything", nil},        // nor inside a hashtag
	} {
		d := Analyse(c.text, "en")
		got := matchedTexts(d, lex.FindLongest(d))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, p := range []string{"", "   ", "!!!", "* anything"} {
		if _, err := NewLexicon([]Entry{{Phrase: p}}); err == nil {
			t.Errorf("NewLexicon(%q): no error", p)
		}
	}
}

func TestLexiconFindAll(t *testing.T) {
	lex := MustLexicon(Phrases("free", "free shipping"))
	d := Analyse("free shipping", "en")
	ms := lex.Find(d)
	if len(ms) != 2 || ms[0].Entry.Phrase != "free shipping" || ms[1].Entry.Phrase != "free" {
		t.Errorf("Find = %+v, want the longer match first, then the shorter", ms)
	}
	if got := lex.FindLongest(d); len(got) != 1 || got[0].Entry.Phrase != "free shipping" {
		t.Errorf("FindLongest = %+v", got)
	}
}

// TestLexiconAccentsLeftOut: a phrase of two or more words matches a post
// that leaves its accents out; a word alone, and ñ, do not.
func TestLexiconAccentsLeftOut(t *testing.T) {
	lex := MustLexicon([]Entry{
		{Phrase: "qué resaca"},
		{Phrase: "feliz año nuevo"},
		{Phrase: "promoção relâmpago"},
		{Phrase: "coño"},
		{Phrase: "schön"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Que resaca llevo hoy", []string{"Que resaca"}},
		{"qué resaca", []string{"qué resaca"}},
		{"Promocao relampago hoje", []string{"Promocao relampago"}},
		{"Promoção relampago hoje", []string{"Promoção relampago"}},
		{"#PromocaoRelampago", []string{"#PromocaoRelampago"}},
		{"Feliz ano nuevo", nil},   // ñ is a letter of its own: "ano" is another word
		{"Cono de helado", nil},    // one word alone keeps its accents
		{"Das ist schon gut", nil}, // "schon" is not "schön"
	} {
		d := Analyse(c.text, "")
		got := matchedTexts(d, lex.Find(d))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// TestLexiconArabicProclitic: an Arabic word is found with a one-letter
// proclitic written onto it ("for maids"), but a short word that merely
// starts with that letter is not cut ("كتاب", a book, is not "تاب").
func TestLexiconArabicProclitic(t *testing.T) {
	lex := MustLexicon([]Entry{{Phrase: "خادمات"}, {Phrase: "تاب"}})
	for _, c := range []struct {
		text string
		n    int
	}{
		{"عروض لخادمات البيوت", 1},
		{"خادمات وخادمات", 2},
		{"كتاب جديد", 0},
	} {
		if got := len(lex.Find(Analyse(c.text, "ar"))); got != c.n {
			t.Errorf("%q: %d matches, want %d", c.text, got, c.n)
		}
	}
}

// matchedTexts are the post's words each match covers, in order.
func matchedTexts(d *Doc, ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, d.Slice(m.Span))
	}
	return out
}
