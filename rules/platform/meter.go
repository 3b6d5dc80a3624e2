package platform

import (
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// Meter counts a text's length as each platform does and knows the limits
// preflight.yaml sets, so a live counter (the web form's) always agrees with
// platform.length. It is immutable and safe for concurrent use.
type Meter struct{ c *config }

// NewMeter compiles the options the way Rules does.
func NewMeter(opts Options) (*Meter, error) {
	c, err := compile(opts)
	if err != nil {
		return nil, err
	}
	return &Meter{c}, nil
}

// Length is s's length on platform p, in p's unit (weighted characters on
// X, graphemes on Bluesky, code points with links as 23 on Mastodon, code
// points elsewhere).
func (m *Meter) Length(s string, p checker.Platform) int {
	limit := m.Limit(p)
	if limit <= 0 {
		limit = 1 << 30
	}
	return measure(text.Analyse(s, ""), p, limit, false).count
}

// Limit is p's length limit; 0 when none is known.
func (m *Meter) Limit(p checker.Platform) int { return m.c.limits[p] }
