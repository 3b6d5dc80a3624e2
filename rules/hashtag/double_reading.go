package hashtag

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/segment"
	"github.com/preflight-dev/preflight/text"
)

const (
	// altGap is how much less likely than the best reading an alternative
	// may be and still count as how people will read the tag (nats).
	altGap = 12.0
	// forcedGap bounds a reading built around a risky word that crosses
	// the best reading's word boundaries (#susanalbumparty → "sus anal bum
	// party" is about 18 below "susan album party").
	forcedGap = 22.0
	// ambiguityGap bounds the other readings shown, and those that make a
	// death reading ambiguous (#nowthatchersdead: "now that chers dead" is
	// 5 below the best).
	ambiguityGap = 8.0
	// insideGap bounds a reading that finds a risky word inside one word of
	// the best reading ("the rapist finder" is 3 below "therapist
	// finder"; "butt on box" is 6 below "button box", "cock tail hour" 11
	// below "cocktail hour").
	insideGap = 5.0
	// innocentGap bounds how much less likely an innocent reading may be
	// than a risky best reading for the tag to count as two-faced
	// (#penisland: "pen island" and "penis land" are within 1).
	innocentGap = 4.0
	// violentInnocentGap is innocentGap for a violent word of the best
	// reading, whose innocent reading is the one meant: #childrenslaughter,
	// "childrens laughter" is 5 below "children slaughter".
	violentInnocentGap = 6.0
)

// shocking are the categories of words readers find even through a rare
// fragment; everyday violent, death and crime words they do not.
var shocking = map[string]bool{"vulgar": true, "sexual": true, "slur": true}

// riskyReading is a reading of a tag that contains a risky word.
type riskyReading struct {
	reading  segment.Reading
	word     string
	category string
	// lettersOnly: the reading goes against the writer's capitals, so it
	// is seen where the tag is shown in one case (#TherapistFinder as
	// #therapistfinder), not where it is shown as typed.
	lettersOnly bool
	// sense is the slang sense of word, when the reading is the writer's
	// own and the word has an everyday sense too (#GrandmasHoe).
	sense string
	// person is the word for a person that makes the slang sense the one
	// read ("grandmas").
	person string
}

// tagRisk is what double_reading learns about one tag.
type tagRisk struct {
	best     segment.Reading
	intended segment.Reading // the most likely reading with no risky word
	risky    []riskyReading
	others   []segment.Reading // other plausible readings
}

func (p *pack) doubleReading() *checker.Rule {
	return &checker.Rule{
		ID:         "hashtag.double_reading",
		NeedsAnyOf: checker.NeedsHashtags | checker.NeedsLinks, // the names it reads
		Category:   checker.CategoryHashtag,
		Title:      "Hashtag with a second, risky reading",
		Doc: "Hashtags have no spaces, so readers split them as they like, and the funniest reading wins: " +
			"#susanalbumparty was read as \"Su's anal bum party\", #nowthatchersdead as \"now that Cher's dead\". " +
			"The rule reads every plausible split of each tag, and of the name in each link's domain " +
			"(therapistfinder.com, penisland.net), and looks for vulgar, sexual, violent, death, crime and slur words, " +
			"including words that cross the obvious split. When the name's words are in crisis news and a reading is " +
			"about death or violence, the post is blocked. A post in Danish, German, Spanish, Finnish, French, Italian, Dutch, " +
			"Polish, Portuguese, Swedish or Turkish has its names read in that language too, with its own words and risky words. " +
			"Capitals help only where they are kept: many apps show tags in lower case, and tags are typed and searched as their letters, " +
			"so a CamelCase tag whose letters hold a risky word across the writer's words (#WhoRepresents) or split one of them into " +
			"whole words (#TherapistFinder: \"the rapist finder\") is flagged at medium; a risky string inside one word that leaves a " +
			"fragment (#Sussex, #ArseneWenger) is not. When the post spells the tag's words apart (\"Ur-Instinkt\" beside " +
			"#Urinstinkt), those are the writer's words, and a risky word across them (\"Urin stinkt\") is a second reading. " +
			"A word with an everyday and a slang sense (hoe, beaver, Muschi, concha) is read in its slang sense when the tag " +
			"puts a person beside it (#GrandmasHoe, medium). Tags of more than 100 letters are not read (reported, low).",
		Fix: "Separate the words with underscores, which survive lower case (#Susan_Album_Party), or choose another tag; " +
			"CamelCase (#SusanAlbumParty) helps only where capitals are kept.",
		Since: "2026.11.0",
		Run: func(pass *checker.Pass) error {
			seen := map[string]*tagRisk{} // a name repeated in the post is read once
			var spelled [][]rune          // the post's words, read when a name first needs them
			names := runTogetherNames(pass.Doc)
			if len(names) == 0 {
				return nil
			}
			vocs, err := p.vocabularies(pass.Doc)
			if err != nil {
				return err
			}
			for _, n := range names {
				if err := pass.Context.Err(); err != nil {
					return err
				}
				if c := letterCount(n.body); c > segment.MaxLetters {
					if !n.domain {
						pass.ReportSpan(n.span, checker.Finding{Severity: checker.SeverityLow,
							Message: fmt.Sprintf("#%s has more than %d letters and digits: too long to be read as words, so it was not read for a second meaning.",
								shorten(n.body, 40), c-1),
							Suggestion: "Use a shorter tag."})
					}
					continue
				}
				tr, ok := seen[n.body]
				if !ok {
					if spelled == nil {
						spelled = spelledWords(pass.Doc)
					}
					tr = p.assessIn(n.body, vocs, englishLikely(pass.Doc), spelledSplit(spelled, n.body))
					if tr == nil && !n.domain {
						tr = p.brandMisreading(n.body, pass.Brand())
					}
					seen[n.body] = tr
				}
				if tr == nil {
					if rr, ok := p.regionalIn(pass, n, vocs); ok {
						pass.ReportSpan(n.span, regionalFinding(n.body, rr))
					}
					continue
				}
				f, err := p.doubleReadingFinding(pass, n, tr)
				if err != nil {
					return err
				}
				pass.ReportSpan(n.span, f)
			}
			return nil
		},
	}
}

