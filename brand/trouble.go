package brand

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

//go:embed data/trouble.yaml
var troubleYAML []byte

// Trouble classes, the keys of data/trouble.yaml.
const (
	TroubleCrash        = "crash"
	TroubleOutage       = "outage"
	TroubleRecall       = "recall"
	TroubleBreach       = "breach"
	TroubleScandal      = "scandal"
	TroubleLawsuit      = "lawsuit"
	TroubleFine         = "fine"
	TroubleStrike       = "strike"
	TroubleLayoffs      = "layoffs"
	TroubleBoycott      = "boycott"
	TroublePriceRise    = "price_rise"
	TroubleTax          = "tax"
	TroubleMistreatment = "mistreatment"
	TroubleHarm         = "harm"
	TroubleTurmoil      = "turmoil"
	TroubleFailure      = "failure"
)

// neutral marks the phrases that hold a trouble word but report none.
const neutral = "-"

// troubleClasses lists the classes in data order; loadTrouble keeps it
// and the data file in step.
var troubleClasses = []string{TroubleCrash, TroubleOutage, TroubleRecall, TroubleBreach, TroubleScandal,
	TroubleLawsuit, TroubleFine, TroubleStrike, TroubleLayoffs, TroubleBoycott, TroublePriceRise, TroubleTax,
	TroubleMistreatment, TroubleHarm, TroubleTurmoil, TroubleFailure}

// trouble is the compiled trouble vocabulary.
type trouble struct {
	lex     *text.Lexicon
	generic map[string]bool
}

func loadTrouble() (trouble, error) {
	var raw struct {
		Classes map[string][]string `yaml:"classes"`
		Neutral []string            `yaml:"neutral"`
		Generic []string            `yaml:"generic"`
	}
	if err := strictYAML(troubleYAML, &raw); err != nil {
		return trouble{}, fmt.Errorf("brand: data/trouble.yaml: %w", err)
	}
	var entries []text.Entry
	for _, c := range troubleClasses {
		ps, ok := raw.Classes[c]
		if !ok {
			return trouble{}, fmt.Errorf("brand: data/trouble.yaml: class %q missing", c)
		}
		for _, p := range ps {
			entries = append(entries, text.Entry{Phrase: p, Value: c})
		}
	}
	for _, p := range raw.Neutral {
		entries = append(entries, text.Entry{Phrase: p, Value: neutral})
	}
	for c := range raw.Classes {
		if !slices.Contains(troubleClasses, c) {
			return trouble{}, fmt.Errorf("brand: data/trouble.yaml: unknown class %q", c)
		}
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		return trouble{}, fmt.Errorf("brand: data/trouble.yaml: %w", err)
	}
	t := trouble{lex: lex, generic: map[string]bool{}}
	for _, w := range raw.Generic {
		t.generic[strings.ToLower(w)] = true
	}
	return t, nil
}

