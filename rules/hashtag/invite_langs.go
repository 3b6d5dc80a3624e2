package hashtag

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// What a word of the rest of a brand's tag does (data/invite_langs.yaml).
const (
	inviteAsk  = "ask"  // a call for questions: #FragVW, #PregúntaleAIberia
	inviteOpen = "open" // the public's own words about the brand: #MeinVWMoment
	inviteJoin = "join" // a short word between them and the name ("a", "mit")
)

// langInvites is the compiled data/invite_langs.yaml: the words of an
// invitation by language, and the substrings that say it in scripts the
// segmenter does not read.
type langInvites struct {
	words   map[string]map[string]string // language → word → inviteAsk, inviteOpen or inviteJoin
	markers []inviteMarker
}

// inviteMarker is a substring that makes the rest of a tag an invitation.
type inviteMarker struct {
	text, kind string
}

// loadLangInvites compiles data/invite_langs.yaml, strictly.
func (p *pack) loadLangInvites() error {
	b, err := data.ReadFile("data/invite_langs.yaml")
	if err != nil {
		return err
	}
	p.langInvites, err = parseLangInvites(b)
	return err
}

// parseLangInvites decodes the invitation words: every language English,
// one the segmenter reads or one the language detector knows (its tags'
// rests are then split into the listed words alone, splitInvite), every
// language with ask and open words.
func parseLangInvites(b []byte) (*langInvites, error) {
	var raw struct {
		Words map[string]struct {
			Ask     []string `yaml:"ask"`
			Open    []string `yaml:"open"`
			Joiners []string `yaml:"joiners"`
		} `yaml:"words"`
		Markers struct {
			Ask  []string `yaml:"ask"`
			Open []string `yaml:"open"`
		} `yaml:"markers"`
		Same map[string]string `yaml:"same"`
	}
	if err := strictyaml.Decode(b, &raw); err != nil {
		return nil, fmt.Errorf("data/invite_langs.yaml: %w", err)
	}
	li := &langInvites{words: map[string]map[string]string{}}
	langs := segment.Languages()
	for code, ws := range raw.Words {
		if code != "en" && !slices.Contains(langs, code) && text.LanguageName(code) == "" {
			return nil, fmt.Errorf("data/invite_langs.yaml: unknown language %q (want en, one of %s, or a language the detector knows)", code, strings.Join(langs, ", "))
		}
		if len(ws.Ask) == 0 || len(ws.Open) == 0 {
			return nil, fmt.Errorf("data/invite_langs.yaml: %s: want ask and open words", code)
		}
		m := map[string]string{}
		for _, l := range []struct {
			words []string
			kind  string
		}{{ws.Joiners, inviteJoin}, {ws.Open, inviteOpen}, {ws.Ask, inviteAsk}} {
			for _, w := range l.words {
				m[fold(w)] = l.kind
			}
		}
		li.words[code] = m
	}
	// A language a post may declare whose words are listed with another
	// (Malay with Indonesian) reads that one's.
	for code, with := range raw.Same {
		m, ok := li.words[with]
		if !ok || li.words[code] != nil {
			return nil, fmt.Errorf("data/invite_langs.yaml: same: %s reads %q, which has no words or is listed itself", code, with)
		}
		li.words[code] = m
	}
	for _, l := range []struct {
		texts []string
		kind  string
	}{{raw.Markers.Ask, inviteAsk}, {raw.Markers.Open, inviteOpen}} {
		for _, t := range l.texts {
			if t = fold(t); t != "" {
				li.markers = append(li.markers, inviteMarker{t, l.kind})
			}
		}
	}
	return li, nil
}

// tagInvite is what the rest of a brand's tag says, read in the post's
// languages.
type tagInvite struct {
	word string // the invitation word or marker ("moment", "물어봐")
	open bool   // it asks for the public's own words about the brand (the word named is then an open one)
	// initials is the brand's compound initials the tag carries ("VW"),
	// when it carries no other name of the brand.
	initials string
}

// brandKeys is what langInvite matches a post's tags against: the brand's
// names in matching form, the compound initials, and the post's
// languages. It is built once per post, when a tag first needs it.
type brandKeys struct {
	names    []string
	initials []string
	langs    []string
}

