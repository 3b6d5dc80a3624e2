package text

import (
	_ "embed"
	"encoding/json"
	"sync"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/twitter-config-v3.json
var twitterConfigJSON []byte

// twitterConfig is twitter-text's length configuration (version 3).
type twitterConfig struct {
	MaxWeightedTweetLength int  `json:"maxWeightedTweetLength"`
	Scale                  int  `json:"scale"`
	DefaultWeight          int  `json:"defaultWeight"`
	EmojiParsingEnabled    bool `json:"emojiParsingEnabled"`
	TransformedURLLength   int  `json:"transformedURLLength"`
	Ranges                 []struct {
		Start, End rune
		Weight     int
	} `json:"ranges"`
}

// xConfig is the embedded configuration, decoded on first use: a process
// that measures no post for X does not decode it.
var xConfig = sync.OnceValue(func() *twitterConfig {
	var c twitterConfig
	if err := json.Unmarshal(twitterConfigJSON, &c); err != nil {
		panic("text: bad embedded twitter config: " + err.Error())
	}
	return &c
})

// XMaxWeightedLength is the longest post X accepts, in weighted characters
// (the configuration's maxWeightedTweetLength: TestXMaxWeightedLength).
const XMaxWeightedLength = 280

// TweetLength is how X counts a post, as twitter-text's parseTweet does.
type TweetLength struct {
	// Weighted is the length X enforces: most Latin, Cyrillic and Greek
	// characters and general punctuation count 1; other characters (CJK,
	// most symbols) count 2; an emoji sequence counts 2; every URL counts
	// 23 however long it is.
	Weighted int
	// Valid is true when the post is not empty, within the limit and free
	// of the characters X refuses (U+FFFE, U+FEFF, U+FFFF).
	Valid bool
	// Permillage is Weighted as thousandths of the limit.
	Permillage int
	// ValidEnd is the code-point offset in the text where the part X
	// accepts ends: text from here on is over the limit.
	ValidEnd int
}

// ParseTweet counts s as X does (twitter-text v3 configuration: NFC,
// weights by code-point range, URLs 23, emoji 2).
func ParseTweet(s string) TweetLength { return parseTweet(s, xConfig()) }

func parseTweet(s string, c *twitterConfig) TweetLength {
	n := s
	if !norm.NFC.IsNormalString(s) {
		n = norm.NFC.String(s)
	}
	return countTweet(s, n, []rune(n), extractURLs(n, newCounter(n)), c)
}

// XLength is ParseTweet of the text from code point from on (a reply's
// leading @names do not count on X), reusing the Doc's runes and URLs
// when the text is already in NFC, as nearly all text is.
func (d *Doc) XLength(from int) TweetLength {
	from = max(0, min(from, len(d.runes)))
	if !norm.NFC.IsNormalString(d.Raw) {
		return ParseTweet(d.Slice(Span{from, len(d.runes)}))
	}
	var urls []Entity
	for _, u := range d.URLs {
		if u.Start >= from {
			u.Span = Span{u.Start - from, u.End - from}
			urls = append(urls, u)
		}
	}
	rest := d.runes[from:]
	return countTweet("", "", rest, urls, xConfig())
}

// countTweet counts the code points src of the NFC text n (s is the text
// before NFC; both may be "" when src is already NFC and n is then made
// only if needed) with its URLs.
func countTweet(s, n string, src []rune, urlEntities []Entity, c *twitterConfig) TweetLength {
	urls := make(map[int]int, len(urlEntities))
	for _, u := range urlEntities {
		urls[u.Start] = u.End
	}
	var emoji map[int]int
	if c.EmojiParsingEnabled && mayHaveEmoji(src) {
		if n == "" {
			n = string(src)
		}
		emoji = emojiSequences(n)
	}
	max := c.MaxWeightedTweetLength * c.Scale
	weighted, valid, validEnd := 0, true, 0
	for i := 0; i < len(src); i++ {
		if end, ok := urls[i]; ok {
			weighted += c.TransformedURLLength * c.Scale
			i = end - 1
		} else if end, ok := emoji[i]; ok {
			weighted += c.DefaultWeight
			i = end - 1
		} else {
			weighted += charWeight(c, src[i])
		}
		if valid && (src[i] == 0xFFFE || src[i] == 0xFEFF || src[i] == 0xFFFF) {
			valid = false
		}
		if valid && weighted <= max {
			validEnd = i + 1
		}
	}
	w := weighted / c.Scale
	valid = valid && w > 0 && w <= c.MaxWeightedTweetLength
	// NFC may have shortened the text; shift the end back onto s.
	if s != "" {
		validEnd += utf8.RuneCountInString(s) - len(src)
	}
	return TweetLength{Weighted: w, Valid: valid, Permillage: w * 1000 / c.MaxWeightedTweetLength, ValidEnd: validEnd}
}

// WeightedLength is the length X counts for s (at most 280 is allowed).
func WeightedLength(s string) int { return ParseTweet(s).Weighted }

func charWeight(c *twitterConfig, r rune) int {
	if r > 0xFFFF {
		// twitter-text weighs the first UTF-16 unit, a surrogate.
		return c.DefaultWeight
	}
	for _, rg := range c.Ranges {
		if r >= rg.Start && r <= rg.End {
			return rg.Weight
		}
	}
	return c.DefaultWeight
}

// emojiSequences maps the code-point start of each emoji sequence (a
// grapheme cluster that is an emoji: pictographs, flags, keycaps, ZWJ
// sequences, with skin tones and presentation selectors) to its end. Only
// characters that can begin an emoji are segmented.
func emojiSequences(s string) map[int]int {
	var m map[int]int
	pos := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r < 0xA9 && !(r == '#' || r == '*' || '0' <= r && r <= '9') {
			i += w
			pos++
			continue
		}
		cluster, _, _, _ := uniseg.FirstGraphemeClusterInString(s[i:], -1)
		n := utf8.RuneCountInString(cluster)
		if isEmojiCluster(cluster) {
			if m == nil {
				m = map[int]int{}
			}
			m[pos] = pos + n
		}
		i += len(cluster)
		pos += n
	}
	return m
}