// Classify reads an article's title and summary for trouble: the classes
// found and the words that gave them, in text order.
func (r *Reader) Classify(a checker.Article) (classes, words []string) {
	d := text.Analyse(a.Title+". "+a.Summary, a.Language)
	for _, m := range r.lex.FindLongest(d) {
		if m.Entry.Value == neutral {
			continue
		}
		if !slices.Contains(classes, m.Entry.Value) {
			classes = append(classes, m.Entry.Value)
		}
		if w := strings.ToLower(d.Slice(m.Span)); !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	return classes, words
}

// Story is a negative news story about the brand.
type Story struct {
	Article checker.Article
	// Classes are the trouble classes the story reports; Words the words
	// that said so ("recalled", "outage").
	Classes, Words []string
	// Named are the brand's names the story carries ("BG", a product).
	Named []checker.BrandName
	// Subject are the words a post touching the story would share with
	// it: the brand's products and people it names, its rarer headline
	// words, its trouble words.
	Subject []string
	// subject matches Subject in a post; compiled once, when the story is
	// read, not once for every post that is checked against it.
	subject *text.Lexicon
}

// Standing is what the news said about a brand as of a post's time.
type Standing struct {
	At time.Time
	// Recent are the stories of the trouble window, newest first.
	Recent []Story
	// Year are the stories of the past year, Recent included, newest
	// first: the brand's reputation memory. At most MaxStories are kept,
	// the newest.
	Year []Story
	// yearTotal counts the stories of the past year when Year holds only
	// the newest MaxStories of them.
	yearTotal int
}

// YearCount is how many negative stories the past year holds.
func (s *Standing) YearCount() int {
	if s == nil {
		return 0
	}
	return max(len(s.Year), s.yearTotal)
}

// InTrouble reports whether a story of the trouble window names the
// brand.
func (s *Standing) InTrouble() bool { return s != nil && len(s.Recent) > 0 }

// Chronic reports whether the brand had at least n negative stories in
// the past year.
func (s *Standing) Chronic(n int) bool { return s != nil && n > 0 && s.YearCount() >= n }

// Memory says the reputation memory in words: "12 negative stories in
// the past year, the latest on 3 March 2026 (\"headline\")".
func (s *Standing) Memory() string {
	if s == nil || len(s.Year) == 0 {
		return "no negative stories in the past year"
	}
	l := s.Year[0].Article
	n := "1 negative story"
	if c := s.YearCount(); c > 1 {
		n = fmt.Sprintf("%d negative stories", c)
	}
	return fmt.Sprintf("%s in the past year, the latest on %s (%q)", n, l.Published.UTC().Format("2 January 2006"), l.Title)
}

// Evidence cites up to n stories, the recent ones first.
func (s *Standing) Evidence(recent bool, n int) []checker.Evidence {
	src := s.Year
	if recent {
		src = s.Recent
	}
	var ev []checker.Evidence
	for i := 0; i < len(src) && i < n; i++ {
		ev = append(ev, checker.NewsEvidence(src[i].Article))
	}
	return ev
}

// Year is the reputation memory's span; Quarter the recent span asked
// for on its own.
const (
	Year    = 365 * 24 * time.Hour
	Quarter = 91 * 24 * time.Hour
)

// MaxStories caps the stories read per post, so a brand that is always
// in the news costs a bounded amount.
const MaxStories = 200

// yearKey is the pass memo key of the brand's year of stories.
type yearKey struct{}

// Standing returns the brand's standing as of the post's scheduled time:
// the stories of the past year that name the brand through any of its
// names and report trouble, and those of them inside window. The news
// index is asked once per post (as of the post's time, so never later
// news), whatever the window and however many rules ask. Without a brand
// or a news index it is nil.
func (r *Reader) Standing(p *checker.Pass, window time.Duration) (*Standing, error) {
	type result struct {
		year  []Story
		total int
		err   error
	}
	b := p.Brand()
	if b == nil || p.News == nil {
		return nil, nil
	}
	res := p.Memo(yearKey{}, func() any {
		year, total, err := r.year(p, b)
		return result{year, total, err}
	}).(result)
	if res.err != nil {
		return nil, res.err
	}
	s := &Standing{At: p.At(), Year: res.year, yearTotal: res.total}
	// Year is newest first, so Recent is its head (shared, not copied).
	n := 0
	for n < len(s.Year) && s.Year[n].Article.Published.After(s.At.Add(-window)) {
		n++
	}
	if n > 0 {
		s.Recent = s.Year[:n:n]
	}
	return s, nil
}

// brandNews returns the stories (articles read for the brand) that name
// the brand in the year before at (and possibly a little after: the caller
// keeps only those published in (at-Year, at]). An index that counts its changes (checker.NewsGeneration)
// is asked for the whole UTC day that holds at, and the answer is kept for
// the other posts of that brand and day until the index changes: a batch
// of a day's posts, or the hook's stream, asks Bleve once per brand, not
// once per post, and no answer outlives a commit.
func (r *Reader) brandNews(p *checker.Pass, b *checker.Brand, terms, phrases []string, at time.Time) ([]Story, error) {
	qAt, extra := at, time.Duration(0)
	var key string
	gi, counts := p.News.(checker.NewsGeneration)
	if counts {
		gen := gi.Generation() // read before asking: a later commit moves it
		qAt = at.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
		extra = 24 * time.Hour
		key = fmt.Sprintf("%d\x00%d\x00%s\x00%s\x01%s", gen, qAt.Unix(), b.Name, strings.Join(terms, "\x00"), strings.Join(phrases, "\x00"))
		r.mu.Lock()
		stories, ok := r.brandDays[key]
		r.mu.Unlock()
		if ok {
			return stories, nil
		}
	}
	var arts []checker.Article
	for _, w := range []time.Duration{Year, Quarter} {
		as, err := p.News.Search(p.Context, checker.NewsQuery{At: qAt, Window: w + extra, Terms: terms, Phrases: phrases, AnyClass: true, Limit: MaxStories})
		if err != nil {
			return nil, fmt.Errorf("news index: %w", err)
		}
		arts = append(arts, as...)
		if len(as) < MaxStories {
			break
		}
	}
	var stories []Story
	for _, a := range arts {
		if st, ok := r.story(a, b); ok {
			stories = append(stories, st)
		}
	}
	if counts {
		r.mu.Lock()
		if r.brandDays == nil || len(r.brandDays) >= maxBrandDays {
			r.brandDays = map[string][]Story{}
		}
		r.brandDays[key] = stories
		r.mu.Unlock()
	}
	return stories, nil
}

// withLeads adds to a brand's search terms the lead term
// (checker.LeadTerm) of each of its one-word names that is as rare as a
// distinctive word of a name (distinctiveLogp) or no English word at all:
// a headline that opens with the brand's name is its news whatever
// follows ("Telstra mobile outage …"), while "^fresh" would bring every
// headline that opens with "Fresh". Whether the article is about the
// brand is then read as for any other (readStory).
func (r *Reader) withLeads(terms []string) []string {
	out := terms
	for _, t := range terms {
		if strings.ContainsFunc(t, unicode.IsSpace) || strings.HasPrefix(t, "#") || utf8.RuneCountInString(t) < 3 {
			continue
		}
		if lp, ok := r.seg.Known(strings.ToLower(t)); ok && lp >= distinctiveLogp {
			continue
		}
		if len(out) == len(terms) {
			out = slices.Clip(terms)
		}
		out = append(out, checker.LeadTerm(t))
	}
	return out
}

// maxBrandDays caps the remembered answers of brandNews (brand × day).
const maxBrandDays = 1024

func (r *Reader) year(p *checker.Pass, b *checker.Brand) ([]Story, int, error) {
	terms := r.withLeads(SearchTerms(b))
	phrases := scriptNames(b)
	if len(terms)+len(phrases) == 0 {
		return nil, 0, nil
	}
	at := p.At()
	var year []Story
	total, found := 0, false
	if mf, ok := p.News.(mentionFeed); ok && len(terms) > 0 {
		y, t, err := r.followed(p, mf, b, terms, at)
		if err == nil {
			year, total, found = y, t, true
		} else if !errors.Is(err, errors.ErrUnsupported) {
			return nil, 0, err
		}
	}
	if !found && len(terms) > 0 {
		// The index ranks by relevance before date, so a brand with more
		// than MaxStories articles a year could lose its latest ones to the
		// cap: the last quarter is asked for on its own as well.
		// The year is asked for first; the quarter only when the year filled
		// the cap (one search a post for almost every brand, not two).
		stories, err := r.brandNews(p, b, terms, nil, at)
		if err != nil {
			return nil, 0, err
		}
		year = r.yearOf(stories, at)
		total = len(year)
	}
	if len(phrases) > 0 {
		// Articles in Hangul, Han or kana letters name the brand without
		// capitals, so they are not among its names' mentions: their text
		// is searched for the brand as written.
		stories, err := r.brandNews(p, b, nil, phrases, at)
		if err != nil {
			return nil, 0, err
		}
		n := len(year)
		year = r.yearOf(append(slices.Clip(year), stories...), at)
		total += len(year) - n
		year = year[:min(len(year), MaxStories):min(len(year), MaxStories)]
	}
	return year, total, nil
}

// uncased reports whether s has letters and none of them has a capital
// (a cased alphabet's names are read by their capitals).
func uncased(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.ToUpper(r) != unicode.ToLower(r) {
				return false
			}
			letters = true
		}
	}
	return letters
}

