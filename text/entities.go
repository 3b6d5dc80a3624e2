package text

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Entity extraction follows twitter-text 3 (the JavaScript reference
// implementation, Apache-2.0): the same patterns, the same checks on the
// characters before and after, the same overlap removal, so a hashtag or a
// link is what X would make of it. The patterns that need look-around in
// JavaScript are matched here in two steps. Offsets are code points.

const (
	ttPunct       = `!'#%&'()*+,\\\-./:;<=>?@\[\]^_{|}~$`
	ttSpaces      = `\x09-\x0D\x20\x85\xA0\x{1680}\x{180E}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}`
	ttInvalid     = `\x{FFFE}\x{FEFF}\x{FFFF}`
	ttDirectional = `\x{202A}-\x{202E}\x{061C}\x{200E}\x{200F}\x{2066}-\x{2069}`
	ttLatinAccent = `\xC0-\xD6\xD8-\xF6\xF8-\xFF\x{0100}-\x{024F}\x{0253}\x{0254}\x{0256}\x{0257}\x{0259}\x{025B}\x{0263}\x{0268}\x{026F}\x{0272}\x{0289}\x{028B}\x{02BB}\x{0300}-\x{036F}\x{1E00}-\x{1EFF}`
	ttCyrillic    = `\x{0400}-\x{04FF}`

	ttDomainChar = `[^` + ttPunct + ttSpaces + ttInvalid + ttDirectional + `]`
	ttSubdomain  = `(?:(?:` + ttDomainChar + `(?:[_-]|` + ttDomainChar + `)*)?` + ttDomainChar + `\.)`
	ttDomainName = `(?:(?:` + ttDomainChar + `(?:-|` + ttDomainChar + `)*)?` + ttDomainChar + `\.)`
	// The top-level domain must not run on into a letter, digit, @, + or -;
	// JavaScript says so with a look-ahead, here the character is captured
	// in group 3 and not counted as part of the domain.
	ttDomain = ttSubdomain + `*` + ttDomainName + `(?:(?:` + genericTLDs + `|` + countryTLDs + `)(\z|[^0-9a-z@+\-])|xn--[\-0-9a-z]+)`

	ttPathChar    = `[a-z` + ttCyrillic + `0-9!*';:=+,.$/%#\[\]\-\x{2013}_~@|&` + ttLatinAccent + `]`
	ttParens      = `\((?:` + ttPathChar + `+|(?:` + ttPathChar + `*\(` + ttPathChar + `+\)` + ttPathChar + `*))\)`
	ttPathEnd     = `(?:[+\-a-z` + ttCyrillic + `0-9=_#/` + ttLatinAccent + `]|(?:` + ttParens + `))`
	ttPath        = `(?:(?:` + ttPathChar + `*(?:` + ttParens + ttPathChar + `*)*` + ttPathEnd + `)|(?:@` + ttPathChar + `+/))`
	ttQueryChar   = `[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]`
	ttQueryEnd    = `[a-z0-9\-_&=#/]`
	ttAsciiDomain = `(?:(?:[\-a-z0-9` + ttLatinAccent + `]+)\.)+(?:(?:` + genericTLDs + `|` + countryTLDs + `)(\z|[^0-9a-z@+\-])|xn--[\-0-9a-z]+)`
	urlFastDomain = ttSubdomain + `*` + ttDomainName + `(` + ttDomainChar + `+)(\z|[^0-9a-z@+\-])`
)

// ttPreceding is a character that may come right before a URL (as
// validURLPreceding says). The start patterns match it together with the
// URL, as twitter-text's JavaScript pattern does, so one search finds the
// first URL that is well preceded instead of a search from every position
// that is not (which was quadratic on "a@bKKK…K.com").
const ttPreceding = `[^A-Za-z0-9@\x{FF20}$#\x{FF03}\x{FFFE}\x{FEFF}\x{FFFF}]`

// urlStartPattern is the start of a URL (group 1) with its protocol (group
// 2) and domain (group 3) after a character that may precede it, or at the
// start of the searched text when atStart.
func urlStartPattern(atStart bool, domain string) *regexp.Regexp {
	pre := ttPreceding
	if atStart {
		pre = `(?:^|` + ttPreceding + `)`
	}
	return regexp.MustCompile(`(?i)` + pre + `((https?://)?(` + domain + `))`)
}

var (
	// urlStart finds a URL after a well-preceding character (index 0) or
	// also at the start of the text (index 1): its protocol and domain, and
	// in group 4 the character after the top-level domain. It spells out
	// every top-level domain, so it is compiled on first use (few texts
	// get past urlStartFast to need it).
	urlStart = sync.OnceValue(func() [2]*regexp.Regexp {
		return [2]*regexp.Regexp{urlStartPattern(false, ttDomain), urlStartPattern(true, ttDomain)}
	})
	// urlStartFast is urlStart with any label in place of the list of
	// top-level domains (group 4, then the character after it in group 5),
	// checked against tldSet afterwards; it is much cheaper, and when its
	// label is a known TLD it finds what urlStart finds.
	urlStartFast = sync.OnceValue(func() [2]*regexp.Regexp {
		return [2]*regexp.Regexp{urlStartPattern(false, urlFastDomain), urlStartPattern(true, urlFastDomain)}
	})
	// urlRest reads the port, path and query after a domain.
	urlRest = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^(?::([0-9]+))?(/` + ttPath + `*)?(\?` + ttQueryChar + `*` + ttQueryEnd + `)?`)
	})
	// asciiDomain is compiled on first use, as urlStart is.
	asciiDomain = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)` + ttAsciiDomain) })
	// The patterns below and urlStartFast and urlRest above are compiled
	// when a text first has a URL or a mention: most posts have none,
	// and compiling them all cost a one-post check 2 ms.
	tcoURL = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)^https?://t\.co/([a-z0-9]+)(?:\?` + ttQueryChar + `*` + ttQueryEnd + `)?`)
	})
	mentionRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)([@＠])([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_-]{0,24})?`)
	})
	mentionEnd = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[@＠]|[\xC0-\xD6\xD8-\xF6\xF8-\xFF\x{0100}-\x{024F}\x{0253}\x{0254}\x{0256}\x{0257}\x{0259}\x{025B}\x{0263}\x{0268}\x{026F}\x{0272}\x{0289}\x{028B}\x{02BB}\x{0300}-\x{036F}\x{1E00}-\x{1EFF}]|://)`)
	})
)