func isEmojiCluster(c string) bool {
	first, _ := utf8.DecodeRuneInString(c)
	for _, r := range c {
		if r == 0xFE0F || r == 0x20E3 && first < 0x80 {
			return true
		}
	}
	switch {
	case first >= 0x1F000 && first <= 0x1FAFF:
		// Pictographs and flags; not the enclosed letters and digits.
		return first < 0x1F100 || first > 0x1F1E5
	case first >= 0x2600 && first <= 0x27BF, first >= 0x2B00 && first <= 0x2BFF, first >= 0x2300 && first <= 0x23FF:
		return emojiPresentation(first)
	}
	return false
}

// emojiPresentation lists the symbols below U+1F000 that show as emoji
// without a variation selector.
func emojiPresentation(r rune) bool {
	switch r {
	case 0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615,
		0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA,
		0x26F2, 0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753,
		0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B55:
		return true
	}
	return r >= 0x2648 && r <= 0x2653
}

// Graphemes counts user-perceived characters (grapheme clusters), the unit
// Bluesky limits posts by.
func Graphemes(s string) int { return uniseg.GraphemeClusterCount(s) }

// GraphemeOffset returns the code-point offset in s where grapheme cluster
// n (counting from 0) starts, or the length of s in code points when s has
// n clusters or fewer: the start of the part over a limit of n.
func GraphemeOffset(s string, n int) int {
	pos, state := 0, -1
	for i := 0; i < n && len(s) > 0; i++ {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		pos += utf8.RuneCountInString(cluster)
	}
	return pos
}

// mayHaveEmoji reports whether any code point could start or be part of an
// emoji sequence (all are at U+00A9 or above).
func mayHaveEmoji(src []rune) bool {
	for _, r := range src {
		if r >= 0xA9 {
			return true
		}
	}
	return false
}