// doubleReadingFinding words the finding for a name with a risky reading,
// critical when a death or violent reading meets crisis news about its
// words.
func (p *pack) doubleReadingFinding(pass *checker.Pass, n runTogether, tr *tagRisk) (checker.Finding, error) {
	f := checker.Finding{Severity: checker.SeverityHigh}
	var cats []string
	deathly, lettersOnly := false, true
	var alts []segment.Reading
	for _, r := range tr.risky {
		if !slices.Contains(cats, r.category) {
			cats = append(cats, r.category)
		}
		if r.category == "death" || r.category == "violent" {
			deathly = true
		}
		lettersOnly = lettersOnly && r.lettersOnly
		if !containsReading(alts, r.reading) && r.reading.String() != tr.best.String() {
			alts = append(alts, r.reading)
		}
	}
	if !lettersOnly {
		for _, o := range tr.others {
			if !containsReading(alts, o) && len(alts) < 4 {
				alts = append(alts, o)
			}
		}
	}
	if r := tr.risky[0]; r.sense != "" {
		name := "#" + n.body
		if n.domain {
			name = "The link's name " + n.display
		}
		f.Message = fmt.Sprintf("%s reads as %q, and beside %q the word %q is read in its slang sense (%s): readers will take it so.",
			name, tr.best.String(), r.person, r.word, r.sense)
		f.Suggestion = fmt.Sprintf("Choose another word than %q, or take the person out of the tag.", r.word)
		f.Severity = checker.SeverityMedium
		return f, nil
	}
	what := strings.Join(cats, ", ")
	splits := tr.splits(n.body)
	switch {
	case n.domain && lettersOnly:
		f.Message = fmt.Sprintf("The link's name %s reads as %q as written, but browsers show domain names in lower case, and there it also reads as %s (%s).",
			n.display, tr.best.String(), quoteReadings(alts), what)
	case n.domain:
		f.Message = fmt.Sprintf("The link's name %s reads as %q but also as %s (%s).", n.display, tr.best.String(), quoteReadings(alts), what)
	case lettersOnly:
		f.Message = fmt.Sprintf("#%s reads as %q as written, but many apps show tags in lower case, and there #%s also reads as %s (%s).",
			n.body, tr.best.String(), lowerRunes(n.body), quoteReadings(alts), what)
	default:
		f.Message = fmt.Sprintf("#%s reads as %q but also as %s (%s).", n.body, tr.best.String(), quoteReadings(alts), what)
	}
	switch {
	case n.domain && splits != nil:
		f.Suggestion = fmt.Sprintf("Domain names ignore case: a hyphen between the words (%s%s) makes it read one way only; or link another address.",
			joinAt(lowerRunes(n.body), splits, "-"), n.rest)
	case n.domain:
		f.Suggestion = fmt.Sprintf("Link another address if you can: however it is written, the name also reads as %s.", quoteReadings(alts[:1]))
	case splits != nil:
		f.Suggestion = fmt.Sprintf("Write it as #%s, which reads one way even where apps show tags in lower case (capitals alone do not), or choose another tag.",
			joinAt(tr.shown(n.body), splits, "_"))
	case n.body == lowerRunes(n.body) && !lettersOnly:
		f.Suggestion = fmt.Sprintf("Write it as %s so it reads one way where capitals are kept, or choose another tag: in lower case it still reads as %s.",
			camel(tr.intended), quoteReadings(alts[:1]))
	default:
		f.Suggestion = fmt.Sprintf("Choose another tag: however it is written, its letters also read as %s.", quoteReadings(alts[:1]))
	}
	if lettersOnly {
		f.Severity = checker.SeverityMedium
	}
	if deathly {
		arts, err := p.tagNews(pass, n.body, tr.best, deathClasses, hours(p.opts.NewsHours))
		if err != nil {
			return f, err
		}
		if len(arts) > 0 {
			f.Severity = checker.SeverityCritical
			name := "tag"
			if n.domain {
				name = "link"
			}
			f.Message += " Its words are in crisis news right now, so the " + name + " will be read as a comment on it."
			f.Evidence = newsEvidence(arts, 3)
		}
	}
	return f, nil
}