// Entities returns the hashtags, mentions (with lists), cashtags and URLs
// of s as twitter-text's extractEntitiesWithIndices does: in text order,
// overlaps removed in favour of the earlier entity.
func Entities(s string) []Entity { return extractEntities(s, []rune(s)) }

// extractEntities is Entities on s and its code points.
func extractEntities(s string, src []rune) []Entity {
	if len(src) == 0 {
		return nil
	}
	var hasURL, hasAt, hasHash, hasCash bool
	for _, r := range src {
		switch r {
		case '.':
			hasURL = true
		case '@', '＠':
			hasAt = true
		case '#', '＃':
			hasHash = true
		case '$':
			hasCash = true
		}
	}
	if !hasURL && !hasAt && !hasHash && !hasCash {
		return nil
	}
	c := newCounter(s)
	var es []Entity
	if hasURL {
		es = append(es, extractURLs(s, c)...)
	}
	if hasAt {
		es = append(es, extractMentions(s, c)...)
	}
	if hasHash {
		es = append(es, extractHashtags(src)...)
		es = append(es, extractTopics(src)...)
	}
	if hasCash {
		es = append(es, extractCashtags(src)...)
	}
	return removeOverlaps(es)
}

// removeOverlaps sorts entities by start and drops any that begins inside
// the previous one.
func removeOverlaps(es []Entity) []Entity {
	if len(es) < 2 {
		return es
	}
	slices.SortStableFunc(es, func(a, b Entity) int { return a.Start - b.Start })
	out := es[:1]
	for _, e := range es[1:] {
		if out[len(out)-1].End > e.Start {
			continue
		}
		out = append(out, e)
	}
	return out
}

// counter converts byte offsets of one string to code-point offsets,
// moving forward.
type counter struct {
	s          string
	byte, rune int
}

func newCounter(s string) *counter { return &counter{s: s} }

func (c *counter) at(b int) int {
	if b < c.byte {
		c.byte, c.rune = 0, 0
	}
	c.rune += utf8.RuneCountInString(c.s[c.byte:b])
	c.byte = b
	return c.rune
}

