package brand

import (
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
)

// Name kinds, as in checker.BrandName.Kind.
const (
	KindName     = "name"
	KindAlias    = "alias"
	KindHandle   = "handle"
	KindHashtag  = "hashtag"
	KindInitials = "initials"
	KindProduct  = "product"
	KindPerson   = "person"
)

// corporate are words of a name that initials and distinctive words skip:
// a leading article and legal suffixes ("The Home Depot, Inc." → HD).
var corporate = map[string]bool{"the": true, "inc": true, "ltd": true, "llc": true, "plc": true, "co": true,
	"corp": true, "corporation": true, "company": true, "group": true, "as": true, "asa": true, "ab": true,
	"gmbh": true, "ag": true, "sa": true, "nv": true, "bv": true, "limited": true, "holdings": true}

// distinctiveLogp: a word of a multi-word name rarer than this (about the
// 13,000th English word) or unknown stands for the brand on its own
// ("Thicke" of "Robin Thicke", "Acme" of "Acme Bank"); commoner words
// ("British", "Bank") do not.
const distinctiveLogp = -12.0

// Variants lists every way of writing the brand: its configured names,
// then what is derived from them — the initials of a multi-word name or
// alias ("British Gas" → "BG", "Marks & Spencer" → "M&S" and "MS"), the
// run-together form ("BritishGas"), the possessive ("British Gas's"), a
// handle without "@", and a distinctive word of a multi-word name. Each
// text occurs once, with its first source.
func Variants(b *checker.Brand) []checker.BrandName {
	var out []checker.BrandName
	seen := map[string]bool{}
	add := func(text, kind, derived string) {
		text = strings.TrimSpace(text)
		k := strings.ToLower(text)
		if text == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, checker.BrandName{Text: text, Kind: kind, Derived: derived, Key: fold(text)})
	}
	add(b.Name, KindName, "")
	for _, a := range b.Aliases {
		add(a, KindAlias, "")
	}
	for _, h := range b.Handles {
		add(h, KindHandle, "")
	}
	for _, h := range b.Hashtags {
		add(h, KindHashtag, "")
	}
	for _, i := range b.Initials {
		add(i, KindInitials, "")
	}
	for _, p := range b.Products {
		add(p, KindProduct, "")
	}
	for _, p := range b.People {
		add(p, KindPerson, "")
	}
	seg := segment.New()
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		kind := KindAlias
		if n == b.Name {
			kind = KindName
		}
		ws := nameWords(n)
		if caps := capitals(n); len(ws) == 1 && len(caps) >= 3 {
			add(caps, kind, "initials") // JPMorgan → JPM, PlayStation Network → words
		}
		if len(ws) >= 2 {
			add(initials(ws), kind, "initials")
			if strings.Contains(n, "&") {
				add(ampersandInitials(n), kind, "initials")
			}
		}
		if rt := strings.Join(ws, ""); rt != n && len(rt) >= 3 {
			add(rt, kind, "run-together")
		}
		if !strings.HasSuffix(strings.ToLower(n), "s") {
			add(n+"'s", kind, "possessive")
		} else {
			add(n+"'", kind, "possessive")
		}
		if len(ws) >= 2 {
			for _, w := range ws {
				lw := strings.ToLower(w)
				if len([]rune(lw)) < 4 {
					continue
				}
				if lp, ok := seg.Known(lw); !ok || lp < distinctiveLogp {
					add(w, kind, "distinctive word")
				}
			}
		}
	}
	for _, h := range b.Handles {
		add(strings.TrimPrefix(strings.TrimSpace(h), "@"), KindHandle, "without @")
	}
	return out
}

// nameWords splits a name into words at spaces, dots, hyphens and "&",
// dropping corporate words ("J.P. Morgan" → J, P, Morgan).
func nameWords(n string) []string {
	var ws []string
	for _, w := range strings.FieldsFunc(n, func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == '-' || r == '&' || r == ',' || r == '/'
	}) {
		if w = squash(w); w != "" && !corporate[strings.ToLower(w)] {
			ws = append(ws, w)
		}
	}
	return ws
}

// initials are the upper-cased first letters of the words.
func initials(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteRune(unicode.ToUpper([]rune(w)[0]))
	}
	return b.String()
}

// capitals are the upper-case letters of a one-word name written in
// CamelCase, which people shorten to them ("JPMorgan" → "JPM").
func capitals(n string) string {
	var b strings.Builder
	for _, r := range n {
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ampersandInitials keeps the "&": "Marks & Spencer" → "M&S".
func ampersandInitials(n string) string {
	parts := strings.Split(n, "&")
	var out []string
	for _, p := range parts {
		ws := nameWords(p)
		if len(ws) == 0 {
			return ""
		}
		out = append(out, initials(ws))
	}
	return strings.Join(out, "&")
}

// squash keeps letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold is a name's or tag's matching form: lower-case letters and digits.
func fold(s string) string { return strings.ToLower(squash(s)) }
