package text

import (
	"fmt"
	"slices"
	"testing"
)

// Find tries a prefix entry only when the token starts with the prefix's
// first two bytes (prefixIndex): it must find exactly what trying every
// prefix entry at every token finds, for prefixes of one and more bytes,
// with apostrophes (found with or without), possessives ("a's" for
// "as*"), masked tokens and hashtags.
func TestPrefixIndexFindsWhatEveryEntryFinds(t *testing.T) {
	prefixes := []string{"a*", "as*", "don't*", "o'ne*", "donat*", "do*", "d*", "mothers*", "ab*", "ss*", "s*",
		"f*ck*", "fu*", "fuck*", "char* now", "ki*", "kill*", "30*", "🎉*"}
	var es []Entry
	for _, p := range prefixes {
		es = append(es, Entry{Phrase: p})
	}
	es = append(es, Entry{Phrase: "donate"}, Entry{Phrase: "as soon as"})
	lex := MustLexicon(es)
	texts := []string{
		"a's as A's asap abs ab a", "Dont donate, don't do it; dontcha donations d",
		"O'Neill oneills o'neal one", "mother's day Mothers Day mothersday", "s's ss's 's s",
		"f**k fu*k ***k fuuu fucking kills killer k1ll", "#DonateNow #AsSeen charity now, charities now",
		"30% 300 3 🎉🎉 party", "as soon as you can",
	}
	for _, txt := range texts {
		d := Analyse(txt, "en")
		type hit struct {
			ei   int
			span Span
		}
		var got, want []hit
		for _, m := range lex.Find(d) {
			if lex.words[m.Index][0].prefix {
				got = append(got, hit{m.Index, m.Span})
			}
		}
		for i := range d.Tokens {
			for ei, ws := range lex.words {
				if ws[0].prefix && d.Tokens[i].Norm != "" && ws[0].text[0] == d.Tokens[i].Norm[0] {
					for _, m := range lex.try(d, i, ei, stemLang(d), nil) {
						want = append(want, hit{m.Index, m.Span})
					}
				}
			}
		}
		cmp := func(a, b hit) int {
			if a.span.Start != b.span.Start {
				return a.span.Start - b.span.Start
			}
			if a.span.End != b.span.End {
				return a.span.End - b.span.End
			}
			return a.ei - b.ei
		}
		slices.SortFunc(got, cmp)
		slices.SortFunc(want, cmp)
		want = slices.Compact(want)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: Find's prefix matches %v, trying every entry %v", txt, got, want)
		}
		if len(want) == 0 {
			t.Errorf("%q: no prefix match; the case tests nothing", txt)
		}
	}
}

// A Doc keeps what each lexicon found for the next rule that asks; the
// answer handed out is the caller's to change, and a copy of the Doc read
// as another language gets its own answer.
func TestFindMemo(t *testing.T) {
	lex := MustLexicon([]Entry{{Phrase: "slut", Lang: "en"}, {Phrase: "gift"}})
	d := Analyse("slut gift", "")
	d.Language = "" // as the detector may leave it: every entry's language allowed
	first := lex.Find(d)
	if len(first) != 2 {
		t.Fatalf("Find = %v, want both words", first)
	}
	first[0].Entry, first = nil, first[:0]
	if again := lex.Find(d); len(again) != 2 || again[0].Entry == nil {
		t.Errorf("the kept answer changed with the caller's copy: %v", again)
	}
	c := *d
	c.Language = "sv"
	if ms := lex.Find(&c); len(ms) != 1 || ms[0].Entry.Phrase != "gift" {
		t.Errorf("a copy read as Swedish got %v, want only \"gift\"", ms)
	}
}

// Find passes over a phrase whose plain second word the next token is not
// (tryFirst); a next token that is masked or a possessive is not plain and
// still reads the phrase's word.
func TestSecondWordFilterKeepsMaskedAndPossessive(t *testing.T) {
	lex := MustLexicon(Phrases("holy shit", "love brand", "love brands", "love it", "your fault"))
	for _, c := range []struct {
		text string
		want []string
	}{
		{"holy sh*t that was fast", []string{"holy sh*t"}},
		{"we love Brand's new look", []string{"love Brand's", "love Brand's"}},
		{"love it, your fault", []string{"love it", "your fault"}},
		{"love them, your own fault, holy", nil},
	} {
		d := Analyse(c.text, "en")
		got := matchedTexts(d, lex.Find(d))
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%q: found %q, want %q", c.text, got, c.want)
		}
	}
}

// Find looks a first word up only when one of its phrases can go on from
// the token (tryFirst: the solos and pairs filters): over phrases of plain
// words, some first words with a one-word phrase and some without, it must
// find exactly what trying every entry at every token finds, at the last
// token, before a masked or possessive word and across sentences.
func TestFirstWordFiltersFindWhatEveryEntryFinds(t *testing.T) {
	lex := MustLexicon(Phrases("you are", "you should", "we", "we are sorry", "thank you", "thanks",
		"so sorry", "sorry", "holy shit", "love brand", "the worst", "worst", "dm us", "let us know"))
	texts := []string{
		"you are the worst, we are sorry", "So sorry! Thank you. DM us and let us know",
		"thank you", "you", "holy sh*t you should", "we love Brand's stuff; worst we",
		"love brand love", "let us", "Thanks! You are", "sorry? you. are",
	}
	found := 0
	for _, txt := range texts {
		d := Analyse(txt, "en")
		var got, want []string
		for _, m := range lex.Find(d) {
			got = append(got, fmt.Sprint(m.Index, m.Span))
		}
		for i := range d.Tokens {
			var at []Match
			for ei := range lex.words {
				at = lex.try(d, i, ei, stemLang(d), at)
			}
			slices.SortStableFunc(at, func(a, b Match) int { return b.Last - a.Last })
			for _, m := range at {
				want = append(want, fmt.Sprint(m.Index, m.Span))
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: Find %v, trying every entry %v", txt, got, want)
		}
		found += len(want)
	}
	if found < 15 {
		t.Fatalf("only %d matches: the cases test little", found)
	}
}

// FindShared answers as Find does, from the Doc's memo without a copy:
// appending to its answer leaves the kept answer as it was.
func TestFindShared(t *testing.T) {
	a, b := MustLexicon(Phrases("gift", "slut")), MustLexicon(Phrases("card"))
	d := Analyse("a gift card, a gift", "en")
	shared := a.FindShared(d)
	if want := a.Find(d); fmt.Sprint(shared) != fmt.Sprint(want) || len(shared) != 2 {
		t.Fatalf("FindShared %v, Find %v", shared, want)
	}
	_ = append(shared, Match{Index: 99})
	if cards := b.FindShared(d); len(cards) != 1 || cards[0].Index != 0 {
		t.Errorf("another lexicon's answer after an append to the first: %v", cards)
	}
	if again := a.FindShared(d); len(again) != 2 || again[1].Index != 0 || again[0].Index != 0 {
		t.Errorf("the kept answer changed: %v", again)
	}
	if ms := a.FindShared(tokenise("gift")); len(ms) != 1 {
		t.Errorf("a Doc without a memo: %v", ms)
	}
}