// chunks calls fn for each run of s between white space (as twitter-text
// defines it) that contains the character mark ("@" also stands for "＠"). No URL or mention
// spans white space, so the patterns only run where they can match.
func chunks(s string, mark byte, fn func(cs, ce int)) {
	start, has := -1, false
	for i, r := range s {
		if r == ' ' || r >= 0x09 && r <= 0x0D || r >= 0x85 && isTTSpace(r) {
			if start >= 0 && has {
				fn(start, i)
			}
			start, has = -1, false
			continue
		}
		if start < 0 {
			start = i
		}
		if r == rune(mark) || r == '＠' && mark == '@' {
			has = true
		}
	}
	if start >= 0 && has {
		fn(start, len(s))
	}
}

// extractURLs is twitter-text's extractUrlsWithIndices with URLs without a
// protocol allowed.
func extractURLs(s string, c *counter) []Entity {
	var out []Entity
	chunks(s, '.', func(cs, ce int) {
		// A domain needs a point followed by a top-level domain.
		if !mayHaveTLD(s[cs:ce]) {
			return
		}
		out = extractURLsIn(s, cs, ce, c, out, nil)
	})
	return out
}

// tldSet holds every top-level domain twitter-text knows, lower-cased;
// built when a text first has a URL.
var tldSet = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Split(genericTLDs+"|"+countryTLDs, "|") {
		m[strings.ToLower(t)] = true
	}
	return m
})

// findURLStart returns the indices in s of the first URL start that is
// well preceded: the URL (protocol and domain with the character after the
// TLD), the protocol, the domain, that character. atStart allows a URL at
// s[0]. It tries the cheap pattern first.
func findURLStart(s string, atStart bool) []int {
	i := 0
	if atStart {
		i = 1
	}
	m := urlStartFast()[i].FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	if tld := strings.ToLower(s[m[8]:m[9]]); tldSet()[tld] {
		return []int{m[2], m[3], m[4], m[5], m[6], m[7], m[10], m[11]}
	}
	if m = urlStart()[i].FindStringSubmatchIndex(s); m == nil {
		return nil
	}
	return m[2:]
}

// mayHaveTLD reports whether some point in s is followed by a known
// top-level domain (the letters after it, ASCII or not, or "xn--"); when
// none is, no URL can be found and the patterns need not run.
func mayHaveTLD(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0; {
		rest := s[i+1:]
		if len(rest) >= 4 && strings.EqualFold(rest[:4], "xn--") {
			return true
		}
		// The ASCII letters after the point ("com" in "comé") and all its
		// letters ("vermögensberater", "рф").
		a := 0
		for a < len(rest) && isASCIILetter(rune(rest[a])) {
			a++
		}
		j := 0
		for j < len(rest) {
			r, w := utf8.DecodeRuneInString(rest[j:])
			if !isASCIILetter(r) && (r < 0x80 || !unicode.IsLetter(r) && !unicode.IsMark(r)) {
				break
			}
			j += w
		}
		if a > 0 && tldSet()[strings.ToLower(rest[:a])] || j > a && tldSet()[strings.ToLower(rest[:j])] {
			return true
		}
		k := strings.IndexByte(rest, '.')
		if k < 0 {
			return false
		}
		i += 1 + k
	}
	return false
}

// extractURLsIn finds the URLs in s[cs:ce], a run without white space.
// Each search starts where the previous match ended, so the patterns read
// each byte of the run about once; scanned (when not nil) adds up the bytes
// each search had to read, up to the end of its match or of the run.
func extractURLsIn(s string, cs, ce int, c *counter, out []Entity, scanned *int) []Entity {
	from := cs
	for from < ce {
		// The character before a URL must be allowed and not taken by the
		// previous match; the run starts after white space.
		m := findURLStart(s[from:ce], from == cs)
		if m == nil {
			if scanned != nil {
				*scanned += ce - from
			}
			break
		}
		if scanned != nil {
			*scanned += m[1]
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += from
			}
		}
		start := m[0]
		domStart, domEnd := m[4], m[5]
		if m[6] >= 0 {
			domEnd = m[6] // the look-ahead character is not part of it
		}
		end := domEnd
		pathStart, pathEnd := -1, -1
		if r := urlRest().FindStringSubmatchIndex(s[domEnd:ce]); r != nil {
			end = domEnd + r[1]
			if r[4] >= 0 {
				pathStart, pathEnd = domEnd+r[4], domEnd+r[5]
			}
		}
		from = end
		if end == start {
			from++
			continue
		}
		protocol := m[2] >= 0
		domain := s[domStart:domEnd]
		ascii, ok := domainToASCII(domain)
		if !ok || end-start+len(ascii)-len(domain)+len("https://") > 4096 {
			continue
		}
		if !protocol {
			if start > cs {
				if b := s[start-1]; b == '-' || b == '_' || b == '.' || b == '/' {
					continue
				}
			}
			var last *Entity
			for _, d := range asciiDomain().FindAllStringSubmatchIndex(domain, -1) {
				de := d[1]
				if d[2] >= 0 {
					de = d[2]
				}
				out = append(out, Entity{Kind: URL, Text: domain[d[0]:de], Span: Span{c.at(domStart + d[0]), c.at(domStart + de)}})
				last = &out[len(out)-1]
			}
			if last == nil {
				continue
			}
			if pathStart >= 0 && pathEnd > pathStart {
				// A path makes the last domain the start of the link.
				last.Text += s[domEnd:end]
				last.End = c.at(end)
			}
			continue
		}
		url := s[start:end]
		if t := tcoURL().FindStringSubmatchIndex(url); t != nil {
			if t[3]-t[2] > 40 {
				continue
			}
			url = url[:t[1]]
			end = start + t[1]
		}
		out = append(out, Entity{Kind: URL, Text: url, Span: Span{c.at(start), c.at(end)}})
	}
	return out
}

