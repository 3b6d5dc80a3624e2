package content

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// Contempt, a farewell rant and sarcasm about the employer: readings of
// data/voice.yaml's classes and message-less patterns that say a person,
// not the brand, is speaking about someone else.

// Reading patterns (no message in data/voice.yaml) by ID prefix.
const (
	readTarget = "contempt_target."
	readExasp  = "exasperation."
	readRant   = "rant." // a target and an exasperation in one ("what a bunch of clowns")
)

// A run of at least minFragmentRun sentences of at most maxFragmentWords
// words each ("Can't. Deal. With.") is read as one utterance, at most
// maxFragmentRun of them; a sentence made only of contempt adjectives has
// at most maxAdjFragment words.
const (
	maxFragmentRun   = 16
	maxFragmentWords = 2
	minFragmentRun   = 3
	maxAdjFragment   = 8 // words of a sentence made only of contempt adjectives
)

// contemptCues are a text's contempt targets and exasperations, each list
// in text order.
type contemptCues struct {
	target, exasp []text.Span
	// verdict are the sentences made only of contempt adjectives
	// ("Embarrassing."), also targets; named are the people they may be
	// aimed at ("the news anchors"); rant read as both at once.
	verdict, named, rant []text.Span
	// strong are the targets that are contempt by their words (an insult,
	// "they're so arrogant", a verdict), not only by whom they point at
	// ("these customers"); a one-word disbelief ("Unreal.") pairs with
	// them only, as it also admires ("These kids ran 5k. Unbelievable.").
	strong, disbelief []text.Span
}

// brandVoice reports whether the post speaks as the brand: "we", "our"
// and no first person singular.
func brandVoice(r *grammar.Reading) bool {
	return r.Has("brand_we") && !r.Has("first_singular")
}

// contempt reports a post that voices personal contempt or exasperation
// about someone else: a contempt target (an insult noun, "these people",
// "they're so arrogant", a sentence made only of contempt adjectives, a
// word for their talk such as "nonsense") and an exasperation ("can't deal
// with", "imagine having to", "had to sit through", 🙄) in two consecutive
// sentences. A run of fragments of one or two words ("Can't. Deal. With.
// The. Nonsense.") is read as one sentence. A one-word disbelief
// ("Unreal.", "can't believe") counts beside a target that is contempt by
// its words, a verdict fragment ("Shameful.") beside people named ("the
// pundits"), and an exclamation of contempt ("what a bunch of clowns",
// "that councillor is a joke") alone. A post in the brand's voice,
// one that apologises, helps, sells or tells the company's story, a
// sentence that reports someone else's words ("said the minister",
// quotation marks) and a window with delight in it ("can't deal with how
// cute") are not read. High; critical with swearing in the window.
func (v *voice) contempt(p *checker.Pass, r *grammar.Reading, ms []grammar.Match) {
	d := p.Doc
	if brandVoice(r) || r.Has("care") || r.Has("story") || d.Signals.IsPromotional() {
		return
	}
	cues := v.cuesOf(d, r, ms)
	if len(cues.target)+len(cues.rant) == 0 && !v.hasFragmentRun(d) {
		return
	}
	units := v.units(d, r, cues)
	delight, swear := capped(r.Spans("delight")), capped(r.Spans("swear"))
	for i := range units {
		w := units[i].span
		if i+1 < len(units) {
			w.End = units[i+1].span.End
		}
		var ts, es, vs, ns, rs, ss, ds []text.Span
		for _, u := range units[i:min(i+2, len(units))] {
			if !u.reported {
				ts, es, vs = append(ts, u.target...), append(es, u.exasp...), append(vs, u.verdict...)
				ns, rs = append(ns, u.named...), append(rs, u.rant...)
				ss, ds = append(ss, u.strong...), append(ds, u.disbelief...)
			}
		}
		t, e, ok := pairApart(dropSubjects(d, ts, es), es)
		if !ok {
			t, e, ok = pairApart(ss, ds) // "Arrogant. Unbelievable."
		}
		if !ok {
			t, e, ok = pairApart(vs, ns) // "The news anchors again. Embarrassing."
		}
		if !ok && len(rs) > 0 {
			t, e, ok = rs[0], rs[0], true
		}
		if !ok {
			continue
		}
		if _, glad := firstWithin(delight, w); glad {
			continue
		}
		sev := checker.SeverityHigh
		if _, sw := firstWithin(swear, w); sw {
			sev = checker.SeverityCritical
		}
		const fix = "Check who is posting: this reads as a personal post sent from the brand account. A brand does not sneer at people."
		if t == e {
			p.ReportSpan(t, checker.Finding{Severity: sev, Suggestion: fix,
				Message: fmt.Sprintf("%q voices personal contempt for someone: a staff member's own exasperation, not the brand's voice.", d.Slice(t))})
			return
		}
		reportPair(p, e, t, sev, "%q and %q voice personal contempt for someone: a staff member's own exasperation, not the brand's voice.", fix)
		return
	}
}