// scriptNames are the brand's names written in letters without capitals
// (Hangul, Han, kana, Thai, Arabic, Hebrew, the Indian scripts), two
// letters or more: the phrases its news in those letters holds.
func scriptNames(b *checker.Brand) []string {
	var out []string
	for _, v := range variantsOf(b) {
		if v.Derived != "possessive" && utf8.RuneCountInString(v.Text) >= 2 && uncased(v.Text) && !slices.Contains(out, v.Text) {
			out = append(out, v.Text)
		}
	}
	return out
}

// yearOf keeps the stories published in (at-Year, at], each once, newest
// first.
func (r *Reader) yearOf(stories []Story, at time.Time) []Story {
	var year []Story
	seen := map[string]bool{}
	for _, st := range stories {
		a := st.Article
		if a.Published.After(at) || !a.Published.After(at.Add(-Year)) || seen[a.ID+a.Title] {
			continue
		}
		seen[a.ID+a.Title] = true
		year = append(year, st)
	}
	sort.SliceStable(year, func(i, j int) bool { return year[i].Article.Published.After(year[j].Article.Published) })
	return year
}

// Named returns the brand's names an article carries: among its entities
// or hashtags, or written in its title or summary. Two-letter initials
// count only in capitals, as a word of their own.
func (r *Reader) Named(a checker.Article, b *checker.Brand) []checker.BrandName {
	d := text.Analyse(a.Title+". "+a.Summary, a.Language)
	var out []checker.BrandName
	for _, m := range r.Find(d, b) {
		if !slices.Contains(out, m.Name) {
			out = append(out, m.Name)
		}
	}
	ents := append(append([]string(nil), a.Entities...), a.Hashtags...)
	for _, v := range variantsOf(b) {
		if slices.Contains(out, v) || v.Derived == "possessive" {
			continue
		}
		k := keyOf(&v)
		if len(k) < 3 && v.Derived != "" {
			continue
		}
		for _, e := range ents {
			if fold(e) == k {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

// subject lists the words a post touching the story would share with it.
func (r *Reader) subject(a checker.Article, b *checker.Brand, named []checker.BrandName, words []string) []string {
	var out []string
	add := func(w string) {
		if w = strings.ToLower(strings.TrimSpace(w)); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	for _, n := range named {
		if n.Kind == KindProduct || n.Kind == KindPerson {
			add(n.Text)
		}
	}
	for _, w := range words {
		add(w)
	}
	// A sensitive topic of the brand's profile that the story mentions
	// is its subject, however common the word ("safety", "refunds").
	txt := " " + strings.ToLower(a.Title+" "+a.Summary) + " "
	for _, tp := range b.Topics {
		if t := strings.ToLower(strings.TrimSpace(tp)); t != "" && strings.Contains(txt, t) {
			add(t)
		}
	}
	own := map[string]bool{}
	for _, v := range variantsOf(b) {
		for _, w := range strings.Fields(strings.ToLower(v.Text)) {
			own[squash(w)] = true
		}
	}
	d := text.Analyse(a.Title, a.Language)
	for _, t := range d.Tokens {
		w := t.Norm
		if t.Kind != text.Word || len([]rune(w)) < 4 || r.generic[w] || own[w] {
			continue
		}
		if lp, ok := r.seg.Known(w); ok && lp > subjectLogp {
			continue
		}
		add(w)
	}
	return out
}

// subjectLogp: headline words commoner than this (about the 1,500th
// English word) are not the subject of a story.
const subjectLogp = -9.8

// Touches returns the spans where the post touches a story's subject: its
// product, route, people or the trouble's own words.
func (r *Reader) Touches(d *text.Doc, st Story) []text.Span {
	lex := st.subject
	if lex == nil {
		lex = subjectMatcher(st.Subject)
	}
	if lex == nil {
		return nil
	}
	var out []text.Span
	for _, m := range lex.FindLongest(d) {
		out = append(out, m.Span)
	}
	return out
}

// subjectMatcher compiles a story's subject words (and their stems).
func subjectMatcher(subject []string) *text.Lexicon {
	var entries []text.Entry
	for _, w := range subject {
		if squash(w) == "" {
			continue
		}
		entries = append(entries, text.Entry{Phrase: w})
		if stem := stemOf(w); stem != w && !strings.Contains(w, " ") {
			entries = append(entries, text.Entry{Phrase: stem + "*"})
		}
	}
	lex, err := text.NewLexicon(entries)
	if err != nil {
		return nil
	}
	return lex
}

// stemOf strips a common English ending from a word of six letters or
// more, so "recalled" meets "recall" and "outages" meets "outage".
func stemOf(w string) string {
	if len(w) < 6 {
		return w
	}
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 5 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// storyKey names one article read for one brand.
type storyKey struct {
	brand   *checker.Brand
	article string
}

// storyEntry is an article's reading for a brand: a story, or none.
type storyEntry struct {
	st Story
	ok bool
}

// maxReadStories caps the remembered readings; past it, articles are
// read again on every post.
const maxReadStories = 20000

// readStory reads an article for a brand: does it name the brand, does
// it report trouble, what is its subject.
func (r *Reader) readStory(a checker.Article, b *checker.Brand) (Story, bool) {
	named := r.Named(a, b)
	if len(named) == 0 {
		return Story{}, false
	}
	var st Story
	if st.Classes, st.Words = r.Classify(a); len(st.Classes) == 0 {
		return Story{}, false
	}
	st.Article, st.Named = a, named
	st.Subject = r.subject(a, b, named, st.Words)
	st.subject = r.sharedSubjectMatcher(st.Subject)
	return st, true
}

// maxSubjectMatchers caps the compiled subjects a Reader shares.
const maxSubjectMatchers = 4096

// sharedSubjectMatcher is subjectMatcher, one matcher for the same words.
func (r *Reader) sharedSubjectMatcher(subject []string) *text.Lexicon {
	key := strings.Join(subject, "\x00")
	r.mu.Lock()
	sm, ok := r.subjects[key]
	r.mu.Unlock()
	if ok && slices.Equal(sm.words, subject) {
		return sm.lex
	}
	lex := subjectMatcher(subject)
	r.mu.Lock()
	if r.subjects == nil || len(r.subjects) >= maxSubjectMatchers {
		r.subjects = map[string]subjectMatch{}
	}
	r.subjects[key] = subjectMatch{words: slices.Clone(subject), lex: lex}
	r.mu.Unlock()
	return lex
}

// subjectMatch is a compiled subject and the words it was compiled from.
type subjectMatch struct {
	words []string
	lex   *text.Lexicon
}

// FirstTouched returns the first of stories whose subject the post
// touches, with the spans (Touches); false when it touches none. Stories
// whose subject words are the same share one matcher, tried once.
func (r *Reader) FirstTouched(d *text.Doc, stories []Story) (Story, []text.Span, bool) {
	var tried map[*text.Lexicon]bool
	for _, st := range stories {
		if st.subject != nil {
			if tried[st.subject] {
				continue
			}
			if tried == nil {
				tried = map[*text.Lexicon]bool{}
			}
			tried[st.subject] = true
		}
		if touch := r.Touches(d, st); len(touch) > 0 {
			return st, touch, true
		}
	}
	return Story{}, nil, false
}

// story reads an article for a brand — does it name the brand, does it
// report trouble, what is its subject — once per brand and article, as
// the reading does not depend on the post.
func (r *Reader) story(a checker.Article, b *checker.Brand) (Story, bool) {
	k := storyKey{b, a.ID + "\x00" + a.Title}
	r.mu.Lock()
	e, hit := r.stories[k]
	r.mu.Unlock()
	if hit {
		e.st.Article = a
		return e.st, e.ok
	}
	e.st, e.ok = r.readStory(a, b)
	keep := e
	keep.st.Article = checker.Article{} // the article itself is the caller's
	r.mu.Lock()
	if r.stories == nil {
		r.stories = map[storyKey]storyEntry{}
	}
	if len(r.stories) < maxReadStories {
		r.stories[k] = keep
	}
	r.mu.Unlock()
	return e.st, e.ok
}
