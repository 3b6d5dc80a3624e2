package text

import "unicode"

// Words returns the word tokens (not numbers, entities or emoji), in order.
func (d *Doc) Words() []Token {
	out := make([]Token, 0, len(d.Tokens))
	for _, t := range d.Tokens {
		if t.Kind == Word {
			out = append(out, t)
		}
	}
	return out
}

// Sentences returns the span of each sentence: from its first token to its
// last, with the sentence's closing punctuation.
func (d *Doc) Sentences() []Span {
	var out []Span
	for i := 0; i < len(d.Tokens); {
		j := i + 1
		for j < len(d.Tokens) && !d.Tokens[j].SentenceStart {
			j++
		}
		s := Span{d.Tokens[i].Start, d.Tokens[j-1].End}
		for s.End < len(d.runes) && isSentenceEnd(d.runes[s.End]) && d.runes[s.End] != '\n' {
			s.End++
		}
		out = append(out, s)
		i = j
	}
	return out
}

// nameJoiners may stand between the capitalised words of one name
// ("Bank of America", "Leonardo da Vinci").
var nameJoiners = map[string]bool{"of": true, "the": true, "de": true, "da": true, "di": true, "van": true,
	"von": true, "la": true, "le": true, "del": true, "&": true, "og": true, "i": false}

// calendarWords are capitalised in English but name no particular thing
// on their own ("on Sunday"); in a longer name they count ("Black Friday").
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// Names returns the spans of named things: runs of capitalised words that
// do not merely start a sentence ("Boston Marathon", "Bank of America",
// "NASA"), and hashtag bodies. A capitalised first word of a sentence
// counts only when the next word is capitalised too and the first word is
// not a function word ("The", "Our", "Vi"). In a post written mostly in
// capitals, only hashtags count.
func (d *Doc) Names() []Span {
	var out []Span
	upper, letters := 0, 0
	for _, t := range d.Tokens {
		if t.Kind == Word {
			for _, r := range t.Raw {
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						upper++
					}
				}
			}
		}
	}
	shouting := letters > 12 && upper*10 > letters*6
	capital := func(t *Token) bool {
		if t.Kind != Word || shouting {
			return false
		}
		for _, r := range t.Raw {
			return unicode.IsUpper(r) || unicode.IsTitle(r)
		}
		return false
	}
	for i := 0; i < len(d.Tokens); i++ {
		t := &d.Tokens[i]
		if t.Kind == Hashtag {
			out = append(out, Span{t.Start + 1, t.End})
			continue
		}
		if !capital(t) || t.Raw == "I" {
			continue
		}
		// Extend over capitalised words and joiners followed by one.
		j := i + 1
		for j < len(d.Tokens) && !d.Tokens[j].SentenceStart {
			if capital(&d.Tokens[j]) {
				j++
				continue
			}
			if nameJoiners[d.Tokens[j].Norm] && j+1 < len(d.Tokens) && capital(&d.Tokens[j+1]) && !d.Tokens[j+1].SentenceStart {
				j += 2
				continue
			}
			break
		}
		first := i
		if t.SentenceStart {
			if j-i < 2 || functionWords[t.Norm] != "" {
				first = i + 1
			}
		}
		if first < j && !(j-first == 1 && calendarWords[d.Tokens[first].Norm]) {
			out = append(out, Span{d.Tokens[first].Start, d.Tokens[j-1].End})
		}
		i = j - 1
	}
	return out
}