// cuesOf collects the contempt targets and exasperations of a reading.
func (v *voice) cuesOf(d *text.Doc, r *grammar.Reading, ms []grammar.Match) contemptCues {
	var c contemptCues
	for _, cl := range []string{"contempt_noun_person", "contempt_noun_thing"} {
		c.target = append(c.target, capped(r.Spans(cl))...)
	}
	c.strong = append(c.strong, c.target...)
	c.exasp = append(c.exasp, capped(r.Spans("exasperation"))...)
	for _, m := range ms {
		switch {
		case strings.HasPrefix(m.Pattern.ID, readTarget) && len(c.target) < 2*maxCues:
			c.target = append(c.target, m.Span)
			if m.Pattern.ID == readTarget+"subject" || m.Pattern.ID == readTarget+"like" {
				c.strong = append(c.strong, m.Span)
			}
		case strings.HasPrefix(m.Pattern.ID, readExasp) && len(c.exasp) < 2*maxCues:
			c.exasp = append(c.exasp, m.Span)
		case strings.HasPrefix(m.Pattern.ID, readRant) && len(c.rant) < maxCues:
			c.rant = append(c.rant, m.Span)
		}
	}
	adj, disbelief := r.Spans("contempt_adj"), r.Spans("disbelief")
	if len(adj)+len(disbelief) > 0 {
		adjs, dis, filler := tokenSet(d, adj), tokenSet(d, disbelief), tokenSet(d, r.Spans("fragment_filler"))
		for _, s := range readSentences(d) {
			if f, ok := fragmentOf(d, s, adjs, filler); ok && len(c.verdict) < maxCues {
				c.target, c.verdict, c.strong = append(c.target, f), append(c.verdict, f), append(c.strong, f)
			}
			if f, ok := fragmentOf(d, s, dis, filler); ok && len(c.disbelief) < maxCues {
				c.disbelief = append(c.disbelief, f)
			}
		}
		c.named = capped(r.Spans("people_named"))
	}
	c.disbelief = append(c.disbelief, capped(r.Spans("disbelief_phrase"))...)
	return c
}

// fragmentOf reports a sentence made only of words of a set (by token
// start) and function words ("Arrogant and offensive.", "Just utterly
// pathetic.", "Unreal."), and the span of its words.
func fragmentOf(d *text.Doc, s text.Span, adj, filler map[int]bool) (text.Span, bool) {
	words, adjs := 0, 0
	var out text.Span
	for _, t := range d.Tokens {
		if t.Start < s.Start || t.End > s.End {
			continue
		}
		if t.Kind != text.Word {
			if t.Kind == text.Emoji {
				continue
			}
			return out, false
		}
		words++
		if words > maxAdjFragment {
			return out, false
		}
		switch {
		case adj[t.Start]:
			adjs++
		case filler[t.Start]:
		default:
			return out, false
		}
		if words == 1 {
			out.Start = t.Start
		}
		out.End = t.End
	}
	return out, adjs > 0
}

// tokenSet returns the starts of the tokens that spans (in text order)
// cover, in one pass over the tokens.
func tokenSet(d *text.Doc, spans []text.Span) map[int]bool {
	set := map[int]bool{}
	k, reach := 0, -1
	for _, t := range d.Tokens {
		for k < len(spans) && spans[k].Start <= t.Start {
			reach = max(reach, spans[k].End)
			k++
		}
		if t.End <= reach {
			set[t.Start] = true
		}
	}
	return set
}

// maxSentences caps the sentences the contempt reading weighs, so its
// sentence-by-token loops stay linear in a long text (a post has a
// handful).
const maxSentences = 64

// readSentences returns the first maxSentences sentences of d.
func readSentences(d *text.Doc) []text.Span {
	ss := d.Sentences()
	if len(ss) > maxSentences {
		ss = ss[:maxSentences]
	}
	return ss
}

// contemptUnit is a sentence, or a run of fragments read as one, with its
// cues.
type contemptUnit struct {
	span                                                   text.Span
	target, exasp, verdict, named, rant, strong, disbelief []text.Span
	reported                                               bool
}

