package platform

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

func (c *config) length() *checker.Rule {
	return &checker.Rule{
		ID:       "platform.length",
		Category: checker.CategoryPlatform,
		Title:    "Too long for the platform",
		Doc: "Each platform limits a post's length and counts it its own way: X weighs characters (links " +
			"count 23, emoji and CJK characters 2), Bluesky counts graphemes, Mastodon counts every link as 23. " +
			"A post over the limit fails to publish from a scheduler, or is cut off mid-sentence.",
		Fix:   "Shorten the post from the marked point on, move detail to a link or a thread, or pick the platform's long-form format.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			p := pass.Post.Platform
			limit := c.limits[p]
			if limit <= 0 {
				return nil
			}
			m := measure(pass.Doc, p, limit, pass.Post.Kind == checker.KindReply)
			if m.count <= limit {
				return nil
			}
			over := m.count - limit
			pass.ReportSpan(text.Span{Start: m.overflow, End: pass.Doc.Len()}, checker.Finding{
				Severity: checker.SeverityHigh,
				Message: fmt.Sprintf("This post is %s %s on %s, over the limit of %s%s.",
					thousands(m.count), m.unit, nameOf(p), thousands(limit), m.note),
				Suggestion: fmt.Sprintf("Cut at least %s %s (the marked part does not fit), or split the post.", thousands(over), m.unit),
			})
			return nil
		},
	}
}

// measurement is a post's length as one platform counts it.
type measurement struct {
	count    int
	overflow int    // code-point offset where the text stops fitting
	unit     string // "characters", "graphemes"
	note     string // how the platform counts, for the message
}

// remoteMention is a Mastodon mention of another server's account; only
// "@user" counts towards the length.
var remoteMention = regexp.MustCompile(`@[a-zA-Z0-9_]+(@[a-zA-Z0-9.\-]+\.[a-zA-Z]{2,})`)

// measure counts d as platform p does and finds where it passes limit. On
// X the @names a reply starts with do not count.
func measure(d *text.Doc, p checker.Platform, limit int, reply bool) measurement {
	switch p {
	case checker.PlatformX:
		skip := 0
		if reply {
			skip = leadingMentions(d)
		}
		tl := d.XLength(skip)
		m := measurement{count: tl.Weighted, overflow: skip + tl.ValidEnd, unit: "characters",
			note: " (X counts links as 23 and emoji as 2)"}
		if limit != text.XMaxWeightedLength {
			m.overflow = skip + xOverflow(text.Analyse(d.Slice(text.Span{Start: skip, End: d.Len()}), d.Language), limit)
		}
		return m
	case checker.PlatformBluesky:
		return measurement{count: text.Graphemes(d.Raw), overflow: text.GraphemeOffset(d.Raw, limit), unit: "characters"}
	case checker.PlatformMastodon:
		// Weights per code point: links with a protocol count 23, the
		// server part of a remote mention nothing.
		w := make([]int, d.Len())
		for i := range w {
			w[i] = 1
		}
		for _, u := range d.URLs {
			if l := strings.ToLower(u.Text); strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
				for i := u.Start; i < u.End; i++ {
					w[i] = 0
				}
				w[u.Start] = 23
			}
		}
		for _, m := range remoteMention.FindAllStringSubmatchIndex(d.Raw, -1) {
			s := d.RuneSpan(m[2], m[3])
			for i := s.Start; i < s.End; i++ {
				w[i] = 0
			}
		}
		count, overflow := 0, -1
		for i, x := range w {
			count += x
			if count > limit && overflow < 0 {
				overflow = i
			}
		}
		if overflow < 0 {
			overflow = d.Len()
		}
		return measurement{count: count, overflow: overflow, unit: "characters", note: " (Mastodon counts each link as 23)"}
	}
	n := d.Len()
	return measurement{count: n, overflow: min(limit, n), unit: "characters"}
}

// leadingMentions returns where the @names at the start of a reply end
// (with the space after them), or 0.
func leadingMentions(d *text.Doc) int {
	end := 0
	for _, t := range d.Tokens {
		if t.Kind != text.Mention || strings.TrimSpace(d.Slice(text.Span{Start: end, End: t.Start})) != "" {
			break
		}
		end = t.End
	}
	for end > 0 && end < d.Len() && strings.TrimSpace(d.Slice(text.Span{Start: end, End: end + 1})) == "" {
		end++
	}
	return end
}

// xOverflow finds where the text passes a custom X limit: the longest
// prefix whose weighted length fits.
func xOverflow(d *text.Doc, limit int) int {
	lo, hi := 0, d.Len()
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if text.WeightedLength(d.Slice(text.Span{Start: 0, End: mid})) <= limit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// thousands writes n with comma separators (2,200).
func thousands(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
