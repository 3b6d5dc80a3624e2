package brand

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/invite.yaml
var inviteYAML []byte

// invitations is the decoded data/invite.yaml.
type invitations struct {
	Prefix         []string `yaml:"prefix"`
	Suffix         []string `yaml:"suffix"`
	PromptOpeners  []string `yaml:"prompt_openers"`
	PromptSubjects []string `yaml:"prompt_subjects"`
}

// Reader reads brand names and invitations in tags and text, and a
// brand's standing in the news. Build it once (NewReader); its
// vocabularies are immutable and it is safe for concurrent use.
type Reader struct {
	seg    *segment.Segmenter
	invite invitations
	trouble

	// stories remembers how articles read for a brand (capped).
	mu      sync.Mutex
	stories map[storyKey]storyEntry
	// names keeps each brand's compiled name matcher, keyed by its names,
	// so a check does not compile one for every article it reads (capped).
	names map[string]*text.Lexicon
	// brandDays keeps brandNews' answers by index generation, day and
	// brand names (capped).
	brandDays map[string][]Story
	// follows keeps the brands followed through a mentionFeed (capped).
	follows map[string]*brandFollow
	// subjects shares one compiled matcher among the stories with the same
	// subject words (capped), so FirstTouched tries each subject once.
	subjects map[string]subjectMatch
}

// maxNameMatchers caps the compiled brand-name matchers kept: a service
// sees a bounded set of brands, a hostile client an unbounded one.
const maxNameMatchers = 512

// NewReader loads the embedded vocabularies (invitations, trouble classes).
func NewReader() (*Reader, error) {
	r := &Reader{seg: segment.New()}
	if err := strictYAML(inviteYAML, &r.invite); err != nil {
		return nil, fmt.Errorf("brand: data/invite.yaml: %w", err)
	}
	t, err := loadTrouble()
	if err != nil {
		return nil, err
	}
	r.trouble = t
	return r, nil
}

func strictYAML(b []byte, v any) error { return strictyaml.Decode(b, v) }

// TagReading is what a hashtag says about the brand and the public.
type TagReading struct {
	// Words are the tag's likeliest reading.
	Words []string
	// Brand is the brand name the tag carries (#AskBG carries "BG"); nil
	// when it carries none.
	Brand *checker.BrandName
	// Invite is the word that makes the tag a call to speak ("ask",
	// "stories", "my"), or the sentence it opens ("why i"); empty when
	// the tag invites nothing.
	Invite string
	// Prompt is true when the tag opens a sentence for the public to
	// finish (#WhyIStayed, #WhatIWant).
	Prompt bool
}

// ReadTag reads a hashtag body (without "#"): whether it carries the
// brand's name — a name of five letters or more anywhere in it, a shorter
// one as a whole word of a reading or next to an invitation word — and
// whether it invites the public to speak. b may be nil.
func (r *Reader) ReadTag(body string, b *checker.Brand) TagReading {
	tag := fold(body)
	rs := r.seg.Readings(body, 1)
	var tr TagReading
	if len(rs) > 0 {
		tr.Words = rs[0].Words
	}
	if tag == "" {
		return tr
	}
	if b != nil {
		vs := variantsOf(b)
		for i := range vs {
			v := &vs[i]
			k := keyOf(v)
			if k == "" || v.Kind == KindPerson && v.Derived == "" && len(k) < 5 {
				continue
			}
			at := strings.Index(tag, k)
			if at < 0 {
				continue
			}
			pre, post := tag[:at], tag[at+len(k):]
			inv := r.inviteAround(pre, post)
			if len(k) < 5 && tag != k && inv == "" && !wholeWords(rs, k) {
				continue
			}
			if tr.Brand == nil || len(k) > len(fold(tr.Brand.Text)) {
				tr.Brand = v
			}
			if inv != "" {
				tr.Invite = inv
			}
		}
	}
	if tr.Invite == "" && len(tr.Words) >= 2 {
		tr.Invite, tr.Prompt = r.inviteWords(tr.Words)
	}
	return tr
}

// inviteAround reads the rest of a tag around a brand name: an invitation
// word before it (#AskBG) or after it (#BGStories).
func (r *Reader) inviteAround(pre, post string) string {
	switch {
	case pre != "" && slices.Contains(r.invite.Prefix, pre):
		return pre
	case post != "" && slices.Contains(r.invite.Suffix, post):
		return post
	case pre == "" && post != "":
		// #BritishGasQandA, #AcmeAsksYou: the rest opens with an
		// invitation suffix word.
		rs := r.seg.Readings(post, 1)
		if len(rs) > 0 && slices.Contains(r.invite.Suffix, rs[0].Words[0]) {
			return rs[0].Words[0]
		}
	case pre != "" && post == "":
		rs := r.seg.Readings(pre, 1)
		if len(rs) > 0 && slices.Contains(r.invite.Prefix, rs[0].Words[0]) {
			return rs[0].Words[0]
		}
	}
	return ""
}

// inviteWords reads a tag without the brand: an opening invitation word
// (#AskTheChef, #ShareYourStory, #MyFirstJob), a closing one
// (#HolidayStories), or a sentence opener with a personal subject
// (#WhyIStayed).
func (r *Reader) inviteWords(ws []string) (invite string, prompt bool) {
	if slices.Contains(r.invite.PromptOpeners, ws[0]) && slices.Contains(r.invite.PromptSubjects, ws[1]) {
		return ws[0] + " " + ws[1], true
	}
	if ws[0] == "my" || ws[0] == "min" || ws[0] == "mitt" {
		return ws[0], true
	}
	if slices.Contains(r.invite.Prefix, ws[0]) {
		return ws[0], false
	}
	if last := ws[len(ws)-1]; slices.Contains(r.invite.Suffix, last) {
		return last, false
	}
	return "", false
}

