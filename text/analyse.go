package text

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Analyse tokenises and reads raw. language is a BCP 47 tag when the caller
// knows it ("en", "nb", "no-NO"); empty means detect. Doc.Language is "en",
// "no", another primary subtag as given or detected ("de"), or "" when
// unknown; Doc.Candidates lists the languages the post may be in.
func Analyse(raw, language string) *Doc {
	d := tokenise(raw)
	if lang := NormaliseLanguage(language); lang != "" {
		d.Language, d.Candidates = lang, []string{lang}
	} else if language == "" {
		det := Detect(d)
		d.Language, d.Candidates = det.Language, det.Candidates
	}
	// From here the Doc is what lexicons read: their answers can be kept.
	d.finds = &findMemo{owner: d}
	d.Signals, d.Cues = readSignals(d)
	return d
}

// DetectText is Detect on raw's words alone, without the tone reading
// Analyse adds: for a caller that only needs the language (the news index
// guessing an article's, before it analyses the article in it).
func DetectText(raw string) Detection { return detect(tokenise(raw), false) }

// tokenise splits raw into its tokens and entities: a Doc without its
// language or signals.
func tokenise(raw string) *Doc {
	sc := newScanner(raw)
	d := &Doc{Raw: raw, runes: sc.src}
	if len(raw) > indexFrom {
		d.byteOff = slices.Clone(sc.boff)
	}
	ents := extractEntities(raw, sc.src)
	pos := 0
	for _, e := range ents {
		if e.Start < pos {
			continue
		}
		sc.words(sc.foldedIndex(pos), sc.foldedIndex(e.Start))
		sc.entity(e)
		switch e.Kind {
		case Hashtag:
			d.Hashtags = append(d.Hashtags, e)
		case Mention:
			d.Mentions = append(d.Mentions, e)
		case Cashtag:
			d.Cashtags = append(d.Cashtags, e)
		case URL:
			d.URLs = append(d.URLs, e)
		}
		pos = e.End
	}
	sc.words(sc.foldedIndex(pos), len(sc.f.r))
	d.Tokens = sc.toks
	d.info = tokenInfos(d.Tokens)
	sc.release()
	return d
}

// entity appends the token of an extracted entity.
func (sc *scanner) entity(e Entity) {
	a, b := sc.foldedIndex(e.Start), sc.foldedIndex(e.End)
	if a >= b {
		return
	}
	raw := sc.rawOf(e.Span)
	switch e.Kind {
	case URL:
		sc.emit(URL, a, b, strings.ToLower(raw), false, a)
		// URL tokens carry no origins per rune; NormaliseMap never sees them.
		return
	case Cashtag:
		if strings.ToUpper(e.Text) != e.Text {
			// "$hit" is leetspeak, not a ticker symbol.
			sc.piece(a, b)
			return
		}
	}
	w := append(sc.scratch[:0], sc.f.r[a+1:b]...)
	sc.scratch = w
	norm, obf := normWord(w, false)
	sc.toks = append(sc.toks, Token{Kind: e.Kind, Raw: raw, Norm: norm, Span: e.Span, Obfuscated: obf, SentenceStart: sc.sent})
	sc.sent = false
}

// indexFrom is the text length (bytes) from which a Doc keeps the byte
// offset of every code point: below it, counting code points from the start
// is cheaper than the index.
const indexFrom = 1024

// RuneSpan converts a byte range of Raw (as regexp returns) to a code-point
// span. On long texts it takes logarithmic time, so rules may call it for
// every match.
func (d *Doc) RuneSpan(byteStart, byteEnd int) Span {
	if d.byteOff == nil {
		s := utf8.RuneCountInString(d.Raw[:byteStart])
		return Span{s, s + utf8.RuneCountInString(d.Raw[byteStart:byteEnd])}
	}
	return Span{d.runeAt(byteStart), d.runeAt(byteEnd)}
}

// runeAt is the index of the code point that starts at byte b (the number
// of code points before b).
func (d *Doc) runeAt(b int) int {
	i, _ := slices.BinarySearch(d.byteOff, int32(b))
	return i
}
