package text

// Span is a half-open range [Start, End) of Unicode code points in the text
// the user wrote.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TokenKind says what a token is.
type TokenKind uint8

// The kinds of token.
const (
	Word TokenKind = iota + 1
	Number
	Hashtag
	Mention
	Cashtag
	URL
	Emoji
	Punct
)

// Token is one unit of the text with its span on the original. Norm is the
// matching form: case-folded, NFKC, look-alikes and full-width folded,
// masking and leetspeak undone ("Ｆ*ck" → "fuck"); for hashtags, mentions and
// cashtags it is the folded body without the sigil.
type Token struct {
	Kind TokenKind
	Raw  string
	Norm string
	Span
	// Obfuscated is true when Norm needed masking, leetspeak or look-alike
	// folding to read: someone tried to hide the word.
	Obfuscated bool
	// SentenceStart is true for the first token of a sentence, so rules can
	// tell a capitalised name from a capitalised first word.
	SentenceStart bool
}

// Entity is a hashtag, mention, cashtag or URL as twitter-text extracts it;
// Text excludes the sigil for hashtags, mentions and cashtags.
type Entity struct {
	Kind TokenKind
	Text string
	// List is the "/slug" of a list mention ("@user/list"); the span then
	// covers it too.
	List string
	Span
}

// Signals are post-level readings rules reuse, from one vocabulary
// (data/vocabulary.yaml). Each lists the spans that gave the signal, so a
// finding can point at the words; an empty list means the signal is absent.
type Signals struct {
	Promotional  []Span // sale, % off, discount, free shipping, shop/buy links, launch
	LightHearted []Span // jokes, puns, party emoji, "lol"
	Engagement   []Span // ask us, tell us, share your story, tweet us, tag us
	Condolence   []Span // thoughts are with, our hearts go out, RIP, condolences
	Charity      []Span // proceeds to, donate, fundraising, poppy appeal
	Personal     []Span // a first-person voice: I, my, me, jeg, meg
	Pivot        []Span // a turn to content or a product (here's, check out, try our); in Doc.Cues only
}

// Of returns the spans of a signal, or nil for an unknown one.
func (s *Signals) Of(sig Signal) []Span {
	if p := s.of(sig); p != nil {
		return *p
	}
	return nil
}

func (s *Signals) of(sig Signal) *[]Span {
	switch sig {
	case SignalPromotional:
		return &s.Promotional
	case SignalLightHearted:
		return &s.LightHearted
	case SignalEngagement:
		return &s.Engagement
	case SignalCondolence:
		return &s.Condolence
	case SignalCharity:
		return &s.Charity
	case SignalPersonal:
		return &s.Personal
	case SignalPivot:
		return &s.Pivot
	}
	return nil
}

// IsPromotional reports whether the post sells something.
func (s *Signals) IsPromotional() bool { return len(s.Promotional) > 0 }

// IsLightHearted reports whether the post jokes or celebrates.
func (s *Signals) IsLightHearted() bool { return len(s.LightHearted) > 0 }

// IsEngagement reports whether the post invites the public to respond.
func (s *Signals) IsEngagement() bool { return len(s.Engagement) > 0 }

// IsCondolence reports whether the post expresses sympathy.
func (s *Signals) IsCondolence() bool { return len(s.Condolence) > 0 }

// Doc is an analysed text.
type Doc struct {
	Raw      string
	Tokens   []Token // words, numbers, entities and emoji in order (no punctuation)
	Hashtags []Entity
	Mentions []Entity
	Cashtags []Entity
	URLs     []Entity
	Language string // "en", "no", "de", … or "" when unknown
	// Candidates are the languages the text may be in, most likely first:
	// Language alone when it is known; when it is not, the detector's
	// short list (empty for a text too short or not in Latin script).
	Candidates []string
	// Signals are the strong readings of the post's tone; Cues the broad
	// ones (the signals plus weaker cue phrases), for a rule that already
	// has another reason to look (a solemn day, a tragedy in the news).
	Signals Signals
	Cues    Signals
	runes   []rune
	byteOff []int32     // byte offset in Raw of each code point, then len(Raw)
	info    []tokenInfo // what lexicons ask of each token (see tokenInfo)
	finds   *findMemo   // what each lexicon found, for the next rule that asks
}

// Len is the text's length in code points.
func (d *Doc) Len() int { return len(d.runes) }

// Slice returns the original text of a span.
func (d *Doc) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.runes) || s.Start > s.End {
		return ""
	}
	return string(d.runes[s.Start:s.End])
}
