package hashtag

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

// deathClasses are the crisis classes that make a death or violent reading
// of a tag unbearable.
var deathClasses = []checker.CrisisClass{checker.CrisisDeath, checker.CrisisAttack, checker.CrisisShooting,
	checker.CrisisDisaster, checker.CrisisMourning, checker.CrisisUnrest, checker.CrisisTrending}

// commonLogp: words likelier than this (about the 250 most frequent) are
// too common to tie a tag to a story.
const commonLogp = -8.0

// contentWords are the words of a reading that can tie the tag to a story:
// not common, not risky, not generic, at least three letters.
func (p *pack) contentWords(r segment.Reading) []string {
	var out []string
	for _, w := range r.Words {
		if len([]rune(w)) < 3 || p.generic[w] || p.risky[w] != "" || isNumber(w) {
			continue
		}
		if lp, ok := p.seg.Known(w); ok && lp > commonLogp {
			continue
		}
		out = append(out, w)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// stem strips a plural or possessive "s" from longer words.
func stem(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// tagNews returns the crisis articles of the window before the post that
// are about the tag: they contain the tag itself (squashed, or as one of
// the article's hashtags) or every content word of its best reading.
func (p *pack) tagNews(pass *checker.Pass, body string, best segment.Reading, classes []checker.CrisisClass, window time.Duration) ([]checker.Article, error) {
	return p.tagSearch(pass, body, best, checker.NewsQuery{Window: window, Classes: classes})
}

// politicalNews returns the articles of the window before the post that
// are about the tag and report a verdict, an election, a protest or
// another political or judicial event (data/political.yaml), whether or
// not ingestion graded them a crisis.
func (p *pack) politicalNews(pass *checker.Pass, body string, best segment.Reading, window time.Duration) ([]checker.Article, error) {
	arts, err := p.tagSearch(pass, body, best, checker.NewsQuery{Window: window, AnyClass: true})
	if err != nil {
		return nil, err
	}
	var out []checker.Article
	for _, a := range arts {
		if p.political.Contains(text.Analyse(a.Title+". "+a.Summary, a.Language)) {
			out = append(out, a)
		}
	}
	return out, nil
}

// tagSearch asks the index q (as of the post's time, with the tag's
// terms) and keeps the articles about the tag.
func (p *pack) tagSearch(pass *checker.Pass, body string, best segment.Reading, q checker.NewsQuery) ([]checker.Article, error) {
	if pass.News == nil {
		return nil, nil
	}
	tag := fold(body)
	if p.generic[tag] {
		return nil, nil
	}
	if parts := caseParts(body); len(parts) > len(best.Words) || len(parts) > 1 && !slices.Equal(parts, best.Words) {
		// The writer's capitals say where the words are: #CalderwickFlood
		// is "calderwick flood" even when the word lists read "calder
		// wick flood".
		best = segment.Reading{Words: parts}
	}
	var words []string
	langs := p.inviteLangs(pass.Doc)
	for _, w := range p.contentWords(best) {
		if p.inviteWord(w, langs) == "" && !p.solidarityWords[w] {
			words = append(words, w) // #CairoStories is about Cairo, #PergunteÀBraskem about Braskem, #PuertoRicoSeLevanta about Puerto Rico
		}
	}
	if len(best.Words) == 1 && len(words) == 0 {
		return nil, nil // a single common word: #love, #monday
	}
	terms := []string{tag}
	core := p.brands.TagCore(body) // #DelmontStories is about Delmont
	if core != tag {
		terms = append(terms, core)
	}
	for _, w := range words {
		terms = append(terms, w)
		if s := stem(w); s != w {
			terms = append(terms, s)
		}
	}
	q.At, q.Terms, q.Limit = pass.At(), terms, 10
	arts, err := pass.News.Search(pass.Context, q)
	if err != nil {
		return nil, err
	}
	var out []checker.Article
	single := len(best.Words) == 1
	for _, a := range arts {
		if single && properNoun(a, body) || !single && (p.about(a, tag, words) || core != tag && p.about(a, core, nil)) || tagged(a, tag) {
			out = append(out, a)
		}
	}
	return out, nil
}

// caseParts splits a tag at the writer's case boundaries, lower case;
// nil for a tag in one case or with a part shorter than two letters.
func caseParts(body string) []string {
	cases := caseBoundaries(body)
	if len(cases) == 0 {
		return nil
	}
	rs := []rune(body)
	var out []string
	from := 0
	for _, c := range append(cases, len(rs)) {
		w := strings.ToLower(string(rs[from:c]))
		if n := letterCount(w); n < 2 && !(n == 1 && (w[0] >= 0x80 || strings.ContainsAny(w, "aeiouy"))) {
			return nil // a one-letter part only as a word: "à" of #PergunteÀBraskem, "a" of #DemandezALactalis
		}
		out = append(out, w)
		from = c
	}
	return out
}

// tagged is true when the article carries the tag itself.
func tagged(a checker.Article, tag string) bool {
	for _, h := range a.Hashtags {
		if fold(h) == tag {
			return true
		}
	}
	return false
}

// properNoun is true when a one-word tag names something in the article:
// one of its entities, or the word capitalised in its title or summary
// (#Aurora, #Cairo, #Sandy), not the word in passing ("women").
func properNoun(a checker.Article, body string) bool {
	w := fold(body)
	for _, e := range a.Entities {
		for _, f := range strings.Fields(strings.ToLower(e)) {
			if squash(f) == w {
				return true
			}
		}
	}
	for _, f := range strings.FieldsFunc(a.Title+" "+a.Summary, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if r := []rune(f); unicode.IsUpper(r[0]) && strings.ToLower(f) == w {
			return true
		}
	}
	return false
}

// about checks an article against a multi-word tag locally, whatever the
// index's matching did: the tag squashed, or every content word — a word
// naming a kind of crisis counts when the article is of that class
// (#MyanmarCoup for "the army seized power in Myanmar"), as long as
// another word is in the article.
func (p *pack) about(a checker.Article, tag string, words []string) bool {
	txt := strings.ToLower(a.Title + " " + a.Summary + " " + a.Body + " " + strings.Join(a.Entities, " "))
	if len(tag) >= 6 && strings.Contains(squash(txt), tag) {
		return true
	}
	if len(words) == 0 {
		return false
	}
	have := map[string]bool{}
	for _, f := range strings.FieldsFunc(txt, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		have[f], have[stem(f)] = true, true
	}
	named := false
	for _, w := range words {
		switch {
		case have[w] || have[stem(w)]:
			named = true
		case !slices.Contains(p.kinds[w], a.Crisis):
			return false
		}
	}
	return named
}

func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func newsEvidence(arts []checker.Article, n int) []checker.Evidence {
	var ev []checker.Evidence
	for i, a := range arts {
		if i == n {
			break
		}
		ev = append(ev, checker.NewsEvidence(a))
	}
	return ev
}