// domainToASCII is twitter-text's light IDNA check: a punycode domain
// must be ASCII, and every label must encode to 1..63 characters.
func domainToASCII(domain string) (string, bool) {
	if strings.HasPrefix(domain, "xn--") && !asciiDomain().MatchString(domain) {
		return "", false
	}
	if isASCIIString(domain) {
		// Punycode leaves ASCII labels as they are: check their lengths.
		for rest := domain; ; {
			i := strings.IndexByte(rest, '.')
			l := rest
			if i >= 0 {
				l = rest[:i]
			}
			if len(l) < 1 || len(l) > 63 {
				return "", false
			}
			if i < 0 {
				return domain, true
			}
			rest = rest[i+1:]
		}
	}
	labels := strings.Split(domain, ".")
	for i, l := range labels {
		a, err := idna.Punycode.ToASCII(l)
		if err != nil || len(a) < 1 || len(a) > 63 {
			return "", false
		}
		labels[i] = a
	}
	return strings.Join(labels, "."), true
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// extractMentions is twitter-text's extractMentionsOrListsWithIndices;
// Entity.List holds the "/slug" of a list.
func extractMentions(s string, c *counter) []Entity {
	var out []Entity
	// Run by run: the start of a run stands for the white space before it,
	// which the pattern accepts as it accepts the start of the text.
	chunks(s, '@', func(cs, ce int) {
		for _, m := range mentionRe().FindAllStringSubmatchIndex(s[cs:ce], -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += cs
				}
			}
			if mentionEnd().MatchString(s[m[1]:ce]) {
				continue
			}
			e := Entity{Kind: Mention, Text: s[m[4]:m[5]]}
			end := m[5]
			if m[6] >= 0 {
				e.List = s[m[6]:m[7]]
				end = m[7]
			}
			e.Span = Span{c.at(m[2]), c.at(end)}
			out = append(out, e)
		}
	})
	return out
}

