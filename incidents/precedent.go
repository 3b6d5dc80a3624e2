package incidents

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// Query describes a finding to find a precedent for. Any field may be
// empty; the more it says, the closer the precedent.
type Query struct {
	Rule      string              // the finding's rule ID, e.g. "news.tragedy_overlap"
	Category  checker.Category    // the finding's category
	Mechanism string              // a mechanism ID when the caller knows it
	Class     checker.CrisisClass // the class of the event the finding cites
	Words     []string            // the matched words first, then any others (the finding's message)
}

// Precedent is a documented incident cited as evidence for a finding.
type Precedent struct {
	Incident  *Incident
	Mechanism *Mechanism
	// Citation reads "<mechanism phrase>: <brand>, <event>, <year>".
	Citation string
	URL      string
	Score    float64
}

// Evidence is the precedent as a finding's evidence.
func (p Precedent) Evidence() checker.Evidence {
	return checker.Evidence{Type: EvidencePrecedent, Title: p.Citation, URL: p.URL, Date: p.Incident.Date}
}

// Finder returns the documented incident most like a finding. It is built
// once from a library and safe for concurrent use.
type Finder struct {
	lib    *Library
	byRule map[string][]*Mechanism
	byCat  map[checker.Category][]*Mechanism
	words  [][]string // per incident: sorted distinct content words
}

// NewFinder indexes a library's incidents by mechanism and words.
func NewFinder(l *Library) *Finder {
	words := make([][]string, len(l.Incidents))
	for i := range l.Incidents {
		in := &l.Incidents[i]
		words[i] = contentWords(in.Text + " " + in.Event)
	}
	return newFinderWords(l, words)
}

// newFinderWords indexes a library whose incidents' content words (as
// contentWords reads their text and event) are already known.
func newFinderWords(l *Library, words [][]string) *Finder {
	f := &Finder{lib: l, byRule: map[string][]*Mechanism{}, byCat: map[checker.Category][]*Mechanism{}, words: words}
	for i := range l.Mechanisms {
		m := &l.Mechanisms[i]
		for _, r := range m.Rules {
			f.byRule[r] = append(f.byRule[r], m)
		}
		for _, c := range m.Categories {
			f.byCat[c] = append(f.byCat[c], m)
		}
	}
	return f
}

// Weights of the evidence a precedent is chosen on: the mechanism matters
// most, then the kind of event, then shared words.
const (
	weightMechanism = 4.0
	weightRule      = 3.0
	weightCategory  = 1.0
	weightClass     = 2.0
	weightWords     = 3.0
	weightReported  = 0.1
)

// Find returns the closest precedent, and false when no documented incident
// shares the finding's mechanism (or, failing that, its category).
func (f *Finder) Find(q Query) (Precedent, bool) {
	mechScore := map[string]float64{}
	if q.Mechanism != "" {
		mechScore[q.Mechanism] = weightMechanism
	}
	for _, m := range f.byRule[q.Rule] {
		mechScore[m.ID] = max(mechScore[m.ID], weightRule)
	}
	// The category alone stands in only when the rule is not named: a rule
	// no mechanism lists (a spelling check, a length limit) has no
	// precedent, even in a category that has some.
	if len(mechScore) == 0 && q.Rule == "" {
		for _, m := range f.byCat[q.Category] {
			mechScore[m.ID] = max(mechScore[m.ID], weightCategory)
		}
	}
	if len(mechScore) == 0 {
		return Precedent{}, false
	}
	qw := contentWords(strings.Join(q.Words, " "))
	// The first of the words are the matched ones: only they say which of
	// several mechanisms the finding is about (a message's generic words,
	// "people", "post", do not).
	var keyw []string
	if len(q.Words) > 0 {
		keyw = contentWords(q.Words[0])
	}
	// When the rule serves several mechanisms (content.insensitive covers
	// slurs, stereotypes, mockery and innuendo), the mechanism alone does
	// not say which precedent fits: a candidate must then share words or
	// the event's class with the finding, or none is cited. A wrong
	// precedent costs more trust than a missing one.
	ambiguous := q.Mechanism == "" && len(mechScore) > 1
	best, bestScore := -1, 0.0
	for i := range f.lib.Incidents {
		in := &f.lib.Incidents[i]
		ms, ok := mechScore[in.Mechanism]
		if !ok {
			continue
		}
		s := ms
		related := false
		if q.Class != "" && in.Class == q.Class {
			s += weightClass
			related = true
		}
		if j := jaccard(qw, f.words[i]); j > 0 {
			s += weightWords * j
		}
		if len(keyw) > 0 && jaccard(keyw, f.words[i]) > 0 {
			related = true
		}
		if ambiguous && !related {
			continue
		}
		if in.Wording == WordingReported {
			s += weightReported
		}
		// Ties go to the earlier incident in library order: stable output.
		if best < 0 || s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		return Precedent{}, false
	}
	in := &f.lib.Incidents[best]
	m, _ := f.lib.Mechanism(in.Mechanism)
	return Precedent{Incident: in, Mechanism: m, Citation: Cite(m, in), URL: in.Source.URL, Score: bestScore}, true
}

// ForFinding finds the precedent for a finding from the engine; class is
// the crisis class of the event it cites, empty when unknown.
func (f *Finder) ForFinding(fd checker.Finding, class checker.CrisisClass) (Precedent, bool) {
	q := Query{Rule: fd.Rule, Category: fd.Category, Class: class, Words: []string{fd.Match, fd.Message}}
	return f.Find(q)
}

// Annotate adds the closest precedent to each finding of the report that
// is at least medium severity and cites none yet, as evidence of type
// "precedent". Findings no documented mechanism covers are left alone.
func (f *Finder) Annotate(rep *checker.Report) {
	for i := range rep.Findings {
		fd := &rep.Findings[i]
		if fd.Severity < checker.SeverityMedium || hasPrecedent(fd.Evidence) {
			continue
		}
		if p, ok := f.ForFinding(*fd, ""); ok {
			fd.Evidence = append(fd.Evidence, p.Evidence())
		}
	}
}

func hasPrecedent(ev []checker.Evidence) bool {
	for _, e := range ev {
		if e.Type == EvidencePrecedent {
			return true
		}
	}
	return false
}

// EvidencePrecedent is the evidence type of a cited incident.
const EvidencePrecedent = "precedent"

// Cite formats an incident as a citation led by its mechanism's phrase.
func Cite(m *Mechanism, in *Incident) string {
	phrase := in.Mechanism
	if m != nil {
		phrase = m.Phrase
	}
	return fmt.Sprintf("%s: %s, %s, %d", phrase, in.Brand, in.Event, in.Year())
}

// stopWords are function words that say nothing about a collision.
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "of": true, "to": true, "in": true, "on": true,
	"for": true, "with": true, "our": true, "we": true, "you": true, "your": true, "is": true, "are": true,
	"it": true, "its": true, "at": true, "be": true, "this": true, "that": true, "all": true, "us": true,
	"from": true, "by": true, "as": true, "was": true, "have": true, "has": true, "not": true, "i": true,
}

// contentWords lower-cases, strips accents, splits on non-letters, drops
// stop words, stems the rest with the text package's English Snowball
// stemmer ("floods", "flooding" and "flooded" meet; a query and the
// library stem alike whatever their language) and returns the distinct
// words sorted.
func contentWords(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) }) {
		w = strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) {
				return -1
			}
			return r
		}, w)
		if len(w) < 2 || stopWords[w] {
			continue
		}
		w = text.Stem(w, "en")
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// jaccard is |a∩b| / |a∪b| over two sorted distinct lists, 0 when both are
// empty.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