// wholeWords reports whether k is a run of whole words in the likeliest
// reading ("bg" in "ask bg", not in "bgs tories").
func wholeWords(rs []segment.Reading, k string) bool {
	for _, rd := range rs {
		for i := range rd.Words {
			s := ""
			for j := i; j < len(rd.Words) && len(s) < len(k); j++ {
				s += rd.Words[j]
				if s == k {
					return true
				}
			}
		}
	}
	return false
}

// Mention is a brand name found in a text.
type Mention struct {
	Name checker.BrandName
	text.Span
}

// Find returns where the post's text names the brand, one of its products
// or its people, on the text the user wrote. Two-letter derived initials
// count only written in capitals ("BG", not "bg").
func (r *Reader) Find(d *text.Doc, b *checker.Brand) []Mention {
	return r.find(d, b)
}

// nameMatcher returns the compiled matcher of a brand's names, compiling it
// once per set of names.
func (r *Reader) nameMatcher(vs []checker.BrandName) *text.Lexicon {
	var key strings.Builder
	var entries []text.Entry
	for i, v := range vs {
		if v.Kind == KindHandle && strings.HasPrefix(v.Text, "@") {
			continue // mentions are matched through their body
		}
		if squash(v.Text) == "" {
			continue
		}
		phrase := strings.ToLower(v.Text)
		entries = append(entries, text.Entry{Phrase: phrase, Value: strconv.Itoa(i)})
		key.WriteString(strconv.Itoa(i))
		key.WriteByte(0)
		key.WriteString(phrase)
		key.WriteByte(0)
	}
	k := key.String()
	r.mu.Lock()
	lex, ok := r.names[k]
	r.mu.Unlock()
	if ok {
		return lex
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		lex = nil
	}
	r.mu.Lock()
	if r.names == nil || len(r.names) >= maxNameMatchers {
		r.names = map[string]*text.Lexicon{}
	}
	r.names[k] = lex
	r.mu.Unlock()
	return lex
}

func (r *Reader) find(d *text.Doc, b *checker.Brand) []Mention {
	if b == nil || d == nil {
		return nil
	}
	vs := variantsOf(b)
	lex := r.nameMatcher(vs)
	if lex == nil {
		return nil
	}
	var out []Mention
	for _, m := range lex.FindLongest(d) {
		i, _ := strconv.Atoi(m.Entry.Value)
		v := vs[i]
		if v.Derived == "initials" && len([]rune(v.Text)) <= 2 && d.Slice(m.Span) != v.Text {
			continue
		}
		out = append(out, Mention{Name: v, Span: m.Span})
	}
	return out
}

// SearchTerms are the names to look the brand up by in the news: every
// variant except derived initials of two letters, which name too many
// other things in headlines.
func SearchTerms(b *checker.Brand) []string {
	if b == nil {
		return nil
	}
	vs := variantsOf(b)
	var out []string
	for _, v := range vs {
		t := strings.TrimPrefix(v.Text, "@")
		if v.Derived == "possessive" || v.Derived == "initials" && len([]rune(t)) <= 2 || t == "" || slices.Contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// MustReader is NewReader for the built-in data, which the package's
// tests load; it panics on an error.
func MustReader() *Reader {
	r, err := NewReader()
	if err != nil {
		panic(err)
	}
	return r
}

// variantsOf is the brand's variants, derived now when the profile did not
// come from a Book.
func variantsOf(b *checker.Brand) []checker.BrandName {
	if len(b.Variants) > 0 {
		return b.Variants
	}
	return Variants(b)
}

// InviteWord reports whether a word of a tag only makes it an invitation
// ("ask", "stories", "share"), so it says nothing about the tag's topic.
func (r *Reader) InviteWord(w string) bool {
	return slices.Contains(r.invite.Prefix, w) || slices.Contains(r.invite.Suffix, w)
}

// TagCore is a tag's topic without its invitation: the words of its
// likeliest reading less a leading or trailing invitation word
// (#DelmontStories → "delmont", #AskHarbor → "harbor"); the folded tag
// itself when it has neither (#Asking, #Mystery).
func (r *Reader) TagCore(body string) string {
	rs := r.seg.Readings(body, 1)
	if len(rs) == 0 || len(rs[0].Words) < 2 {
		return fold(body)
	}
	ws := rs[0].Words
	if slices.Contains(r.invite.Prefix, ws[0]) {
		ws = ws[1:]
	} else if slices.Contains(r.invite.Suffix, ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, "")
}

// MayCarry is ReadTag's cheap first step: whether any of the brand's
// names occurs in the tag at all, so rules segment only the tags that may
// be the brand's.
func MayCarry(body string, b *checker.Brand) bool {
	if b == nil {
		return false
	}
	tag := fold(body)
	vs := variantsOf(b)
	for i := range vs {
		if k := keyOf(&vs[i]); k != "" && strings.Contains(tag, k) {
			return true
		}
	}
	return false
}

// keyOf is a variant's matching form.
func keyOf(v *checker.BrandName) string {
	if v.Key != "" {
		return v.Key
	}
	return fold(v.Text)
}
