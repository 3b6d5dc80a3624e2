package platform

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
)

// ipLink is a link to a bare IPv4 address: with a protocol, a port or a
// path, so that version numbers (1.2.3.4) are not taken for links;
// compiled when a text first has dotted digits.
var ipLink = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:\bhttps?://(?:[^\s/@"'<>]+@)?` + ipv4 + `(?::\d{1,5})?(?:/` + urlPath + `)?|\b` + ipv4 + `(?::\d{1,5}(?:/` + urlPath + `)?|/` + urlPath + `))`)
})

// urlPath is the characters a link's path may hold (RFC 3986, without
// quotes, brackets and parentheses, which usually close the sentence).
const urlPath = `[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*`

const octet = `(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`
const ipv4 = octet + `\.` + octet + `\.` + octet + `\.` + octet + `\b`

func (c *config) linkHygiene() *checker.Rule {
	return &checker.Rule{
		ID:       "platform.link_hygiene",
		Category: checker.CategoryPlatform,
		Title:    "Links that hide where they go",
		Doc: "A link should show where it leads. Links to a bare IP address look like phishing and platforms " +
			"may block them; a domain in look-alike or non-Latin letters can imitate another site; URL " +
			"shorteners (bit.ly, tinyurl…) hide the destination, so people and spam filters trust them less; " +
			"a plain http:// link makes browsers warn.",
		Fix:   "Link to the full https:// address on the real domain, or to your own branded short domain.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			d := pass.Doc
			var ips [][]int
			if hasDottedDigits(d.Raw) {
				ips = ipLink().FindAllStringIndex(d.Raw, -1)
			}
			for _, m := range ips {
				a, b := m[0], m[1]
				for b > a && strings.ContainsRune(".,;:!?)]}'\"", rune(d.Raw[b-1])) {
					b--
				}
				pass.ReportSpan(d.RuneSpan(a, b), checker.Finding{
					Severity:   checker.SeverityMedium,
					Message:    "This link points at a bare IP address: it looks like phishing and platforms may block it.",
					Suggestion: "Link to the site's domain name instead.",
				})
			}
			for _, u := range d.URLs {
				low := strings.ToLower(u.Text)
				host := hostOf(low)
				switch {
				case host == "t.co" && pass.Post.Platform == checker.PlatformX:
					// X wraps every link in t.co itself.
				case c.shorteners[host]:
					pass.ReportSpan(u.Span, checker.Finding{
						Severity: checker.SeverityLow,
						Message:  fmt.Sprintf("%s is a link shortener: it hides where the link goes, so people and spam filters trust it less.", host),
						Suggestion: "Link to the full address (platforms shorten long links themselves and show the domain), " +
							"or use your own branded short domain.",
					})
				case strings.Contains(host, "xn--") || !isASCII(host):
					pass.ReportSpan(u.Span, checker.Finding{
						Severity:   checker.SeverityMedium,
						Message:    fmt.Sprintf("The link's domain %s is written in non-Latin or look-alike letters; it can imitate another site.", host),
						Suggestion: "Check that the domain is the one you mean and write it in plain letters.",
					})
				case strings.HasPrefix(low, "http://"):
					pass.ReportSpan(u.Span, checker.Finding{
						Severity:   checker.SeverityLow,
						Message:    "This link is not secure (http://): browsers warn visitors about such pages.",
						Suggestion: "Use the https:// address if the site has one.",
					})
				}
			}
			return nil
		},
	}
}

// hostOf returns the lower-case host of a URL without "www.".
func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(u, "/?#:"); i >= 0 {
		u = u[:i]
	}
	return strings.TrimPrefix(u, "www.")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hasDottedDigits reports whether s has a digit, a point and a digit in a
// row, without which it holds no IP address.
func hasDottedDigits(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return true
		}
	}
	return false
}