// brandKeys builds the keys of b for the post d.
func (p *pack) brandKeys(b *checker.Brand, d *text.Doc) *brandKeys {
	vs := b.Variants
	if len(vs) == 0 {
		vs = brand.Variants(b)
	}
	k := &brandKeys{langs: p.inviteLangs(d)}
	for _, v := range vs {
		key := v.Key
		if key == "" {
			key = strings.ToLower(squash(v.Text))
		}
		if len(key) >= 2 {
			k.names = append(k.names, key)
		}
	}
	// A name written in its own script beside a Latin one ("쿠팡
	// (Coupang)") is a name of its own, however short: two Hangul or Han
	// characters are a whole name.
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		for _, w := range strings.Fields(words(n)) {
			if !isLatin(w) && len([]rune(w)) >= 2 && !slices.Contains(k.names, w) {
				k.names = append(k.names, w)
			}
		}
	}
	k.initials = p.compoundInitials(b, k.langs)
	return k
}

// langInvite reads a tag as one of the brand's names (or the initials of
// a compound name, "VW" for Volkswagen, written in capitals) with an
// invitation around it in any language the post may be in, or in a
// script the segmenter does not read: #MeinVWMoment, #MiMomentoIberia,
// #쿠팡에게물어봐. Every word of the rest must be an invitation word or a
// joiner, so a tag that merely holds the name (#VWGolfGTI) is none.
func (p *pack) langInvite(body string, k *brandKeys) (tagInvite, bool) {
	tag := strings.ToLower(squash(body))
	if tag == "" {
		return tagInvite{}, false
	}
	try := func(key string) (tagInvite, bool) {
		at := strings.Index(tag, key)
		if at < 0 || len(key) == len(tag) {
			return tagInvite{}, false
		}
		return p.restInvites(tag[:at], tag[at+len(key):], k.langs)
	}
	for _, key := range k.names {
		if ti, ok := try(key); ok {
			return ti, true
		}
	}
	for _, in := range k.initials {
		if !strings.Contains(body, in) {
			continue // initials count where the writer typed them as capitals
		}
		if ti, ok := try(strings.ToLower(in)); ok {
			ti.initials = in
			return ti, true
		}
	}
	return tagInvite{}, false
}