// units splits the post into sentences, joining runs of at least three
// one- or two-word fragments into one unit whose cues are read from the
// fragments' words run together; a unit that reports someone else's words
// is marked.
func (v *voice) units(d *text.Doc, r *grammar.Reading, c contemptCues) []contemptUnit {
	ss := readSentences(d)
	attrib := tokenSet(d, r.Spans("attribution"))
	var out []contemptUnit
	for i := 0; i < len(ss); {
		j := i
		for j < len(ss) && j-i < maxFragmentRun && wordsIn(d, ss[j]) <= maxFragmentWords && wordsIn(d, ss[j]) > 0 {
			j++
		}
		if j-i >= minFragmentRun {
			run := text.Span{Start: ss[i].Start, End: ss[j-1].End}
			u := contemptUnit{span: run, reported: reports(d, run, attrib)}
			u.target, u.exasp, u.verdict = within(c.target, run), within(c.exasp, run), within(c.verdict, run)
			u.named, u.rant = within(c.named, run), within(c.rant, run)
			u.strong, u.disbelief = within(c.strong, run), within(c.disbelief, run)
			v.joinedCues(d, run, &u)
			if ts := within(c.target, run); len(ts) >= 2 && len(u.exasp) == 0 {
				// a string of insults ("Clueless. Spineless. Pathetic.") is itself exasperated
				u.exasp = append(u.exasp, ts[0])
				u.target = ts[1:]
			}
			out = append(out, u)
			i = j
			continue
		}
		s := ss[i]
		out = append(out, contemptUnit{span: s, reported: reports(d, s, attrib),
			target: within(c.target, s), exasp: within(c.exasp, s), verdict: within(c.verdict, s),
			named: within(c.named, s), rant: within(c.rant, s), strong: within(c.strong, s), disbelief: within(c.disbelief, s)})
		i++
	}
	return out
}

// joinedCues reads a run of fragments as one sentence: its words run
// together are read with the voice grammar, and a target or exasperation
// found only across the fragments is put on the fragment it starts in
// (the target on the last one, the exasperation on the first), so the two
// stay apart.
func (v *voice) joinedCues(d *text.Doc, run text.Span, u *contemptUnit) {
	var words []string
	var spans []text.Span
	for _, t := range d.Tokens {
		if t.Start >= run.Start && t.End <= run.End && t.Kind == text.Word {
			words = append(words, t.Raw)
			spans = append(spans, t.Span)
		}
	}
	if len(words) < minFragmentRun {
		return
	}
	jd := text.Analyse(strings.Join(words, " "), d.Language)
	jr := v.g.Read(jd)
	jc := v.cuesOf(jd, jr, v.g.Find(jr))
	first, last := spans[0], spans[len(spans)-1]
	if len(jc.rant) > 0 && len(u.rant) == 0 {
		u.rant = append(u.rant, run)
	}
	if len(jc.exasp) > 0 && len(u.exasp) == 0 {
		u.exasp = append(u.exasp, text.Span{Start: run.Start, End: first.End})
		if len(jc.target) == 0 {
			u.exasp[0].End = last.End
		}
	}
	if len(jc.target) > 0 && len(u.target) == 0 {
		u.target = append(u.target, text.Span{Start: last.Start, End: run.End})
		if len(jc.exasp) == 0 {
			u.target[0].Start = run.Start
		}
	}
}

// hasFragmentRun reports whether the post has a run of short fragments.
func (v *voice) hasFragmentRun(d *text.Doc) bool {
	n := 0
	for _, s := range readSentences(d) {
		if w := wordsIn(d, s); w > 0 && w <= maxFragmentWords {
			if n++; n >= minFragmentRun {
				return true
			}
			continue
		}
		n = 0
	}
	return false
}

// wordsIn counts the word tokens of a span.
func wordsIn(d *text.Doc, s text.Span) int {
	n := 0
	for _, t := range d.Tokens {
		if t.Start >= s.Start && t.End <= s.End && t.Kind == text.Word {
			n++
		}
	}
	return n
}

// within returns the spans inside s.
func within(spans []text.Span, s text.Span) []text.Span {
	var out []text.Span
	for _, x := range spans {
		if x.Start >= s.Start && x.End <= s.End {
			out = append(out, x)
		}
	}
	return out
}