// Hashtag characters as twitter-text defines them: letters and marks,
// numerals, and a few joiners and punctuation marks used inside words.
func hashtagAlpha(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

func hashtagAlphaNumeric(r rune) bool {
	if hashtagAlpha(r) || unicode.Is(unicode.Nd, r) {
		return true
	}
	switch r {
	case '_', 0x200c, 0x200d, 0xa67e, 0x05be, 0x05f3, 0x05f4, 0xff5e, 0x301c, 0x309b, 0x309c, 0x30a0, 0x30fb, 0x3003, 0x0f0b, 0x0f0c, 0xb7:
		return true
	}
	return false
}

// extractHashtags is twitter-text's extractHashtagsWithIndices without the
// URL check (overlaps are removed with every entity together).
func extractHashtags(src []rune) []Entity {
	var out []Entity
	taken := 0 // code points consumed by the previous match
	for i := 0; i < len(src); i++ {
		if src[i] != '#' && src[i] != '＃' {
			continue
		}
		// Boundary: start of text, a variation selector, or a character
		// that is neither part of a hashtag nor "&".
		if i > 0 {
			p := src[i-1]
			if i-1 < taken || !(p == 0xFE0E || p == 0xFE0F || !hashtagAlphaNumeric(p) && p != '&') {
				continue
			}
		}
		if i+1 < len(src) && (src[i+1] == 0xFE0F || src[i+1] == 0x20E3) {
			continue
		}
		j, alpha := i+1, false
		for j < len(src) && hashtagAlphaNumeric(src[j]) {
			alpha = alpha || hashtagAlpha(src[j])
			j++
		}
		if !alpha {
			continue
		}
		taken = j
		if j < len(src) && (src[j] == '#' || src[j] == '＃' || j+2 < len(src) && src[j] == ':' && src[j+1] == '/' && src[j+2] == '/') {
			i = j - 1
			continue
		}
		out = append(out, Entity{Kind: Hashtag, Text: string(src[i+1 : j]), Span: Span{i, j}})
		i = j - 1
	}
	return out
}

// maxTopic bounds a topic tag's code points.
const maxTopic = 40

// extractTopics finds the topic tags of Chinese social media, written
// between two signs ("#武汉加油#", "＃春节快乐＃"), which twitter-text does
// not read as hashtags (it refuses a tag run into another "#"). A topic
// holds at least one Han, kana or Hangul character, no white space and no
// further sign, at most maxTopic code points; its span runs from the
// opening sign to the end of its words, like a hashtag's. Each "#" opens
// at most one topic, so the scan is linear.
func extractTopics(src []rune) []Entity {
	var out []Entity
	for i := 0; i < len(src); i++ {
		if src[i] != '#' && src[i] != '＃' {
			continue
		}
		if i > 0 && hashtagAlphaNumeric(src[i-1]) && !isCJK(src[i-1]) {
			continue // inside a word of a spaced script
		}
		j, cjk := i+1, false
		for j < len(src) && j-i <= maxTopic && src[j] != '#' && src[j] != '＃' && !isTTSpace(src[j]) {
			cjk = cjk || isCJK(src[j])
			j++
		}
		if j >= len(src) || src[j] != '#' && src[j] != '＃' || j == i+1 || !cjk {
			continue
		}
		end := j
		for end > i+1 && !hashtagAlphaNumeric(src[end-1]) {
			end-- // trailing punctuation stays outside the topic's words
		}
		if end > i+1 {
			out = append(out, Entity{Kind: Hashtag, Text: string(src[i+1 : end]), Span: Span{i, end}})
		}
		i = j // the closing sign does not open another topic
	}
	return out
}

func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isTTSpace(r rune) bool {
	return r >= 0x09 && r <= 0x0D || r == 0x20 || r == 0x85 || r == 0xA0 || r == 0x1680 || r == 0x180E ||
		r >= 0x2000 && r <= 0x200A || r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000
}

func isASCIILetter(r rune) bool { return 'a' <= r|0x20 && r|0x20 <= 'z' }

// cashtagFollow reports whether position k may follow a cashtag: the end,
// white space or punctuation.
func cashtagFollow(src []rune, k int) bool {
	if k >= len(src) {
		return true
	}
	r := src[k]
	return unicode.IsSpace(r) || isTTSpace(r) || r < 0x80 && strings.ContainsRune(`!'#%&()*+,\-./:;<=>?@[]^_{|}~$`, r)
}

// extractCashtags is twitter-text's extractCashtagsWithIndices: "$" after
// white space, one to six letters, optionally "." or "_" and one or two
// more, then the end, white space or punctuation.
func extractCashtags(src []rune) []Entity {
	var out []Entity
	taken := 0
	for i := 0; i < len(src); i++ {
		if src[i] != '$' || i > 0 && (i-1 < taken || !isTTSpace(src[i-1])) {
			continue
		}
		run := 0
		for i+1+run < len(src) && run < 6 && isASCIILetter(src[i+1+run]) {
			run++
		}
		end := -1
		for n := run; n >= 1 && end < 0; n-- {
			e := i + 1 + n
			if e < len(src) && (src[e] == '.' || src[e] == '_') {
				m := 0
				for e+1+m < len(src) && m < 2 && isASCIILetter(src[e+1+m]) {
					m++
				}
				for ; m >= 1; m-- {
					if cashtagFollow(src, e+1+m) {
						end = e + 1 + m
						break
					}
				}
			}
			if end < 0 && cashtagFollow(src, e) {
				end = e
			}
		}
		if end < 0 {
			continue
		}
		out = append(out, Entity{Kind: Cashtag, Text: string(src[i+1 : end]), Span: Span{i, end}})
		taken = end
		i = end - 1
	}
	return out
}