// inviteLangs are the languages whose invitation words a post's tags are
// read with: English, and the post's candidate languages that have them.
func (p *pack) inviteLangs(d *text.Doc) []string {
	out := []string{"en"}
	for _, l := range d.Candidates {
		if _, ok := p.langInvites.words[l]; ok && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// restInvites reads the letters before and after the brand's name: an
// invitation when each non-empty side is invitation words and joiners (or
// holds a marker) and one side asks or opens.
func (p *pack) restInvites(pre, post string, langs []string) (tagInvite, bool) {
	var ti tagInvite
	for _, side := range []string{pre, post} {
		if side == "" {
			continue
		}
		word, kind, ok := p.sideInvite(side, langs)
		if !ok {
			return tagInvite{}, false
		}
		if kind == inviteJoin {
			continue
		}
		if ti.word == "" || kind == inviteOpen && !ti.open {
			ti.word = word
		}
		ti.open = ti.open || kind == inviteOpen
	}
	return ti, ti.word != ""
}

// sideInvite reads one side of the rest: its strongest invitation word
// (open over ask over joiner), ok when it is nothing but such words.
func (p *pack) sideInvite(side string, langs []string) (word, kind string, ok bool) {
	if !isLatin(side) {
		for _, m := range p.langInvites.markers {
			if strings.Contains(side, m.text) && (kind == "" || m.kind == inviteOpen) {
				word, kind = m.text, m.kind
			}
		}
		return word, kind, kind != ""
	}
	seg := segment.NewFor(langs...)
	for _, r := range seg.Readings(side, 4) {
		if r.Unknown > 0 {
			continue
		}
		word, kind = "", inviteJoin
		all := true
		for _, w := range r.Words {
			k := p.inviteWord(w, langs)
			if k == "" {
				all = false
				break
			}
			if k == inviteOpen && kind != inviteOpen || k == inviteAsk && kind == inviteJoin {
				word, kind = w, k
			}
		}
		if all {
			return word, kind, true
		}
	}
	return p.splitInvite(side, langs)
}

// splitInvite reads a side as invitation words written together when
// the segmenter has no reading of it in those words: the call may be a
// form its word lists lack ("demandez" of #DemandezÀLafarge). Every
// split into at most three of the invitation lists' words is tried, by
// dynamic programming over the side's bytes (at most 64, words of at
// most 24 bytes), and the strongest word of a full split is kept when it
// is four bytes or more: short words alone ("mon", "ta", "na") would
// read invitations into ordinary words ("montana").
func (p *pack) splitInvite(side string, langs []string) (word, kind string, ok bool) {
	side = strings.ToLower(side)
	if len(side) > 64 {
		return "", "", false
	}
	rank := func(kind string) int {
		switch kind {
		case inviteJoin:
			return 1
		case inviteAsk:
			return 2
		case inviteOpen:
			return 3
		}
		return 0
	}
	type cell struct {
		rank       int // best rank of a split of side[:i]; 0 when none
		words      int
		word, kind string
	}
	best := make([]cell, len(side)+1)
	best[0].rank = 1
	for i := 0; i < len(side); i++ {
		if best[i].rank == 0 || best[i].words == 3 {
			continue
		}
		for j := i + 1; j <= len(side) && j-i <= 24; j++ {
			k := p.inviteWord(side[i:j], langs)
			if k == "" {
				continue
			}
			r := max(best[i].rank, rank(k))
			if r > best[j].rank {
				w, wk := best[i].word, best[i].kind
				if rank(k) >= rank(wk) {
					w, wk = side[i:j], k
				}
				best[j] = cell{rank: r, words: best[i].words + 1, word: w, kind: wk}
			}
		}
	}
	end := best[len(side)]
	if end.rank < rank(inviteAsk) || len(end.word) < 4 {
		return "", "", false
	}
	return end.word, end.kind, true
}

// inviteWord is what w does in any of langs ("" when nothing).
func (p *pack) inviteWord(w string, langs []string) string {
	best := ""
	for _, l := range langs {
		switch k := p.langInvites.words[l][w]; {
		case k == inviteOpen:
			return k
		case k == inviteAsk || k == inviteJoin && best == "":
			best = k
		}
	}
	if best == "" && p.brands.InviteWord(w) {
		best = inviteAsk
	}
	return best
}

// isLatin is true when every letter of s is in the Latin script.
func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// compoundInitials are the initials of each one-word name of the brand
// that is a compound of two or three words of three letters or more in
// English or the post's languages: "VW" for Volkswagen (volks wagen), "FB"
// for Facebook. People shorten such names to them as they do a
// multi-word name to its initials (which the brand package derives).
func (p *pack) compoundInitials(b *checker.Brand, langs []string) []string {
	var out []string
	seg := segment.NewFor(langs...)
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		for _, w := range strings.Fields(words(n)) {
			if len([]rune(w)) < 6 || len(w) > 40 {
				continue
			}
			for _, r := range seg.Readings(w, 6) {
				if r.Unknown > 0 || len(r.Words) < 2 || len(r.Words) > 3 ||
					slices.ContainsFunc(r.Words, func(x string) bool { return len([]rune(x)) < 3 }) {
					continue
				}
				var in strings.Builder
				for _, x := range r.Words {
					in.WriteRune(unicode.ToUpper([]rune(x)[0]))
				}
				if !slices.Contains(out, in.String()) {
					out = append(out, in.String())
				}
				break
			}
		}
	}
	return out
}

// asksQuestions reports whether a tag that does not carry the brand's
// name calls for questions: a Latin tag that opens with an ask word of the
// post's languages (English always among them) and goes on (#AskZuck,
// #FragDenChef), or a tag in another script holding an ask marker
// (#マックに質問).
func (p *pack) asksQuestions(body string, langs []string) bool {
	tag := strings.ToLower(squash(body))
	if !isLatin(tag) {
		return slices.ContainsFunc(p.langInvites.markers, func(m inviteMarker) bool {
			return m.kind == inviteAsk && strings.Contains(tag, m.text)
		})
	}
	for _, l := range langs {
		for w, k := range p.langInvites.words[l] {
			if k == inviteAsk && len(w) >= 3 && len(tag) > len(w) && strings.HasPrefix(tag, w) {
				return true
			}
		}
	}
	return false
}
