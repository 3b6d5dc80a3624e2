package news

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// MaxClockSkew is how far in the future of the ingestion clock an
// article's publication time may be. A later date is a feed's mistake (or
// an attack that would make next year's posts look tone-deaf, and
// news_age_seconds negative): the article is kept, dated at its ingestion
// time.
const MaxClockSkew = 10 * time.Minute

// MaxTitleBytes and MaxSummaryBytes bound what the index stores of an
// article's title and summary (cut at a character boundary): a headline
// is a line, a summary a paragraph, whatever a feed sends.
const (
	MaxTitleBytes   = 1000
	MaxSummaryBytes = 2000
)

// clip cuts s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimSpace(s[:n])
}

// CleanText makes feed text safe to store and to print on a terminal:
// invalid UTF-8 replaced, terminal escape sequences (CSI, OSC, DCS and the
// like, in their 7-bit and 8-bit forms) removed whole, every other C0 and
// C1 control character and DEL dropped except newline and tab, and the
// bidirectional overrides that can make text read differently from what it
// is removed. It runs in one pass, linear in the input.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(s, i+size)
			continue
		case r == 0x9b: // 8-bit CSI
			i = skipCSI(s, i+size)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // 8-bit OSC, DCS, SOS, PM, APC
			i = skipString(s, i+size)
			continue
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || isBidiControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean is the fast path: valid UTF-8 with nothing CleanText removes.
func isClean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || isBidiControl(r) {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape returns the index after the escape sequence whose ESC ended
// just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: a string
		return skipString(s, i+1)
	}
	// Other escapes: intermediate bytes 0x20–0x2f, then one final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipCSI skips parameter and intermediate bytes and the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string up to its terminator (BEL, ESC \ or
// the 8-bit ST), or to the end. Nothing inside it is text.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// WebURL returns u when it is an absolute http or https URL with a host,
// else "": a feed's javascript:, data: or file: link is never stored.
func WebURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > 4096 || strings.ContainsFunc(u, func(r rune) bool { return r < 0x21 || r == 0x7f || (r >= 0x80 && r <= 0x9f) }) {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (!strings.EqualFold(p.Scheme, "http") && !strings.EqualFold(p.Scheme, "https")) {
		return ""
	}
	return u
}

// sanitize cleans what an article brings from the outside world, before
// anything is derived from it or stored: a URL that is not http(s) is
// dropped, HTML and control characters leave the title and summary (and
// control characters every other text field), and a publication time
// beyond the clock's skew becomes the ingestion time. clamped says whether
// the time was moved.
func sanitize(a *checker.Article, now time.Time) (clamped bool) {
	a.URL = WebURL(a.URL)
	a.Title = clip(StripHTML(CleanText(a.Title)), MaxTitleBytes)
	a.Summary = clip(StripHTML(CleanText(a.Summary)), MaxSummaryBytes)
	a.Body = CleanText(a.Body)
	a.ID = strings.TrimSpace(CleanText(a.ID))
	a.Source = strings.TrimSpace(CleanText(a.Source))
	a.Language = strings.TrimSpace(CleanText(a.Language))
	a.Entities = cleanList(a.Entities)
	a.Hashtags = cleanList(a.Hashtags)
	a.Published = a.Published.UTC()
	a.Ingested = now.UTC()
	if a.Published.After(a.Ingested.Add(MaxClockSkew)) {
		a.Published = a.Ingested
		return true
	}
	return false
}

// cleanList returns a cleaned copy (the caller's slice is not touched),
// without the values that clean to nothing.
func cleanList(xs []string) []string {
	if len(xs) == 0 {
		return xs
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(CleanText(x)); x != "" {
			out = append(out, x)
		}
	}
	return out
}