// splits are the rune offsets of body where separating the writer's words
// (with "_" in a tag, "-" in a domain) removes every risky reading: each
// risky word crosses one of them. They are the writer's capitals in a
// CamelCase name, else the intended reading's word starts; nil when some
// risky word lies inside one word (#therapistfinder: "the rapist").
func (tr *tagRisk) splits(body string) []int {
	at := caseBoundaries(body)
	if at == nil {
		at = tr.intended.Offsets[1:]
	}
	for _, r := range tr.risky {
		i := slices.Index(r.reading.Words, r.word)
		if i < 0 {
			return nil
		}
		a := r.reading.Offsets[i]
		if !crossesCase(at, a, a+utf8.RuneCountInString(r.word)) {
			return nil
		}
	}
	return at
}

// shown is the tag as the writer typed it, with a capital at each word of
// the intended reading when it is written all in lower case
// ("penisland" → "PenIsland").
func (tr *tagRisk) shown(body string) string {
	rs := []rune(body)
	if slices.ContainsFunc(rs, unicode.IsUpper) {
		return body
	}
	for _, o := range tr.intended.Offsets {
		if o < len(rs) {
			rs[o] = unicode.ToUpper(rs[o])
		}
	}
	return string(rs)
}

// joinAt inserts sep into s before each rune offset of at.
func joinAt(s string, at []int, sep string) string {
	var b strings.Builder
	i := 0
	for _, r := range s {
		if slices.Contains(at, i) {
			b.WriteString(sep)
		}
		b.WriteRune(r)
		i++
	}
	return b.String()
}

// maxSpelledWords bounds the words of the post read as one spelling of a
// tag: a tag's letters are at most segment.MaxLetters, but a run of
// one-letter words is nobody's spelling.
const maxSpelledWords = 6

// spelledWords lists the post's words as lower-case letters and digits, in
// order, a hyphen splitting a word and an apostrophe joining it ("gran's"
// is one word of a tag: grans); nil stands where something other than a
// word (an emoji, a tag, a link) breaks a run of words.
func spelledWords(d *text.Doc) [][]rune {
	var parts [][]rune
	for _, t := range d.Tokens {
		if t.Kind != text.Word {
			parts = append(parts, nil)
			continue
		}
		var cur []rune
		for _, r := range lowerRunes(t.Raw) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				cur = append(cur, r)
			case r == '\'' || r == '’':
			default:
				if len(cur) > 0 {
					parts = append(parts, cur)
				}
				cur = nil
			}
		}
		if len(cur) > 0 {
			parts = append(parts, cur)
		}
	}
	return parts
}

// spelledSplit returns where the post's own words (spelledWords) divide a
// tag body, when two or more consecutive words spell its letters:
// "Vertrau deinem Ur-Instinkt … #Urinstinkt" gives the offset of
// "instinkt". Nil when no run spells it. A run is extended only while it
// is a prefix of the tag, at most maxSpelledWords words.
func spelledSplit(parts [][]rune, body string) []int {
	tag := []rune(lowerRunes(body))
	if len(tag) < 4 {
		return nil
	}
	for i := range parts {
		if len(parts[i]) == 0 || parts[i][0] != tag[0] {
			continue
		}
		at, split := 0, []int(nil)
		for j := i; j < len(parts) && j-i < maxSpelledWords; j++ {
			w := parts[j]
			if len(w) == 0 || at+len(w) > len(tag) || !slices.Equal(tag[at:at+len(w)], w) {
				break
			}
			if at > 0 {
				split = append(split, at)
			}
			if at += len(w); at == len(tag) {
				if len(split) > 0 {
					return split
				}
				break
			}
		}
	}
	return nil
}

// spelledReading is the reading the post's words give a tag, for a tag
// whose likely readings do not follow them; its score is the best one's.
func spelledReading(body string, at []int, score float64) segment.Reading {
	rs := []rune(lowerRunes(body))
	r := segment.Reading{Score: score, Offsets: append([]int{0}, at...)}
	for i, o := range r.Offsets {
		end := len(rs)
		if i+1 < len(r.Offsets) {
			end = r.Offsets[i+1]
		}
		r.Words = append(r.Words, string(rs[o:end]))
	}
	return r
}

// runTogether is a name written without spaces that readers split as they
// like: a hashtag's body, or a label of a link's domain.
type runTogether struct {
	body    string    // the letters to read ("penisland")
	span    text.Span // where it is in the post
	domain  bool
	display string // the domain as written ("penisland.net"), for a domain
	rest    string // what follows the label in the domain (".net")
}

// secondLevel are the labels under a country's TLD that are part of the
// suffix, not a name ("co" in example.co.uk).
var secondLevel = map[string]bool{"co": true, "com": true, "org": true, "net": true, "ac": true, "gov": true,
	"edu": true, "ltd": true, "plc": true, "or": true, "ne": true, "go": true, "gob": true, "nic": true}

