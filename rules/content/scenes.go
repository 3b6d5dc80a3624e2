package content

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// A scene is what a post or its picture shows, read from the words of the
// post text and of the media alt texts: a face turned from dark to light
// by a soap, a noose on a model, women bound in a car boot, a feathered
// headdress worn as a festival costume, a brand account that says "I can't
// do this anymore". Each scene in data/scenes.yaml is word classes that
// must occur together (in one sentence, one text, or anywhere in the post
// and its alt texts), in order where the order is the meaning (dark before
// light), and the rule it belongs to: the scenes extend content.insensitive,
// content.stereotype, content.sacred, content.tribute_joke,
// content.personal_voice and content.mockery, each reading its own.

// sceneFile is the shape of data/scenes.yaml.
type sceneFile struct {
	Source  string              `yaml:"source"`
	Licence string              `yaml:"licence"`
	Classes map[string][]string `yaml:"classes"`
	Scenes  []sceneSpec         `yaml:"scenes"`
}

// sceneSpec is one scene as written in data/scenes.yaml.
type sceneSpec struct {
	ID   string `yaml:"id"`
	Rule string `yaml:"rule"`
	// Severity is the finding's severity; Worse names classes that raise
	// it one level when any occurs anywhere in the post.
	Severity string   `yaml:"severity"`
	Worse    []string `yaml:"worse,omitempty"`
	// In is which texts are read: "alt" (image descriptions), "text" (the
	// post text) or "any" (default).
	In string `yaml:"in,omitempty"`
	// Within is where the needs must meet: "sentence" (default), "text"
	// (one text) or "post" (the post text and its alt texts together).
	Within string `yaml:"within,omitempty"`
	// Near is how many words may separate the classes of a chain ("a+b"):
	// 1 means adjacent (default 2).
	Near int `yaml:"near,omitempty"`
	// Order makes the needs occur in the order listed (dark, then a
	// transformation, then light); only within one text.
	Order bool `yaml:"order,omitempty"`
	// Needs are all required; each is a list of alternatives, and an
	// alternative is a class or a chain of classes joined by "+".
	Needs [][]string `yaml:"needs"`
	// Unless names classes that cancel the scene when found anywhere in
	// the post (a helpline, an awareness campaign).
	Unless []string `yaml:"unless,omitempty"`
	// Context is what the post must also do: "sells", "jokes",
	// "sells_or_jokes", or "plain" (neither); empty for nothing.
	Context    string        `yaml:"context,omitempty"`
	Message    string        `yaml:"message"`
	Suggestion string        `yaml:"suggestion"`
	Examples   sceneExamples `yaml:"examples"`
}

// sceneExamples are posts a scene must flag and near misses it must pass;
// they run in go test.
type sceneExamples struct {
	Flag []sceneExample `yaml:"flag"`
	Pass []sceneExample `yaml:"pass"`
}

// sceneExample is a post text and an optional alt text.
type sceneExample struct {
	Text string `yaml:"text"`
	Alt  string `yaml:"alt,omitempty"`
}

// sceneHomes are the rules scenes may extend.
var sceneHomes = []string{"content.insensitive", "content.stereotype", "content.sacred", "content.tribute_joke", "content.personal_voice", "content.mockery"}

// scene is a compiled sceneSpec.
type scene struct {
	sceneSpec
	sev    checker.Severity
	needs  [][][]int // need → alternative → chain of class indexes
	worse  []int
	unless []int
}

// sceneBook is data/scenes.yaml compiled: one lexicon over every class
// (an entry's Value is its class index) and the scenes by rule.
type sceneBook struct {
	classes []string
	lex     *text.Lexicon
	scenes  []*scene
}

var (
	sceneOnce sync.Once
	sceneData *sceneBook
	sceneErr  error
)

// loadScenes reads data/scenes.yaml once; every home rule shares it.
func loadScenes() (*sceneBook, error) {
	sceneOnce.Do(func() {
		var f sceneFile
		if err := readData("scenes.yaml", &f); err != nil {
			sceneErr = err
			return
		}
		sceneData, sceneErr = compileScenes("scenes.yaml", f)
	})
	return sceneData, sceneErr
}