// reports reports whether a sentence gives someone else's words: an
// attribution ("said", "according to", "critics") or a quotation mark.
func reports(d *text.Doc, s text.Span, attrib map[int]bool) bool {
	for _, t := range d.Tokens {
		if t.Start >= s.Start && t.End <= s.End && attrib[t.Start] {
			return true
		}
	}
	rs := []rune(d.Slice(s))
	for i, c := range rs {
		switch c {
		case '"', '“', '”', '«', '»', '‘', '„':
			return true
		case '\'', '’':
			// an apostrophe stands between two letters ("can't")
			if !(i > 0 && unicode.IsLetter(rs[i-1]) && i+1 < len(rs) && unicode.IsLetter(rs[i+1])) {
				return true
			}
		}
	}
	return false
}

// pairApart returns a target and an exasperation that are different words.
func pairApart(ts, es []text.Span) (text.Span, text.Span, bool) {
	for _, t := range ts {
		for _, e := range es {
			if e.End <= t.Start || t.End <= e.Start {
				return t, e, true
			}
		}
	}
	return text.Span{}, text.Span{}, false
}

// farewellRant reports a staff member's parting shot: a farewell ("last
// day", "I quit", "handed in my notice") and a grievance ("good
// riddance", "underpaid", "never listened") anywhere in the post, as
// different words. A post that helps, sells or tells the company's story
// is not read, nor one in the brand's voice ("our last day of the sale").
func (v *voice) farewellRant(p *checker.Pass, r *grammar.Reading) {
	d := p.Doc
	if brandVoice(r) || r.Has("care") || r.Has("story") || d.Signals.IsPromotional() {
		return
	}
	bye := capped(r.Spans("farewell"))
	if len(bye) == 0 {
		return
	}
	f, g, ok := pairApart(bye, capped(r.Spans("grievance")))
	if !ok {
		return
	}
	reportPair(p, f, g, checker.SeverityHigh,
		"%q with %q reads as a staff member's parting shot at the employer, posted from the brand account.",
		"Check who is posting: a farewell with a grievance is a personal post; staff news goes out as an approved statement.")
}

// sarcasm reports praise of the employer turned round: "love working
// here", "living the dream" with an irony cue (🙄, "oh great", "unpaid
// overtime", "#not") within two consecutive sentences, as different words,
// in a post that does not help, sell or tell the company's story.
// Not read beside the sarcastic_work pattern, which has said it.
func (v *voice) sarcasm(p *checker.Pass, r *grammar.Reading, ms []grammar.Match) {
	d := p.Doc
	if r.Has("care") || r.Has("story") || d.Signals.IsPromotional() {
		return
	}
	for _, m := range ms {
		if m.Pattern.ID == "sarcastic_work" {
			return // already reported on its own words
		}
	}
	praise := capped(r.Spans("employer_praise"))
	if len(praise) == 0 {
		return
	}
	irony := capped(r.Spans("irony"))
	ss := d.Sentences()
	for i := range ss {
		w := ss[i]
		if i > 0 {
			w.Start = ss[i-1].Start
		}
		pr, ir, ok := pairApart(within(praise, w), within(irony, w))
		if !ok {
			continue
		}
		reportPair(p, pr, ir, checker.SeverityHigh, "%q beside %q is sarcasm about the employer, not the brand's voice.",
			"Check who is posting: this reads as a staff member's personal post.")
		return
	}
}

// reportPair reports the span from a to b; message quotes a then b.
func reportPair(p *checker.Pass, a, b text.Span, sev checker.Severity, message, suggestion string) {
	d := p.Doc
	span := text.Span{Start: min(a.Start, b.Start), End: max(a.End, b.End)}
	p.ReportSpan(span, checker.Finding{Severity: sev, Message: fmt.Sprintf(message, d.Slice(a), d.Slice(b)), Suggestion: suggestion})
}

// dropSubjects drops the targets that are the subject of an exasperation
// right after them in the same sentence ("some people just can't stand
// Mondays"): the exasperation is theirs, not the writer's at them.
func dropSubjects(d *text.Doc, ts, es []text.Span) []text.Span {
	out := ts[:0:0]
	for _, t := range ts {
		subject := false
		for _, e := range es {
			if e.Start < t.End {
				continue
			}
			i := sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].Start >= t.End })
			j := sort.Search(len(d.Tokens), func(k int) bool { return d.Tokens[k].Start >= e.Start })
			words, ok := j-i, j < len(d.Tokens)
			for k := i; ok && words <= 1 && k <= j; k++ {
				ok = !d.Tokens[k].SentenceStart
			}
			if ok && words <= 1 {
				subject = true
				break
			}
		}
		if !subject {
			out = append(out, t)
		}
	}
	return out
}