// runTogetherNames lists the post's hashtags and the name labels of its
// links' domains (not the TLD, its second level or "www"): a domain is
// read as one run of letters exactly as a hashtag is (therapistfinder.com).
func runTogetherNames(d *text.Doc) []runTogether {
	out := make([]runTogether, 0, len(d.Hashtags)+len(d.URLs))
	for _, h := range d.Hashtags {
		out = append(out, runTogether{body: h.Text, span: h.Span})
	}
	for _, u := range d.URLs {
		host, off := u.Text, 0 // off: code points before host in the link
		if i := strings.Index(host, "://"); i >= 0 {
			off = utf8.RuneCountInString(host[:i+3])
			host = host[i+3:]
		}
		if i := strings.IndexAny(host, "/?#:"); i >= 0 {
			host = host[:i]
		}
		labels := strings.Split(host, ".")
		last := len(labels) - 1 // the TLD
		if last >= 2 && len(labels[last]) == 2 && secondLevel[strings.ToLower(labels[last-1])] {
			last--
		}
		at := off
		for i, l := range labels[:max(last, 0)] {
			n := utf8.RuneCountInString(l)
			if low := strings.ToLower(l); low != "www" && low != "m" && letterCount(l) >= 6 {
				out = append(out, runTogether{body: l, span: text.Span{Start: u.Start + at, End: u.Start + at + n},
					domain: true, display: host, rest: "." + strings.Join(labels[i+1:], ".")})
			}
			at += n + 1
		}
	}
	return out
}

// letterCount counts the letters and digits of a tag, as the segmenter
// does; it stops counting past segment.MaxLetters.
func letterCount(body string) int {
	n := 0
	for _, r := range body {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if n++; n > segment.MaxLetters {
				break
			}
		}
	}
	return n
}