// scenesFor returns the scenes that extend rule id.
func scenesFor(id string) (*sceneReader, error) {
	b, err := loadScenes()
	if err != nil {
		return nil, err
	}
	r := &sceneReader{book: b}
	for _, s := range b.scenes {
		if s.Rule == id {
			r.scenes = append(r.scenes, s)
		}
	}
	return r, nil
}

// compileScenes checks a decoded scene file, naming the field of any
// problem.
func compileScenes(name string, f sceneFile) (*sceneBook, error) {
	bad := func(field, format string, a ...any) error {
		return fmt.Errorf("content: data/%s: %s: %s", name, field, fmt.Sprintf(format, a...))
	}
	b := &sceneBook{}
	index := map[string]int{}
	for c := range f.Classes {
		b.classes = append(b.classes, c)
	}
	sort.Strings(b.classes)
	// checkClasses names the first class that is empty or has a phrase
	// that cannot be matched. It runs only when the classes do not
	// compile: the lexicon refuses what it refuses, and checking every
	// phrase beforehand compiled each twice (a third of the scenes'
	// start-up).
	checkClasses := func() error {
		for _, c := range b.classes {
			if len(f.Classes[c]) == 0 {
				return bad("classes."+c, "empty")
			}
			for _, ph := range f.Classes[c] {
				if err := text.CheckPhrase(ph); err != nil {
					return bad("classes."+c, "%q: %v", ph, err)
				}
			}
		}
		return nil
	}
	n := 0
	for _, phs := range f.Classes {
		n += len(phs)
	}
	entries := make([]text.Entry, 0, n)
	empty := false
	for i, c := range b.classes {
		index[c] = i
		empty = empty || len(f.Classes[c]) == 0
		value := strconv.Itoa(i)
		for _, ph := range f.Classes[c] {
			entries = append(entries, text.Entry{Phrase: ph, Value: value})
		}
	}
	var lex *text.Lexicon
	var err error
	if empty {
		err = checkClasses()
	} else if lex, err = text.KeepLexicon(entries, text.LexiconOptions{Separators: text.SpaceSeparator}); err != nil {
		err = cmp.Or(checkClasses(), bad("classes", "%v", err))
	}
	if err != nil {
		return nil, err
	}
	b.lex = lex
	classIdx := func(field, c string) (int, error) {
		i, ok := index[c]
		if !ok {
			return 0, bad(field, "unknown class %q", c)
		}
		return i, nil
	}
	seen := map[string]bool{}
	for n, sp := range f.Scenes {
		field := fmt.Sprintf("scenes[%d] (%s)", n, sp.ID)
		if sp.ID == "" || seen[sp.ID] {
			return nil, bad(field+".id", "missing or repeated")
		}
		seen[sp.ID] = true
		if !slices.Contains(sceneHomes, sp.Rule) {
			return nil, bad(field+".rule", "%q is not one of %s", sp.Rule, strings.Join(sceneHomes, ", "))
		}
		s := &scene{sceneSpec: sp}
		if s.sev, err = checker.ParseSeverity(sp.Severity); err != nil {
			return nil, bad(field+".severity", "%v", err)
		}
		switch sp.In {
		case "", "any", "alt", "text":
		default:
			return nil, bad(field+".in", "%q is not any, alt or text", sp.In)
		}
		switch sp.Within {
		case "", "sentence", "text", "post":
		default:
			return nil, bad(field+".within", "%q is not sentence, text or post", sp.Within)
		}
		switch sp.Context {
		case "", "sells", "jokes", "sells_or_jokes", "plain":
		default:
			return nil, bad(field+".context", "%q is not sells, jokes, sells_or_jokes or plain", sp.Context)
		}
		if sp.Near < 0 || sp.Near > 8 {
			return nil, bad(field+".near", "%d is not in 0..8", sp.Near)
		}
		if s.Near == 0 {
			s.Near = 2
		}
		if sp.Message == "" || sp.Suggestion == "" {
			return nil, bad(field, "message and suggestion are required")
		}
		if len(sp.Needs) == 0 {
			return nil, bad(field+".needs", "missing")
		}
		if len(sp.Examples.Flag) == 0 || len(sp.Examples.Pass) == 0 {
			return nil, bad(field+".examples", "a scene needs examples to flag and to pass")
		}
		for i, need := range sp.Needs {
			if len(need) == 0 {
				return nil, bad(fmt.Sprintf("%s.needs[%d]", field, i), "empty")
			}
			var alts [][]int
			for _, alt := range need {
				var chain []int
				for _, c := range strings.Split(alt, "+") {
					ci, err := classIdx(fmt.Sprintf("%s.needs[%d]", field, i), strings.TrimSpace(c))
					if err != nil {
						return nil, err
					}
					chain = append(chain, ci)
				}
				alts = append(alts, chain)
			}
			s.needs = append(s.needs, alts)
		}
		for _, c := range sp.Worse {
			ci, err := classIdx(field+".worse", c)
			if err != nil {
				return nil, err
			}
			s.worse = append(s.worse, ci)
		}
		for _, c := range sp.Unless {
			ci, err := classIdx(field+".unless", c)
			if err != nil {
				return nil, err
			}
			s.unless = append(s.unless, ci)
		}
		b.scenes = append(b.scenes, s)
	}
	return b, nil
}

