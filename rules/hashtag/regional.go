package hashtag

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/regional"
	"github.com/preflight-dev/preflight/segment"
)

// regionalReading is a word of a tag read in its vulgar or offensive
// sense by part of the audience (rules/internal/regional): #AmoLasConchas
// in Argentina, #RaparigasDoVerão in Brazil.
type regionalReading struct {
	reading segment.Reading
	word    string
	sense   *regional.Sense
	where   []string // the audience's regions that read it so
}

// regionalSense reads body in each of the post's languages (the writer's
// reading: the likeliest that follows the tag's capitals) and returns the
// first word whose regional sense the audience reads.
func (p *pack) regionalSense(body string, vocs []*vocabulary, t *regional.Table, audience []string) (regionalReading, bool) {
	cases := caseBoundaries(body)
	for _, v := range append([]*vocabulary{p.base}, vocs...) {
		lang := v.lang
		if lang == "" {
			lang = "en"
		}
		for _, r := range v.seg.Readings(body, 8) {
			if !followsCase(r, cases) {
				continue
			}
			for _, m := range t.Find(r.Words) {
				if where := m.Sense.ReadIn(audience); len(where) > 0 && m.Sense.In(lang) {
					return regionalReading{reading: r, word: strings.Join(r.Words[m.Start:m.End], " "), sense: m.Sense, where: where}, true
				}
			}
			break
		}
	}
	return regionalReading{}, false
}

// regionalFinding words the finding for a tag with a regional reading.
func regionalFinding(body string, rr regionalReading) checker.Finding {
	where := strings.Join(rr.where, ", ")
	return checker.Finding{Severity: checker.SeverityMedium,
		Message: fmt.Sprintf("#%s reads as %q, and in %s %q is %s (elsewhere %s): part of this audience will read the tag so.",
			body, rr.reading.String(), where, rr.word, rr.sense.Meaning, rr.sense.Everyday),
		Suggestion: fmt.Sprintf("Choose a tag without %q for %s, or leave it out of the audience.", rr.word, where)}
}

// regionalIn is regionalSense for a tag of the pass (not a link's name),
// when the audience includes a region the table has senses for.
func (p *pack) regionalIn(pass *checker.Pass, n runTogether, vocs []*vocabulary) (regionalReading, bool) {
	if n.domain || len(pass.Post.Regions) == 0 {
		return regionalReading{}, false
	}
	t, err := regional.Load()
	if err != nil || !t.Reaches(pass.Post.Regions) {
		return regionalReading{}, false
	}
	return p.regionalSense(n.body, vocs, t, pass.Post.Regions)
}