// shorten cuts s to at most n code points, marking a cut with "…".
func shorten(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

func containsReading(rs []segment.Reading, r segment.Reading) bool {
	return slices.ContainsFunc(rs, func(o segment.Reading) bool { return slices.Equal(o.Words, r.Words) })
}

// assess reads one tag body; nil when it has no risky second reading. The
// steps: the tag's readings, the plausible alternatives to the best one,
// the risky words of the best reading and those across its boundaries,
// and which reading the writer meant.
func (p *pack) assess(body string) *tagRisk {
	if p.allow[fold(body)] {
		return nil
	}
	return p.base.assess(body)
}

// assessIn reads one tag body in English and Norwegian and, when that
// finds no risky reading, in each of the post's further languages (vocs)
// in turn: a German shop's name is read with German words and German
// risky words, and English readings are never lost to German words.
//
// A risky English reading of a name that reads as words of the post's
// language is not kept: in an Italian post #guardiagrave is "guardia
// grave", never "guard i a grave". When the post may well be English
// (english), it is kept: a short post's language is a guess, and "Visit
// #penisland for pens" (Danish, Norwegian, English or French) is read as
// English by enough of its readers.
//
// writer, when not nil, are the rune offsets of body where the post's own
// words put a space or a hyphen (spelledSplit): the words the writer meant,
// read before the capitals.
func (p *pack) assessIn(body string, vocs []*vocabulary, english bool, writer []int) *tagRisk {
	if p.allow[fold(body)] {
		return nil
	}
	base := p.base.assessSplit(body, writer)
	for _, v := range vocs {
		if tr := v.assessSplit(body, writer); tr != nil {
			if base != nil {
				return base
			}
			return tr
		}
		if base != nil && !english && v.readsAsOwn(body) {
			return nil
		}
	}
	return base
}

// englishLikely is true when the post's language is English, or unsure
// with English among the candidates.
func englishLikely(d *text.Doc) bool {
	return d.Language == "en" || d.Language == "" && slices.Contains(d.Candidates, "en")
}

// readsAsOwn is true when the likeliest reading of body is made only of
// words of the vocabulary's further language, each of three letters or
// more, without unknown words.
func (v *vocabulary) readsAsOwn(body string) bool {
	rs := v.seg.Readings(body, 1)
	if len(rs) == 0 || rs[0].Unknown > 0 {
		return false
	}
	for _, w := range rs[0].Words {
		if utf8.RuneCountInString(w) < 3 || !v.seg.KnownIn(v.lang, w) {
			return false
		}
	}
	return true
}

// assess reads one tag body with the vocabulary's words; see pack.assess.
func (v *vocabulary) assess(body string) *tagRisk { return v.assessSplit(body, nil) }

// assessSplit is assess with the writer's words known from the post's own
// text (writer: rune offsets where they start, after the first; nil when
// the text does not spell the tag out). They are read as capitals are: a
// risky word across them is a second reading (#Urinstinkt beside
// "Ur-Instinkt" reads "urin stinkt"), and unlike capitals the tag as typed
// does not show them unless its capitals do.
func (v *vocabulary) assessSplit(body string, writer []int) *tagRisk {
	rs := v.seg.Readings(body, 24)
	if len(rs) == 0 {
		return nil
	}
	cases := caseBoundaries(body)
	shown := true // the writer's words show in the tag as typed
	if writer != nil {
		shown = slices.ContainsFunc(writer, func(o int) bool { return slices.Contains(cases, o) })
		cases = writer
	}
	best := rs[0]
	if i := slices.IndexFunc(rs, func(r segment.Reading) bool { return followsCase(r, cases) }); i > 0 {
		best = rs[i] // the writer's capitals say which words they meant (#PowerGenItalia)
	} else if i < 0 && writer != nil {
		best = spelledReading(body, writer, rs[0].Score)
	}
	if len(best.Words) == 1 && best.Unknown == 0 {
		return nil // the tag is a word: #therapist reads as therapist
	}
	for _, r := range rs {
		if r.Score < best.Score-ambiguityGap {
			break
		}
		if !followsCase(r, cases) || r.Unknown > best.Unknown {
			continue
		}
		if rr, ok := v.slangSense(r); ok { // "om as muschi" and "omas muschi" are both the writer's
			return &tagRisk{best: r, intended: r, risky: []riskyReading{rr}}
		}
	}
	alts := alternatives(rs, best, cases)
	tr := &tagRisk{best: best}
	tr.risky = v.riskyInBest(best, alts, cases)
	if len(cases) == 0 {
		tr.risky = append(tr.risky, v.riskyAcross(body, best)...)
	} else {
		tr.risky = append(tr.risky, v.riskyInLetters(body, best, cases)...)
	}
	if len(tr.risky) == 0 {
		return nil
	}
	if !shown {
		for i := range tr.risky {
			tr.risky[i].lettersOnly = false
		}
	}
	sortRisky(tr.risky)
	tr.intended = v.intended(best, alts, tr.risky)
	for _, r := range alts {
		if r.Score >= best.Score-ambiguityGap && v.wellFormed(r, 0) {
			tr.others = append(tr.others, r)
		}
	}
	return tr
}

// slangSense finds, in the writer's reading of a tag, a word with an
// everyday sense and a sexual slang one beside a word for a person
// (#GrandmasHoe: the writer's garden tool, the reader's "grandma's
// whore"; #OmasMuschi; #LaConchaDeLaAbuela): with a person in the tag the
// slang sense is the one read. The word alone (#GardenHoe) or beside no
// person (#BlueTit) is the everyday word.
func (v *vocabulary) slangSense(best segment.Reading) (riskyReading, bool) {
	if len(v.senses) == 0 {
		return riskyReading{}, false
	}
	for i, w := range best.Words {
		sense, ok := v.senses[w]
		if !ok {
			continue
		}
		for j, p := range best.Words {
			if j != i && (v.people[p] || strings.HasSuffix(p, "s") && v.people[strings.TrimSuffix(p, "s")]) {
				return riskyReading{reading: best, word: w, category: "sexual", sense: sense, person: p}, true
			}
		}
	}
	return riskyReading{}, false
}

// alternatives are the plausible readings of rs other than best: no more
// unknown words, within altGap of its score, and following the writer's
// capitals.
func alternatives(rs []segment.Reading, best segment.Reading, cases []int) []segment.Reading {
	var plausible []segment.Reading
	for _, r := range rs {
		if r.Unknown <= best.Unknown && r.Score >= best.Score-altGap && followsCase(r, cases) && !slices.Equal(r.Words, best.Words) {
			plausible = append(plausible, r)
		}
	}
	return plausible
}

// riskyInBest finds the risky words of the best reading itself: the
// writer probably meant them, unless an innocent reading of good words is
// about as likely (#penisland), or the word is about death and the tag is
// ambiguous (#nowthatchersdead: "now that chers dead").
func (v *vocabulary) riskyInBest(best segment.Reading, alts []segment.Reading, cases []int) []riskyReading {
	var out []riskyReading
	for i, w := range best.Words {
		cat := v.riskyWord(w)
		if cat == "" || len(cases) > 0 && cat != "death" || cat != "death" && !v.wellFormed(best, 0) {
			continue
		}
		gap := innocentGap
		if cat == "violent" {
			// A violent word the writer meant is read as meant (#killerdeals
			// has no innocent reading but its own): only an innocent
			// reading close behind makes the tag two-faced.
			gap = violentInnocentGap
		}
		for _, r := range alts {
			if !v.wellFormed(r, 0) {
				continue
			}
			if cat == "death" && r.Score >= best.Score-ambiguityGap && v.rereadsName(best, r) ||
				r.Score >= best.Score-gap && !hasWordAt(r, best.Offsets[i], w) && !v.hasRiskyWord(r) {
				out = append(out, riskyReading{reading: best, word: w, category: cat})
				break
			}
		}
	}
	return out
}

// riskyAcross finds the risky words across the best reading's
// boundaries in a tag written in one case, read with the readings forced
// to hold them.
func (v *vocabulary) riskyAcross(body string, best segment.Reading) []riskyReading {
	var out []riskyReading
	lower := lowerRunes(body)
	n := utf8.RuneCountInString(lower)
	v.riskySubstrings(lower, func(a, b int, w, cat string) bool {
		if sameRoot(best, w) || v.lang != "" && startsWord(best, a, b, n) {
			return false
		}
		gap, short, ok := forcedLimits(best, cat, a, b, n)
		if !ok {
			return false
		}
		if r, ok := v.forced(body, a, b, w, best, gap, short); ok && !v.cutsWord(r, best, a, n) {
			out = append(out, riskyReading{reading: r, word: w, category: cat})
		}
		return true
	})
	return out
}

// maxForced bounds the readings forced around risky words per name and
// vocabulary: a real name holds one or two risky substrings, while a
// hostile one ("PenIs" nineteen times) would otherwise cost two
// segmentations of up to segment.MaxLetters letters per occurrence.
const maxForced = 12

// maxForcedWord bounds the readings forced around one risky word per name:
// a word is read at the first place where a reading can be forced around
// it, and one reading a word is enough to show it ("penis" once in
// #PenIsPenIs…).
const maxForcedWord = 1

// riskySubstrings calls fn for every substring of lower (a name in lower
// case) that is a risky word, at runes [a, b), until fn has forced
// maxForced readings (it returns whether it forced one), and for no word
// after fn forced maxForcedWord readings of it: a map lookup per start and
// length is far cheaper than searching for every word, and the lengths
// are capped by the longest risky word.
func (v *vocabulary) riskySubstrings(lower string, fn func(a, b int, w, cat string) (forced bool)) {
	a, budget := -1, maxForced // a: rune offset of byte i
	var tried map[string]int   // forced readings per word
	for i := 0; i < len(lower); i++ {
		if !utf8.RuneStart(lower[i]) {
			continue
		}
		a++
		for j := i + v.riskyMin; j <= min(len(lower), i+v.riskyMax); j++ {
			w := lower[i:j]
			cat, ok := v.risky[w]
			if !ok || tried[w] == maxForcedWord || !fn(a, a+utf8.RuneCountInString(w), w, cat) {
				continue
			}
			if tried == nil {
				tried = map[string]int{}
			}
			tried[w]++
			if budget--; budget == 0 {
				return
			}
		}
	}
}

// riskyInLetters finds the risky readings of a CamelCase tag's letters.
// Capitals tell the reader of the tag as typed where its words are
// (#PenIsland), but many apps show tags in lower case, and a tag is
// typed, searched and spoken as its letters: there #PenIsland is
// #penisland again. The writer's words (intended, the best reading that
// follows the capitals) are known, so a risky word counts when it crosses
// a boundary between them (#WhoRepresents: "whore presents";
// #PowerGenItalia: "power genitalia", the letters' likeliest reading), or
// when it splits one of them into whole words about as likely as that
// word, the others kept (#TherapistFinder: "the rapist finder"). A risky
// word inside one of the writer's words that leaves a fragment is the
// Scunthorpe problem and does not count (#ArseneWenger is not "arse new
// eng er", #SussexLife not "sus sex life"). The readings are scored
// against the letters' likeliest reading, as a one-case tag's are, but
// with no rare two-letter fragment: these readings are seen less often
// than a one-case tag's.
func (v *vocabulary) riskyInLetters(body string, intended segment.Reading, cases []int) []riskyReading {
	lower := lowerRunes(body)
	n := utf8.RuneCountInString(lower)
	var ref *segment.Reading // the letters' likeliest reading, read when first needed
	var found []riskyReading
	var spans [][2]int
	v.riskySubstrings(lower, func(a, b int, w, cat string) bool {
		if sameRoot(intended, w) || v.lang != "" && startsWord(intended, a, b, n) {
			return false
		}
		if ref == nil {
			rs := v.seg.Readings(lower, 1)
			if len(rs) == 0 {
				return false
			}
			ref = &rs[0]
		}
		gap, across := forcedGap, crossesCase(cases, a, b)
		if !across {
			gap = insideGap
		}
		if r, ok := v.forced(lower, a, b, w, *ref, gap, 0); ok && (across || followsCase(r, cases)) && !v.cutsWord(r, intended, a, n) {
			found = append(found, riskyReading{reading: r, word: w, category: cat, lettersOnly: true})
			spans = append(spans, [2]int{a, b})
		}
		return true
	})
	// A risky word inside a longer one found too adds nothing: #MoleStation
	// reads as "molestation", and "molest ation" is nobody's reading.
	var out []riskyReading
	for i, r := range found {
		if !slices.ContainsFunc(spans, func(o [2]int) bool {
			return o[0] <= spans[i][0] && spans[i][1] <= o[1] && o[1]-o[0] > spans[i][1]-spans[i][0]
		}) {
			out = append(out, r)
		}
	}
	return out
}

// lowerRunes lowers s rune by rune, so rune offsets into s hold in the
// result (strings.ToLower may change the count: "İ" becomes two runes).
func lowerRunes(s string) string {
	return strings.Map(unicode.ToLower, s)
}

// forcedLimits says how much less likely than the best reading a reading
// holding a risky word of category cat at runes [a, b) may be, and how
// many short fragments it may lean on; ok is false when it is not looked
// for at all. A reading that crosses the best one's word boundaries may
// be far less likely and still be found (#susanalbumparty), and a
// shocking word may even need a rare two-letter fragment (#kidsexpo: "kid
// sex po"); an everyday violent word may not (#newarrivals: "ne war
// rivals" is nobody's reading). A risky word inside one word of the best
// reading is seen only when the words around it read about as well as
// that word does (therapistfinder: "the rapist finder", 3 below;
// parkskills: "parks kills"), and with no fragment left over ("ne war
// rivals" stays unseen). This is for a name written in one case; a
// CamelCase tag's are riskyInLetters'.
func forcedLimits(best segment.Reading, cat string, a, b, n int) (gap float64, short int, ok bool) {
	gap, short = forcedGap, 0
	if shocking[cat] {
		short = 1
	}
	if !crosses(best, a, b, n) {
		if !shocking[cat] && cat != "crime" && cat != "violent" && cat != "death" {
			return 0, 0, false
		}
		gap, short = insideGap, 0
	}
	return gap, short, true
}

// startsWord is true when runes [a, b) begin a longer word of r: in a
// further language (Finnish, Turkish, German) that is the risky word's own
// inflection or compound ("sotaa" is war's partitive), the writer's word,
// not a second reading.
func startsWord(r segment.Reading, a, b, n int) bool {
	for i, o := range r.Offsets {
		end := n
		if i+1 < len(r.Offsets) {
			end = r.Offsets[i+1]
		}
		if o == a && b < end {
			return true
		}
	}
	return false
}

// sortRisky orders risky readings likeliest first, then by word.
func sortRisky(rs []riskyReading) {
	slices.SortFunc(rs, func(x, y riskyReading) int {
		if x.reading.Score > y.reading.Score {
			return -1
		}
		if x.reading.Score < y.reading.Score {
			return 1
		}
		return strings.Compare(x.word, y.word)
	})
}

// intended is the reading the writer meant: the best, unless the best is
// itself the rude one; then the likeliest well-formed reading with no
// risky word.
func (v *vocabulary) intended(best segment.Reading, alts []segment.Reading, risky []riskyReading) segment.Reading {
	if !slices.ContainsFunc(risky, func(r riskyReading) bool {
		return r.category != "death" && slices.Equal(r.reading.Words, best.Words)
	}) {
		return best
	}
	for _, r := range alts {
		if !v.hasRiskyWord(r) && v.wellFormed(r, 0) {
			return r
		}
	}
	return best
}

// rereadsName is true when alt splits a rare, name-like word of best
// differently into words of three letters or more: "thatchers" becomes
// "that chers", so whose death the tag announces changes.
func (v *vocabulary) rereadsName(best, alt segment.Reading) bool {
	for i, w := range best.Words {
		if hasWordAt(alt, best.Offsets[i], w) && (i+1 == len(best.Words) || slices.Contains(alt.Offsets, best.Offsets[i+1])) {
			continue // the same word in alt
		}
		if lp, ok := v.seg.Known(w); ok && lp > rareLogp {
			continue
		}
		end := best.Offsets[i] + len([]rune(w))
		for j, a := range alt.Words {
			o := alt.Offsets[j]
			if o >= best.Offsets[i] && o < end && len([]rune(a)) >= 3 && !hasWordAt(best, o, a) {
				return true
			}
		}
	}
	return false
}

// rareLogp: words rarer than about the 10,000th are mostly names.
const rareLogp = -11.7

// sameRoot is true when the best reading already has w or its singular
// (#dicksportinggoods: "dicks" adds nothing to "dick").
func sameRoot(best segment.Reading, w string) bool {
	for _, b := range best.Words {
		if b == w || b == stem(w) || stem(b) == w {
			return true
		}
	}
	return false
}

// riskyWord returns the category of w, or of its singular.
func (v *vocabulary) riskyWord(w string) string {
	if c := v.risky[w]; c != "" {
		return c
	}
	return v.risky[stem(w)]
}

func (v *vocabulary) hasRiskyWord(r segment.Reading) bool {
	for _, w := range r.Words {
		if v.riskyWord(w) != "" {
			return true
		}
	}
	return false
}

func hasWordAt(r segment.Reading, off int, w string) bool {
	for i, o := range r.Offsets {
		if o == off && r.Words[i] == w {
			return true
		}
	}
	return false
}

// forced builds the best reading that has w at runes [a, b) of body; ok
// when every other word is known, at most short of them a rare two-letter
// word, and it is within gap of best.
func (v *vocabulary) forced(body string, a, b int, w string, best segment.Reading, gap float64, short int) (segment.Reading, bool) {
	rs := []rune(body)
	lp, known := v.seg.Known(w)
	if !known {
		lp = -14
	}
	out := segment.Reading{Score: lp}
	if a > 0 {
		pre := v.seg.Readings(string(rs[:a]), 1)
		if len(pre) == 0 || pre[0].Unknown > 0 {
			return out, false
		}
		out.Words, out.Offsets = append(out.Words, pre[0].Words...), append(out.Offsets, pre[0].Offsets...)
		out.Score += pre[0].Score
		if out.Score < best.Score-gap {
			return out, false // the rest can only lower it
		}
	}
	out.Words, out.Offsets = append(out.Words, w), append(out.Offsets, a)
	if b < len(rs) {
		suf := v.seg.Readings(string(rs[b:]), 1)
		if len(suf) == 0 || suf[0].Unknown > 0 {
			return out, false
		}
		out.Words = append(out.Words, suf[0].Words...)
		for _, o := range suf[0].Offsets {
			out.Offsets = append(out.Offsets, o+b)
		}
		out.Score += suf[0].Score
	}
	return out, out.Score >= best.Score-gap && v.wellFormed(out, short) && !articlePair(out)
}

// fragmentLogp: a reader does not cut a word of the tag into a piece
// rarer than this (about the 40,000th word): #cherishit is not "cheri
// shit", #publishit not "publi shit"; "sus anal bum party" keeps "sus"
// and "bum", which are commoner.
const fragmentLogp = -13.0

// cutsWord is true when a word of r other than the risky one (at rune a)
// is a rare piece of one longer word of the writer's reading (intended),
// n runes long. Two-letter pieces are wellFormed's to count ("kid sex
// po").
func (v *vocabulary) cutsWord(r, intended segment.Reading, a, n int) bool {
	for i, w := range r.Words {
		o, e := r.Offsets[i], r.Offsets[i]+utf8.RuneCountInString(w)
		if o == a || e-o <= 2 {
			continue
		}
		for j, io := range intended.Offsets {
			ie := n
			if j+1 < len(intended.Offsets) {
				ie = intended.Offsets[j+1]
			}
			if io <= o && e <= ie && e-o < ie-io && v.logp(w) < fragmentLogp {
				return true
			}
		}
	}
	return false
}

// logp is how common w is, as a listed word or as its singular's plural
// (a plural costs about 2 nats: "childrens" is rare as listed, common as
// children's); -inf when no list knows either.
func (v *vocabulary) logp(w string) float64 {
	lp, ok := v.seg.Known(w)
	if !ok {
		lp = math.Inf(-1)
	}
	if s := stem(w); s != w {
		if slp, ok := v.seg.Known(s); ok {
			lp = max(lp, slp-2)
		}
	}
	return lp
}

// articles are the words that never follow one another ("find a the
// rapist" is nobody's reading of #findatherapist).
var articles = map[string]bool{"a": true, "an": true, "the": true}

// articlePair is true when two articles follow one another in r.
func articlePair(r segment.Reading) bool {
	for i := 1; i < len(r.Words); i++ {
		if articles[r.Words[i-1]] && articles[r.Words[i]] {
			return true
		}
	}
	return false
}

// wellFormed is true when every word of r is a word people would see:
// words of three or four letters among the commoner ones, longer words
// known (or a known word's plural), and at most short two-letter words
// beyond the very common ones ("of", "it").
func (v *vocabulary) wellFormed(r segment.Reading, short int) bool {
	for _, w := range r.Words {
		if isNumber(w) || utf8.RuneCountInString(w) >= 5 && v.riskyWord(w) != "" {
			continue // a longer risky word is seen whether or not the word lists know it ("lesbo")
		}
		lp, ok := v.seg.Known(w)
		if !ok {
			if lp, ok = v.seg.Known(stem(w)); !ok {
				return false
			}
		}
		switch n := len([]rune(w)); {
		case n <= 2:
			if lp < -6.5 {
				if short == 0 {
					return false
				}
				short--
			}
		case n == 3 && lp < -12.8, n == 4 && lp < -13.3:
			return false
		}
	}
	return true
}

// crosses is true when runes [a, b) are not inside one word of r: the
// risky word straddles a split, or is a whole word of it (then the in-best
// check decides, so false).
func crosses(r segment.Reading, a, b, n int) bool {
	for i, o := range r.Offsets {
		end := n
		if i+1 < len(r.Offsets) {
			end = r.Offsets[i+1]
		}
		if o <= a && b <= end {
			return false // inside (or equal to) one word
		}
	}
	return true
}

// caseBoundaries lists the rune offsets where the writer's case says a new
// word starts (lower→Upper, or the last capital of a run before lower
// case: "HTMLParser"). Nil for a tag in one case.
func caseBoundaries(body string) []int {
	rs := []rune(body)
	lower := false
	for _, r := range rs {
		if unicode.IsLower(r) {
			lower = true
		}
	}
	if !lower {
		return nil
	}
	var out []int
	for i := 1; i < len(rs); i++ {
		if !unicode.IsUpper(rs[i]) {
			continue
		}
		if unicode.IsLower(rs[i-1]) || unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) ||
			!unicode.IsLetter(rs[i-1]) {
			out = append(out, i)
		}
	}
	return out
}