// sceneReader reads one rule's scenes.
type sceneReader struct {
	book   *sceneBook
	scenes []*scene
}

// occurrence is where a need was met: a class or chain in one text.
type occurrence struct {
	target      int // index into the post's targets
	sentence    int
	span        text.Span
	first, last int
}

// classMatch is one class phrase found in a text.
type classMatch struct {
	class       int
	sentence    int
	span        text.Span
	first, last int
}

// sceneFinding is a scene found in a post: where to report it and how.
type sceneFinding struct {
	scene  *scene
	target int
	span   text.Span
	sev    checker.Severity
}

// sceneContext is what the whole post does, for scenes that need it.
type sceneContext struct {
	sells, jokes bool
}

// find returns the scenes found in ts (the post text first, then its alt
// texts), at most one per scene.
func (r *sceneReader) find(ts []target, ctx sceneContext) []sceneFinding {
	return r.findIn(ts, ctx, r.book.read)
}

// sceneReadKey keys the scene book's readings of a post's texts in the
// post's memo: six rules read their scenes with one book, and the book
// reads each text once.
type sceneReadKey struct{}

// sceneReadings are the scene book's readings of a post's texts.
type sceneReadings struct {
	book  *sceneBook
	mu    sync.Mutex // as the memo, safe for rules run side by side
	docs  []*text.Doc
	found [][]classMatch
}

// readFor returns the book's reading of a text of p's post, kept in p's
// memo for the other rules' scenes.
func (b *sceneBook) readFor(p *checker.Pass) func(*text.Doc) []classMatch {
	rs := p.Memo(sceneReadKey{}, func() any { return &sceneReadings{book: b} }).(*sceneReadings)
	return func(d *text.Doc) []classMatch {
		if rs.book != b {
			return b.read(d) // another book (a test's): not kept
		}
		rs.mu.Lock()
		defer rs.mu.Unlock()
		for i, kept := range rs.docs {
			if kept == d {
				return rs.found[i]
			}
		}
		found := b.read(d)
		rs.docs, rs.found = append(rs.docs, d), append(rs.found, found)
		return found
	}
}

