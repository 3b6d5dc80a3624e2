package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/regional"
	"github.com/preflight-dev/preflight/text"
)

// regionalSenseRule reports a word whose vulgar or offensive sense is the
// one read in a region of the post's audience, though innocent where the
// writer learnt it (rules/internal/regional). The hashtag rules read the
// same table in tags.
func regionalSenseRule(Options) (*checker.Rule, error) {
	return &checker.Rule{
		ID:       "content.regional_sense",
		Category: checker.CategoryContent,
		Title:    "Word read as vulgar or offensive in part of the audience",
		Doc: "Languages are shared by countries that do not share their slang: \"concha\" is a shell in Spain and " +
			"vulgar in Argentina, \"coger\" is to take in Spain and to have sex in Mexico, \"rapariga\" a girl in Portugal " +
			"and a slur in Brazil, \"fanny\" a bottom in the United States and vulgar in Britain, \"butuh\" a need in Indonesia " +
			"and vulgar in Malaysia. A word is reported when the post is in its language and its audience includes a " +
			"country where the vulgar sense is the common reading (medium). Words too common in running text to be taken " +
			"so (Chile's \"pico\") are read only in hashtags, by hashtag.double_reading.",
		Fix:   "Use the word the audience's country uses for the thing, or leave that country out of the audience.",
		Since: "2026.12.0",
		Load:  func() error { _, err := regional.Load(); return err },
		Run: func(p *checker.Pass) error {
			if len(p.Post.Regions) == 0 {
				return nil
			}
			t, err := regional.Load()
			if err != nil {
				return err
			}
			if !t.Reaches(p.Post.Regions) {
				return nil
			}
			reportRegional(p, t, p.Doc)
			return nil
		},
	}, nil
}

// reportRegional reports the regional senses of d's words.
func reportRegional(p *checker.Pass, t *regional.Table, d *text.Doc) {
	// The words by their Norm, and where each is among the tokens: a
	// post's tokens are not copied.
	words, at := make([]string, 0, len(d.Tokens)), make([]int, 0, len(d.Tokens))
	for i := range d.Tokens {
		if d.Tokens[i].Kind == text.Word {
			words, at = append(words, d.Tokens[i].Norm), append(at, i)
		}
	}
	for _, m := range t.Find(words) {
		s := m.Sense
		where := s.ReadIn(p.Post.Regions)
		if s.TagOnly || len(where) == 0 || !inLanguage(s, d) || !adjacent(d, at[m.Start:m.End]) {
			continue
		}
		first := &d.Tokens[at[m.Start]]
		if s.Name && !first.SentenceStart && startsUpper(first.Raw) {
			continue // "Fanny" mid-sentence is a name
		}
		span := text.Span{Start: first.Start, End: d.Tokens[at[m.End-1]].End}
		word := d.Slice(span)
		p.ReportSpan(span, checker.Finding{Severity: checker.SeverityMedium,
			Message: fmt.Sprintf("%q is read in %s as %s, though it means %s: part of this audience will read it so.",
				word, strings.Join(where, ", "), s.Meaning, s.Everyday),
			Suggestion: fmt.Sprintf("Use the word %s uses, or leave it out of the audience.", strings.Join(where, ", "))})
	}
}

// inLanguage reports whether d is written in a language of the sense, or
// may be (unknown language, one of the candidates).
func inLanguage(s *regional.Sense, d *text.Doc) bool {
	if d.Language != "" {
		return s.In(d.Language)
	}
	return len(d.Candidates) == 0 || s.In(d.Candidates...)
}

// adjacent reports whether the tokens are separated by spaces only: a
// form of several words ("root for") is not read across punctuation.
func adjacent(d *text.Doc, at []int) bool {
	for i := 1; i < len(at); i++ {
		gap := d.Slice(text.Span{Start: d.Tokens[at[i-1]].End, End: d.Tokens[at[i]].Start})
		if strings.TrimSpace(gap) != "" {
			return false
		}
	}
	return true
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
