package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalise(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hello World", "hello world"},
		{"ｆｕｃｋ", "fuck"},
		{"Ｆ*ck", "fuck"},
		{"f**k", "fuck"},
		{"f*cking", "fucking"},
		{"sh1t", "shit"},
		{"$hit", "shit"},
		{"a$$", "ass"},
		{"f.u.c.k", "fuck"},
		{"f_u_c_k", "fuck"},
		{"f-u-c-k", "fuck"},
		{"b!tch", "bitch"},
		{"fu\u200bck", "fuck"},
		{"f\u202eck", "fck"},
		{"ѕех", "sex"},               // Cyrillic look-alikes
		{"pаypal", "paypal"},         // one Cyrillic а in a Latin word
		{"привет", "привет"},         // a real Russian word stays
		{"𝐟𝐮𝐜𝐤", "fuck"},             // mathematical bold
		{"s**t", "s**t"},             // ambiguous mask stays a mask
		{"24%", "24"},                // numbers stay numbers
		{"2for1", "2for1"},           // starts with a digit: not leet
		{"covid19", "covid19"},       // digits at the end: not leet
		{"$5.99 off", "5.99 off"},    // price
		{"1,000 fans", "1,000 fans"}, // thousands
		{"Blåbærsyltetøy", "blåbærsyltetøy"},
		{"Ærlig talt", "ærlig talt"},
		{"e\u0301", "é"}, // composed
		{"don’t", "don't"},
		{"well-known", "well known"},
		{"Scunthorpe Middlesex cocktail shiitake", "scunthorpe middlesex cocktail shiitake"},
		{"Hello!!! World...", "hello world"},
		{"🎉🥳", "🎉 🥳"},
		{"🇳🇴🇬🇧 👍🏽", "🇳🇴 🇬🇧 👍"},
	} {
		if got := Normalise(c.in); got != c.want {
			t.Errorf("Normalise(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestObfuscated(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"fuck", false}, {"f*ck", true}, {"sh1t", true}, {"ѕех", true}, {"fu\u200bck", true},
		{"Scunthorpe", false}, {"2for1", false}, {"æøå", false},
	} {
		d := Analyse(c.in, "en")
		if len(d.Tokens) != 1 {
			t.Errorf("%q: %d tokens, want 1", c.in, len(d.Tokens))
			continue
		}
		if got := d.Tokens[0].Obfuscated; got != c.want {
			t.Errorf("%q: Obfuscated = %v, want %v", c.in, got, c.want)
		}
	}
}

// checkNormaliseMap asserts the normaliser's invariants on one input.
func checkNormaliseMap(t *testing.T, s string) {
	n, offs := NormaliseMap(s)
	if !utf8.ValidString(n) {
		t.Fatalf("NormaliseMap(%q) = %q: invalid UTF-8", s, n)
	}
	if got := Normalise(n); got != n {
		t.Fatalf("not idempotent: %q -> %q -> %q", s, n, got)
	}
	total := utf8.RuneCountInString(s)
	if len(offs) != utf8.RuneCountInString(n)+1 || offs[len(offs)-1] != total {
		t.Fatalf("NormaliseMap(%q): %d offsets for %d runes (last %d, want %d)", s, len(offs), utf8.RuneCountInString(n), offs[len(offs)-1], total)
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] || offs[i] < 0 || offs[i] > total {
			t.Fatalf("NormaliseMap(%q): offsets %v not monotonic/in bounds at %d", s, offs, i)
		}
	}
	// Every token's span is whole code points inside the text, in order (two
	// tokens may share one character: "½" reads as 1 and 2).
	d := Analyse(s, "")
	prev := 0
	for _, tk := range d.Tokens {
		if tk.Start < prev || tk.End > d.Len() || tk.Start >= tk.End {
			t.Fatalf("Analyse(%q): bad span %v after %d", s, tk.Span, prev)
		}
		if d.Slice(tk.Span) != tk.Raw {
			t.Fatalf("Analyse(%q): Raw %q != Slice %q", s, tk.Raw, d.Slice(tk.Span))
		}
		if !strings.Contains(s, tk.Raw) {
			t.Fatalf("Analyse(%q): raw %q not in text", s, tk.Raw)
		}
		prev = tk.Start
	}
}

func TestNormaliseMapInvariants(t *testing.T) {
	for _, s := range []string{"", "a", "Ｆ*ck this", "f.u.c.k!", "\u0301a", "e\u0301\u200b", "ﬁne ½ ㍿", "a\u200d\u200db", "#fun @x $AAPL http://x.com/a"} {
		checkNormaliseMap(t, s)
	}
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"Ｆ*ck sh1t $hit a$$ f.u.c.k b!tch", "ѕех pаypal привет", "24% 2for1 $5.99 1,000", "e\u0301 ﬁ ½ 𝐟𝐮𝐜𝐤", "Blåbær! 🎉🥳 lol", "fu\u200bck \u202eabc", "#tag @user $CASH https://t.co/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		checkNormaliseMap(t, s)
	})
}

func TestNormaliseSymbolsInNumbers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"US$5", "us$5"},
		{"a$$hole", "asshole"},
		{"me@5pm", "me@5pm"},
	} {
		if got := Normalise(c.in); got != c.want {
			t.Errorf("Normalise(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