// findIn is find with read giving each text's class phrases (the book's
// read, or its reading kept for the post).
func (r *sceneReader) findIn(ts []target, ctx sceneContext, read func(*text.Doc) []classMatch) []sceneFinding {
	if len(r.scenes) == 0 {
		return nil
	}
	found := make([][]classMatch, len(ts))
	var presentBuf [256]bool
	present := presentBuf[:0]
	if n := len(r.book.classes); n <= len(presentBuf) {
		present = presentBuf[:n]
	} else {
		present = make([]bool, n)
	}
	for i, t := range ts {
		found[i] = read(t.doc)
		for _, m := range found[i] {
			present[m.class] = true
		}
	}
	isPresent := func(c int) bool { return present[c] }
	var out []sceneFinding
	for _, s := range r.scenes {
		if !s.mayMatch(present) || slices.ContainsFunc(s.unless, isPresent) {
			continue
		}
		switch s.Context {
		case "sells":
			if !ctx.sells {
				continue
			}
		case "jokes":
			if !ctx.jokes {
				continue
			}
		case "sells_or_jokes":
			if !ctx.sells && !ctx.jokes {
				continue
			}
		case "plain":
			if ctx.sells || ctx.jokes {
				continue
			}
		}
		f, ok := s.match(ts, found)
		if !ok {
			continue
		}
		f.sev = s.sev
		if slices.ContainsFunc(s.worse, isPresent) {
			f.sev = min(f.sev+1, checker.SeverityCritical)
		}
		out = append(out, f)
	}
	return out
}

// read finds every class phrase in d (overlapping ones too: "black" and
// "black woman"), in the order of their first word, with their sentence.
func (b *sceneBook) read(d *text.Doc) []classMatch {
	ms := b.lex.FindShared(d)
	if len(ms) == 0 {
		return nil
	}
	byFirst := func(a, b text.Match) int { return cmp.Compare(a.First, b.First) }
	if !slices.IsSortedFunc(ms, byFirst) {
		ms = slices.Clone(ms) // the shared answer is not ours to sort
		slices.SortStableFunc(ms, byFirst)
	}
	sents := d.Sentences()
	out := make([]classMatch, 0, len(ms))
	si := 0
	for _, m := range ms {
		ci, _ := strconv.Atoi(m.Entry.Value)
		for si+1 < len(sents) && sents[si+1].Start <= m.Start {
			si++
		}
		out = append(out, classMatch{class: ci, sentence: si, span: m.Span, first: m.First, last: m.Last})
	}
	return out
}

