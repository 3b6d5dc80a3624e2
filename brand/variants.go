package brand

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
)

// shared is one segmenter for deriving names, so its answers are kept.
var shared = sync.OnceValue(segment.New)

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
//
// A brand given by its name alone (a request's "brand" field) is derived
// once and its list shared: callers read it and do not change it.
func Variants(b *checker.Brand) []checker.BrandName {
	if !nameOnly(b) {
		return variants(b)
	}
	named.mu.Lock()
	vs, ok := named.m[b.Name]
	named.mu.Unlock()
	if ok {
		return vs
	}
	vs = slices.Clip(variants(b))
	named.mu.Lock()
	if named.m == nil || len(named.m) >= maxNamed {
		named.m = make(map[string][]checker.BrandName) // start afresh
	}
	named.m[strings.Clone(b.Name)] = vs // not the request's buffer
	named.mu.Unlock()
	return vs
}

// named keeps the variants of the brands given by name alone, at most
// maxNamed of them.
var named struct {
	mu sync.Mutex
	m  map[string][]checker.BrandName
}

const maxNamed = 1024

// nameOnly reports whether b has a name (of a sensible length) and no
// other field Variants reads.
func nameOnly(b *checker.Brand) bool {
	return len(b.Name) <= 200 && len(b.Aliases) == 0 && len(b.Handles) == 0 && len(b.Hashtags) == 0 &&
		len(b.Initials) == 0 && len(b.Products) == 0 && len(b.People) == 0
}

// variants is Variants, derived afresh.
func variants(b *checker.Brand) []checker.BrandName {
	var vs variantSet
	vs.configured(b)
	seg := shared()
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		kind := KindAlias
		if n == b.Name {
			kind = KindName
		}
		vs.derived(n, kind, seg)
	}
	for _, h := range b.Handles {
		vs.add(strings.TrimPrefix(strings.TrimSpace(h), "@"), KindHandle, "without @")
	}
	return vs.out
}

// variantSet collects a brand's names, each once (case aside), in the
// order they are added.
type variantSet struct {
	out  []checker.BrandName
	seen map[string]bool
}

func (vs *variantSet) add(text, kind, derived string) {
	text = strings.TrimSpace(text)
	k := strings.ToLower(text)
	if text == "" || vs.seen[k] {
		return
	}
	if vs.seen == nil {
		vs.seen = map[string]bool{}
	}
	vs.seen[k] = true
	vs.out = append(vs.out, checker.BrandName{Text: text, Kind: kind, Derived: derived, Key: fold(text)})
}

// configured adds the names the profile gives, by kind.
func (vs *variantSet) configured(b *checker.Brand) {
	vs.add(b.Name, KindName, "")
	for _, list := range []struct {
		names []string
		kind  string
	}{{b.Aliases, KindAlias}, {b.Handles, KindHandle}, {b.Hashtags, KindHashtag}, {b.Initials, KindInitials},
		{b.Products, KindProduct}, {b.People, KindPerson}} {
		for _, n := range list.names {
			vs.add(n, list.kind, "")
		}
	}
}

// derived adds what name n (the brand's name or an alias) implies:
// initials (of a one-word name's capitals, of several words, of an
// ampersand name), the run-together form, the possessive, and each word
// distinctive enough to stand for the brand.
func (vs *variantSet) derived(n, kind string, seg *segment.Segmenter) {
	ws := nameWords(n)
	if caps := capitals(n); len(ws) == 1 && len(caps) >= 3 {
		vs.add(caps, kind, "initials") // JPMorgan → JPM, PlayStation Network → words
	}
	if len(ws) >= 2 {
		vs.add(initials(ws), kind, "initials")
		if strings.Contains(n, "&") {
			vs.add(ampersandInitials(n), kind, "initials")
		}
	}
	if rt := strings.Join(ws, ""); rt != n && len(rt) >= 3 {
		vs.add(rt, kind, "run-together")
	}
	if !strings.HasSuffix(strings.ToLower(n), "s") {
		vs.add(n+"'s", kind, "possessive")
	} else {
		vs.add(n+"'", kind, "possessive")
	}
	if len(ws) < 2 {
		return
	}
	for _, w := range ws {
		lw := strings.ToLower(w)
		if acronym(w) {
			vs.add(w, kind, "acronym") // "Ngân hàng SCB", "Banco BPM": the capitals stand for the brand
			continue
		}
		if len([]rune(lw)) < 4 {
			continue
		}
		if lp, ok := seg.Known(lw); !ok || lp < distinctiveLogp {
			vs.add(w, kind, "distinctive word")
		}
	}
}

// acronym reports whether a word of a multi-word name is an acronym that
// stands for the brand: three to five capitals (digits may be among them,
// "1MDB"), not a place or region a brand's name adds (USA, EMEA).
func acronym(w string) bool {
	n, letters := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsDigit(r):
		default:
			return false
		}
		n++
	}
	return n >= 3 && n <= 5 && letters >= 2 && !placeAcronyms[w]
}

// placeAcronyms are the capitals a brand's name carries for where it
// trades: not the brand.
var placeAcronyms = map[string]bool{"USA": true, "UAE": true, "KSA": true, "NYC": true, "EMEA": true, "APAC": true,
	"LATAM": true, "MENA": true, "ASEAN": true, "GCC": true, "DACH": true, "NORAM": true}

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
