package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/preflight-dev/preflight/checker"
)

// segment is a run of the post's text, marked when findings point at it.
type segment struct {
	Text  string
	Mark  bool
	Sev   string // the most serious severity over the run
	Title string // the findings' messages, for the tooltip
	Refs  string // "f1 f3": ids of the findings, for aria-describedby
}

// textFinding reports whether a finding's span is on the post text (and
// not on a media alt text).
func textFinding(f *checker.Finding) bool {
	return f.HasSpan() && (f.Field == "" || f.Field == "text")
}

// segments cuts text at every finding boundary. Spans are code-point
// offsets, so the text is sliced as runes; spans out of range are clipped.
func segments(text string, fs []checker.Finding) []segment {
	rs := []rune(text)
	cuts := []int{0, len(rs)}
	for i := range fs {
		if textFinding(&fs[i]) {
			cuts = append(cuts, clamp(*fs[i].Start, len(rs)), clamp(*fs[i].End, len(rs)))
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		seg := segment{Text: string(rs[a:b])}
		var worst checker.Severity
		var titles, refs []string
		for j := range fs {
			f := &fs[j]
			if !textFinding(f) || clamp(*f.Start, len(rs)) > a || clamp(*f.End, len(rs)) < b || *f.Start >= *f.End {
				continue
			}
			seg.Mark = true
			worst = max(worst, f.Severity)
			titles = append(titles, f.Message)
			refs = append(refs, "f"+strconv.Itoa(j+1))
		}
		if seg.Mark {
			seg.Sev = worst.String()
			seg.Title = strings.Join(titles, " · ")
			seg.Refs = strings.Join(refs, " ")
		}
		out = append(out, seg)
	}
	return out
}

func clamp(i, n int) int { return max(0, min(i, n)) }
