package lexicon

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// CuedSettings are how a cued lexicon decides that its weak terms count.
type CuedSettings struct {
	Settings
	// Pairs makes two different weak terms vouch for each other.
	Pairs bool
	// Near, when set, makes a cue word count only within that many tokens
	// of the weak term ("you" next to "stupid", not anywhere in the
	// reply); cue emoji then do not count. Zero means a cue anywhere in the
	// text counts.
	Near int
}

// Cued is a lexicon whose weak terms need company: a cue word or emoji in
// the same text, or (with Pairs) a second weak term.
type Cued struct {
	lex   *Lexicon
	cues  *Lexicon
	emoji []string
	pairs bool
	near  int
}

// NewCued compiles a data file's terms, merged with the options, and its
// cues.
func NewCued(f File, o Options, def checker.Severity, s CuedSettings) (*Cued, error) {
	l, err := FromFile(f, o, def, s.Settings)
	if err != nil {
		return nil, err
	}
	c := &Cued{lex: l, emoji: f.Emoji, pairs: s.Pairs, near: s.Near}
	if len(f.Cues) > 0 {
		if c.cues, err = New(f.Cues, nil, def, s.Settings); err != nil {
			return nil, fmt.Errorf("cues: %w", err)
		}
	}
	return c, nil
}

// OpenCued loads the data file name of fsys and compiles it with NewCued.
func OpenCued(fsys fs.FS, name string, o Options, def checker.Severity, s CuedSettings) (*Cued, error) {
	f, err := Read(fsys, name)
	if err != nil {
		return nil, err
	}
	c, err := NewCued(f, o, def, s)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

// Cued reports whether d carries one of the cues, anywhere.
func (c *Cued) Cued(d *text.Doc) bool {
	for _, e := range c.emoji {
		if strings.Contains(d.Raw, e) {
			return true
		}
	}
	return c.cues != nil && len(c.cues.Find(d)) > 0
}

// Find returns the strong hits, and the weak ones when extra (a signal the
// caller read), a cue, or a hit of another term vouches for them.
func (c *Cued) Find(d *text.Doc, extra bool) []Hit {
	hs := c.lex.Find(d)
	weak, kinds := 0, 0
	for i, h := range hs {
		if h.Term.Weak {
			weak++
		}
		if !slices.ContainsFunc(hs[:i], func(o Hit) bool { return o.Term == h.Term }) {
			kinds++ // the same word twice is not a pair
		}
	}
	if weak == 0 || extra || (c.pairs && kinds >= 2) || c.near == 0 && c.hasEmoji(d) {
		return hs
	}
	var cues []Hit
	if c.cues != nil {
		cues = c.cues.Find(d)
	}
	out := hs[:0]
	for _, h := range hs {
		if !h.Term.Weak || nearAny(cues, h, c.near) {
			out = append(out, h)
		}
	}
	return out
}

// hasEmoji reports whether d carries one of the cue emoji.
func (c *Cued) hasEmoji(d *text.Doc) bool {
	for _, e := range c.emoji {
		if strings.Contains(d.Raw, e) {
			return true
		}
	}
	return false
}

// nearAny reports whether a cue lies within n tokens of h (anywhere when
// n is zero). A cue inside h does not count: the "drink" of "need a drink"
// does not vouch for the phrase it is part of.
func nearAny(cues []Hit, h Hit, n int) bool {
	for _, c := range cues {
		if c.First >= h.First && c.Last <= h.Last {
			continue
		}
		if n == 0 || c.First <= h.Last+n && h.First <= c.Last+n {
			return true
		}
	}
	return false
}

// Covered reports whether any of hs overlaps s.
func Covered(hs []Hit, s text.Span) bool { return covered(hs, s) }