// followsCase is true when every case boundary starts a word of r.
func followsCase(r segment.Reading, cases []int) bool {
	for _, c := range cases {
		if !slices.Contains(r.Offsets, c) {
			return false
		}
	}
	return true
}

func crossesCase(cases []int, a, b int) bool {
	for _, c := range cases {
		if a < c && c < b {
			return true
		}
	}
	return false
}

// brandMisreading reads a tag that spells the brand's own name run
// together (some of its words, in order: #molestationnursery for Mole
// Station Native Nursery): the brand's words are the intended reading,
// and when the likeliest reading of the letters is another one holding a
// risky word, that is the one readers will see, however unlikely the
// brand's own words are to a word list. Nil when the tag is not the
// brand's name or reads innocently.
func (p *pack) brandMisreading(body string, b *checker.Brand) *tagRisk {
	if b == nil || p.allow[fold(body)] {
		return nil
	}
	letters := lowerRunes(body)
	var intended segment.Reading
	for _, name := range append([]string{b.Name}, b.Aliases...) {
		if r, ok := spellsName(letters, strings.Fields(words(name))); ok {
			intended = r
			break
		}
	}
	if len(intended.Words) < 2 {
		return nil
	}
	rs := p.base.seg.Readings(body, 1)
	if len(rs) == 0 || slices.Equal(rs[0].Words, intended.Words) {
		return nil
	}
	for _, w := range rs[0].Words {
		if cat := p.base.riskyWord(w); cat != "" && !slices.Contains(intended.Words, w) {
			return &tagRisk{best: intended, intended: intended,
				risky: []riskyReading{{reading: rs[0], word: w, category: cat}}}
		}
	}
	return nil
}

// spellsName reports whether letters are some of the name's words, in
// order, run together, and returns them as a reading with their offsets.
func spellsName(letters string, name []string) (segment.Reading, bool) {
	var r segment.Reading
	rest, at := letters, 0
	for _, w := range name {
		if rest == "" {
			break
		}
		if strings.HasPrefix(rest, w) {
			r.Words = append(r.Words, w)
			r.Offsets = append(r.Offsets, at)
			rest = rest[len(w):]
			at += utf8.RuneCountInString(w)
		}
	}
	return r, rest == "" && len(r.Words) > 0
}