// mayMatch reports whether every need of the scene may be met by the
// classes present in the post's texts: each need has an alternative whose
// first class is present. False means match would find nothing.
func (s *scene) mayMatch(present []bool) bool {
	for _, need := range s.needs {
		ok := false
		for _, chain := range need {
			if present[chain[0]] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// reads reports whether the scene reads t: an alt text, or the post text.
func (s *scene) reads(t target) bool {
	switch s.In {
	case "alt":
		return t.alt >= 0
	case "text":
		return t.alt < 0
	}
	return true
}

// match looks for the scene in the texts it reads and, when every need is
// met within its scope, returns where to report it.
func (s *scene) match(ts []target, found [][]classMatch) (sceneFinding, bool) {
	read := func(i int) bool { return s.reads(ts[i]) }
	if s.Within == "post" {
		var occ []occurrence
		for _, need := range s.needs {
			var got *occurrence
			for i := range ts {
				if !read(i) {
					continue
				}
				if o := s.first(found[i], i, need, -1); o != nil {
					got = o
					break
				}
			}
			if got == nil {
				return sceneFinding{}, false
			}
			occ = append(occ, *got)
		}
		return s.finding(occ), true
	}
	for i := range ts {
		if !read(i) || len(found[i]) == 0 {
			continue
		}
		// The matches of one sentence, or of the whole text, in turn; the
		// matches are in token order, so a sentence's are consecutive.
		groups := [][]classMatch{found[i]}
		if s.Within == "" || s.Within == "sentence" {
			groups = groups[:0]
			ms := found[i]
			for len(ms) > 0 {
				n := 1
				for n < len(ms) && ms[n].sentence == ms[0].sentence {
					n++
				}
				groups = append(groups, ms[:n])
				ms = ms[n:]
			}
		}
		for _, g := range groups {
			var occ []occurrence
			after := -1
			for _, need := range s.needs {
				o := s.first(g, i, need, after)
				if o == nil {
					break
				}
				occ = append(occ, *o)
				if s.Order {
					after = o.last
				}
			}
			if len(occ) == len(s.needs) {
				return s.finding(occ), true
			}
		}
	}
	return sceneFinding{}, false
}

// first returns the first occurrence of a need among one text's matches
// (in token order), starting after token after (any when -1).
func (s *scene) first(ms []classMatch, target int, need [][]int, after int) *occurrence {
	var best *occurrence
	for _, chain := range need {
		for k, m := range ms {
			if m.class != chain[0] || m.first <= after {
				continue
			}
			o := occurrence{target: target, sentence: m.sentence, span: m.span, first: m.first, last: m.last}
			ok := true
			for _, next := range chain[1:] {
				ok = false
				for _, n := range ms[k:] {
					if n.first-o.last > s.Near {
						break // in token order: nothing further is near
					}
					if n.class == next && n.sentence == o.sentence && n.first > o.last {
						o.span.End, o.last = n.span.End, n.last
						ok = true
						break
					}
				}
				if !ok {
					break
				}
			}
			if ok {
				if best == nil || o.first < best.first {
					best = &o
				}
				break
			}
		}
	}
	return best
}

// finding places a scene's report: over every occurrence when they lie in
// one sentence of one text, else on the first need's occurrence.
func (s *scene) finding(occ []occurrence) sceneFinding {
	f := sceneFinding{scene: s, target: occ[0].target, span: occ[0].span}
	for _, o := range occ[1:] {
		if o.target != occ[0].target || o.sentence != occ[0].sentence {
			return f
		}
	}
	for _, o := range occ[1:] {
		f.span.Start = min(f.span.Start, o.span.Start)
		f.span.End = max(f.span.End, o.span.End)
	}
	return f
}

// reported lists spans a rule has already reported, so that a scene does
// not report the same words twice ("Chinese man with buck teeth" after the
// stereotype grammar's "man with buck teeth").
type reported []struct {
	alt  int
	span text.Span
}

// add records s in t's text.
func (r reported) add(t target, s text.Span) reported {
	return append(r, struct {
		alt  int
		span text.Span
	}{t.alt, s})
}

// overlaps reports whether s in t's text overlaps a reported span.
func (r reported) overlaps(t target, s text.Span) bool {
	for _, x := range r {
		if x.alt == t.alt && x.span.Start < s.End && s.Start < x.span.End {
			return true
		}
	}
	return false
}

// run reports the rule's scenes in p.
func (r *sceneReader) run(p *checker.Pass) { r.runExcept(p, nil) }

// runExcept reports the rule's scenes in p, except where they overlap
// words the rule has already reported.
func (r *sceneReader) runExcept(p *checker.Pass, done reported) {
	if len(r.scenes) == 0 {
		return
	}
	ts := targets(p)
	for _, f := range r.findIn(ts, postContext(p), r.book.readFor(p)) {
		t := ts[f.target]
		if done.overlaps(t, f.span) {
			continue // the same words, already reported by the rule or an earlier scene
		}
		done = done.add(t, f.span)
		msg := strings.ReplaceAll(f.scene.Message, "{match}", fmt.Sprintf("%q", t.doc.Slice(f.span)))
		msg = strings.ReplaceAll(msg, "{where}", t.where())
		t.report(p, f.span, checker.Finding{Severity: f.sev, Message: msg, Suggestion: f.scene.Suggestion})
	}
}

// postContext reads whether the post sells or jokes, in its text or its
// alt texts.
func postContext(p *checker.Pass) sceneContext {
	return contextOf(append([]*text.Doc{p.Doc}, p.Alts...))
}

// contextOf reads whether any of docs sells or jokes.
func contextOf(docs []*text.Doc) sceneContext {
	var c sceneContext
	for _, d := range docs {
		if d == nil {
			continue
		}
		c.sells = c.sells || len(d.Signals.Promotional) > 0 || len(d.Cues.Promotional) > 0 || len(d.Cues.Pivot) > 0
		c.jokes = c.jokes || len(d.Signals.LightHearted) > 0
	}
	return c
}
