package news

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// candidate is a name from the post that may be in the news.
type candidate struct {
	term    string
	span    text.Span
	capital bool // capitalised in the post: may match one word of a longer name ("Kobe" in "Kobe Bryant")
	hashtag bool
}

// candidates extracts the names a post mentions: runs of capitalised words
// and each word in them, hashtag bodies and their CamelCase parts
// (#BostonStrong → Boston). Stopwords never count. Uncapitalised words are
// left out: "pulse" or "conservative" in a sentence is not a reference to
// the Pulse nightclub or the Conservative party, and brand posts write
// place names with capitals.
func (r *reader) candidates(d *text.Doc) []candidate {
	var out []candidate
	// Hashtags from the document's entities; the tokenizer may also give
	// their bodies as tokens, which are skipped below.
	var tagSpans []text.Span
	for _, h := range hashtags(d) {
		tagSpans = append(tagSpans, h.Span)
		body := h.Text
		if !r.stop[strings.ToLower(body)] {
			out = append(out, candidate{term: body, span: h.Span, hashtag: true, capital: true})
		}
		if parts := camelParts(body); len(parts) > 1 {
			bodyStart := h.End - len([]rune(body))
			for _, p := range parts {
				if len([]rune(p.word)) >= 3 && !r.stop[strings.ToLower(p.word)] {
					start := bodyStart + p.offset
					out = append(out, candidate{term: p.word, span: text.Span{Start: start, End: start + len([]rune(p.word))}, capital: true})
				}
			}
		}
	}
	inTag := func(s text.Span) bool {
		for _, ts := range tagSpans {
			if s.Start >= ts.Start && s.End <= ts.End {
				return true
			}
		}
		return false
	}
	// The words, by reference: a token is large; each read as the name it
	// carries (nameCore).
	type word struct {
		tok   *text.Token
		core  string
		span  text.Span
		alone bool // an elision before or a case ending after ends the run
	}
	words := make([]word, 0, len(d.Tokens))
	for i := range d.Tokens {
		if t := &d.Tokens[i]; t.Kind == text.Word && !inTag(t.Span) {
			core, off := nameCore(t.Raw)
			n := utf8.RuneCountInString(core)
			words = append(words, word{tok: t, core: core, span: text.Span{Start: t.Start + off, End: t.Start + off + n}, alone: core != t.Raw})
		}
	}
	// stopKey is the form a word is looked up in the stopwords by.
	stopKey := func(w word) string {
		if w.alone {
			return strings.ToLower(w.core)
		}
		return w.tok.Norm
	}
	for i := 0; i < len(words); {
		if !isCapitalised(words[i].core) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && !words[j-1].alone && !words[j].alone && isCapitalised(words[j].core) && nameGap(d, words[j-1].tok.End, words[j].tok.Start) != "" {
			j++
		}
		// Trim stopwords at both ends of the run ("Make", "Our").
		a, b := i, j
		for a < b && r.stop[stopKey(words[a])] {
			a++
		}
		for b > a && r.stop[stopKey(words[b-1])] {
			b--
		}
		if b-a > 1 {
			var term strings.Builder
			for k := a; k < b; k++ {
				if k > a {
					term.WriteString(nameGap(d, words[k-1].tok.End, words[k].tok.Start))
				}
				term.WriteString(words[k].core)
			}
			out = append(out, candidate{term: term.String(), span: text.Span{Start: words[a].span.Start, End: words[b-1].span.End}, capital: true})
		}
		for k := a; k < b; k++ {
			if w := words[k]; !r.stop[stopKey(w)] && utf8.RuneCountInString(w.core) >= 2 {
				out = append(out, candidate{term: w.core, span: w.span, capital: true})
			}
		}
		i = j
	}
	return out
}

// nameCore is the name a word carries when an apostrophe joins it to a
// grammatical piece: an elided article or preposition before it (French
// "d'Istanbul", "l'Ukraine", Italian "dell'Aquila") or a case ending
// after it (Turkish "Ortaköy'de", "Ankara'nın"; the English possessive
// "Boston's"), with the offset in runes of the name within the word. The
// piece is short and lower case and the name capitalised; any other word
// is its own core.
func nameCore(w string) (string, int) {
	k := strings.IndexAny(w, "'’")
	if k <= 0 {
		return w, 0
	}
	_, size := utf8.DecodeRuneInString(w[k:])
	before, after := w[:k], w[k+size:]
	piece := func(s string, most int) bool {
		n := 0
		for _, r := range s {
			if !unicode.IsLower(r) {
				return false
			}
			n++
		}
		return n >= 1 && n <= most
	}
	switch {
	case isCapitalised(after) && piece(before, 4) && !strings.ContainsAny(after, "'’"):
		return after, utf8.RuneCountInString(before) + 1
	case isCapitalised(before) && piece(after, 5):
		return before, 0
	}
	return w, 0
}

// hashtags returns the post's hashtags: the document's entities, or —
// should the analyser not have extracted them — tokens that follow a "#".
func hashtags(d *text.Doc) []text.Entity {
	if len(d.Hashtags) > 0 {
		return d.Hashtags
	}
	rs := []rune(d.Raw)
	var out []text.Entity
	for _, t := range d.Tokens {
		switch {
		case t.Kind == text.Hashtag:
			out = append(out, text.Entity{Kind: text.Hashtag, Text: strings.TrimPrefix(t.Raw, "#"), Span: t.Span})
		case t.Start > 0 && t.Start <= len(rs) && (rs[t.Start-1] == '#' || rs[t.Start-1] == '＃'):
			out = append(out, text.Entity{Kind: text.Hashtag, Text: t.Raw, Span: text.Span{Start: t.Start - 1, End: t.End}})
		}
	}
	return out
}

func onlySpace(d *text.Doc, from, to int) bool {
	return strings.TrimSpace(d.Slice(text.Span{Start: from, End: to})) == ""
}

// nameGap is how the words of one name are joined in a candidate: " "
// across white space, "-" across a single hyphen with no space around it
// ("Lac-Mégantic", "Saint-Denis", "Ruiz-Tagle"); "" when the gap between
// the words ends the name.
func nameGap(d *text.Doc, from, to int) string {
	switch g := d.Slice(text.Span{Start: from, End: to}); {
	case g == "-" || g == "\u2010" || g == "\u2011":
		return "-"
	case strings.TrimSpace(g) == "":
		return " "
	}
	return ""
}

// nameWords splits a name into its words at white space and hyphens.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2011' })
}

func isCapitalised(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

type camelPart struct {
	word   string
	offset int // in runes from the start of the body
}

// camelParts splits "BostonStrong" into Boston, Strong and "PrayForTX" into
// Pray, For, TX.
func camelParts(s string) []camelPart {
	rs := []rune(s)
	var out []camelPart
	start := 0
	for i := 1; i <= len(rs); i++ {
		split := i == len(rs)
		if !split {
			prev, cur := rs[i-1], rs[i]
			switch {
			case unicode.IsLower(prev) && unicode.IsUpper(cur):
				split = true
			case unicode.IsLetter(prev) != unicode.IsLetter(cur):
				split = true
			case unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
				split = true
			case cur == '_':
				split = true
			}
		}
		if split {
			if w := strings.Trim(string(rs[start:i]), "_"); w != "" {
				out = append(out, camelPart{word: w, offset: start})
			}
			start = i
		}
	}
	return out
}

// mentions says whether an article names the candidate: as one of its
// entities or hashtags, or — for a capitalised word — as a word of a
// multi-word entity: its last word when it is not an everyday word ("Vegas"
// of Las Vegas, "Harvey" of Hurricane Harvey, a surname; not "Street" of
// Boylston Street), or an earlier word only when it is rare in
// English ("Kobe" of Kobe Bryant, "Grenfell" of Grenfell Tower; not
// "David" of David Bowie, nor "Dark" of The Dark Knight). This is the
// check that keeps a shared common word from counting as overlap. partial
// is set when the candidate is only the last word of a longer name that is
// not rare: it stands for the name only for an audience close to the event.
func (r *reader) mentions(a checker.Article, c candidate) (name string, partial, ok bool) {
	key := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(c.term, "'s"), "’s"))
	// A name given with its accents (the gazetteer's "Thessaloníki" for
	// Θεσσαλονίκη, a post's "Wrocław") is the coverage's name without them.
	bare := text.PressForm(key)
	same := func(w string) bool { return w == key || bare != key && w == bare }
	for _, e := range a.Entities {
		le := strings.ToLower(e)
		if le == key || c.hashtag && strings.ReplaceAll(le, " ", "") == key || bare != key && text.PressForm(le) == bare {
			return e, false, true // a tag writes the name run together: #HongKong
		}
		if ws := strings.Fields(le); c.capital && (len(ws) > 1 || len(nameWords(le)) > 1) {
			last := len(ws) - 1
			for last > 0 && nameSuffix[ws[last]] {
				last-- // "Elizabeth" is the last name-word of Queen Elizabeth II
			}
			for i, w := range ws {
				if same(w) && r.rare(w) {
					return e, false, true
				}
				if same(w) && i >= last && !r.everyday(w) {
					// The last word of a longer name stands for it only
					// near the event: "Abe" in Japan the day Shinzo Abe is
					// shot, not "Christmas" in Australia the day of an
					// attack on the Magdeburg Christmas market.
					return e, true, true
				}
				// The first parts of a hyphenated word are most often
				// generic ("Lac-", "Saint-", "Port-", a first surname):
				// only its last part names it alone, as a last word does.
				if parts := nameWords(w); len(parts) > 1 && same(parts[len(parts)-1]) && i >= last && !r.everyday(key) {
					return e, false, true
				}
				// A town whose name carries a qualifier ("Conflans-Sainte-
				// Honorine", "Boulogne-sur-Mer", "Stratford-upon-Avon") is
				// called by its first part; near the event, unless rare.
				if parts := nameWords(w); len(parts) > 2 && same(parts[0]) && nameQualifier[parts[1]] && utf8.RuneCountInString(parts[0]) >= 3 && !r.everyday(parts[0]) {
					return e, !r.rare(parts[0]), true
				}
			}
		}
	}
	for _, h := range a.Hashtags {
		if strings.EqualFold(h, key) {
			return "#" + h, false, true
		}
	}
	// A place's inhabitant or adjective form names it too: "Duisburger
	// Innenstadt", "Berliner", "Londoners".
	if base := inhabitantBase(c); base != "" {
		return r.mentions(a, candidate{term: base, span: c.span, capital: true})
	}
	return "", false, false
}

// nameQualifier are the words that join a town's name to its qualifier
// ("-sur-Mer", "-Sainte-Honorine", "-upon-Tyne", "-am-Main"), lower case.
var nameQualifier = map[string]bool{
	"saint": true, "sainte": true, "st": true, "ste": true, "sur": true, "sous": true, "en": true,
	"lès": true, "lez": true, "les": true, "le": true, "la": true, "aux": true, "au": true,
	"de": true, "du": true, "des": true, "am": true, "an": true, "im": true, "upon": true,
	"under": true, "on": true, "del": true, "da": true, "do": true, "dos": true, "das": true,
}

// inhabitantBase is the name a capitalised one-word candidate is the
// inhabitant or adjective form of ("Duisburger" → "Duisburg",
// "Londoners" → "London"), or "" when it has no such ending.
func inhabitantBase(c candidate) string {
	if !c.capital || c.hashtag || strings.ContainsAny(c.term, " -") {
		return ""
	}
	for _, suffix := range []string{"ers", "er"} {
		if base, ok := strings.CutSuffix(c.term, suffix); ok && len([]rune(base)) >= 4 {
			return base
		}
	}
	return ""
}

// nameSuffix are the words that may follow a name without being it:
// regnal numbers and generational suffixes.
var nameSuffix = map[string]bool{"i": true, "ii": true, "iii": true, "iv": true, "v": true, "vi": true,
	"vii": true, "viii": true, "jr": true, "jr.": true, "sr": true, "sr.": true}

// rareWordLogp: a word rarer than this in English word frequencies (about
// one in 160,000 words) names its entity on its own; a commoner one (a
// given name, an everyday word) needs the rest of the name.
const rareWordLogp = -12.0

// everydayWordLogp: a word at least this common in English (about one in
// 22,000 words: "main", "street", "grand", "central", "park", "paris") is
// everyday; English word frequencies stand in for the background news.
const everydayWordLogp = -10.0

// everyday reports whether every word of a name the post shares with the
// news is a common English word ("Main Street", "Grand Central", "City
// Hall", "Street", "Prince"): such a name is
// shared by many places and people, so it stands for the one in the news
// only for an audience close to it. A name with a rarer word ("Boston
// Marathon", "Christchurch", "Grenfell Tower") is distinctive.
func (r *reader) everyday(name string) bool {
	ws := strings.Fields(strings.ToLower(strings.TrimPrefix(name, "#")))
	n := 0
	for _, w := range ws {
		w = strings.Trim(w, ".,'’")
		if nameSuffix[w] || len(w) < 2 {
			continue
		}
		if lp, ok := r.words.Known(w); !ok || lp < everydayWordLogp {
			return false
		}
		n++
	}
	return n > 0
}

// audienceClose reports whether the post's audience is close to the
// article's happening: the event's own country, a neighbour, or everyone
// for a world event. An audience or an article without regions is taken
// as close: there is nothing to tell them apart.
func (r *reader) audienceClose(p *checker.Pass, a checker.Article, name string) bool {
	regions := checker.NormaliseRegions(p.Post.Regions)
	if len(regions) == 0 {
		return true
	}
	if ev, ok := r.eventOf(p, a, name); ok {
		return r.prox.of(regions, ev) != ProximityFar
	}
	countries := checker.NormaliseRegions(a.Regions)
	if len(countries) == 0 {
		return true
	}
	return r.prox.of(regions, checker.Event{Countries: countries}) != ProximityFar
}

// rare reports whether w is rare enough in English to stand for the
// multi-word name it begins.
func (r *reader) rare(w string) bool {
	lp, ok := r.words.Known(w)
	return !ok || lp < rareWordLogp
}

func (r *reader) tragedyOverlap() *checker.Rule {
	o := r.opts
	return &checker.Rule{
		ID:       "news.tragedy_overlap",
		Category: checker.CategoryNews,
		Title:    "Names a place, person or event that is in crisis news",
		Doc: fmt.Sprintf("A post that names a city, a person, an organisation or a hashtag that is at the centre of "+
			"a tragedy — an attack, a shooting, a disaster, a death, unrest — reads as exploiting it, or as not "+
			"knowing about it (Epicurious' \"Boston, our hearts are with you\" breakfast tweet the day after the "+
			"marathon bombing; Gap's #Sandy shopping tweet). The rule looks up the names in the post in the crisis "+
			"news published in the %s before the scheduled time, and only counts a name the articles themselves "+
			"name; a name every word of which is common English (\"Main Street\") counts only for an audience close "+
			"to the event. A phrase quoted word for word from a live tragedy's coverage counts as naming it. "+
			"Promotional or light-hearted posts are blocked, and so is sympathy next to a link to the brand's "+
			"content or a tribute that names the brand's offering after the dead (\"the <name> workout\"); "+
			"condolence-only posts get advice; anything else is sent to review.", o.TragedyWindow),
		Fix: "Hold the post until the news has passed, or rewrite it without the name and without selling. " +
			"If you mean to offer sympathy, say only that.",
		Since:     "2026.11.0",
		NeedsNews: true,
		Run: func(p *checker.Pass) error {
			quotedSpans, err := r.quotedCoverage(p)
			if err != nil {
				return err
			}
			if err := r.answersTragedy(p, o); err != nil {
				return err
			}
			cands := append(r.candidates(p.Doc), r.writtenPlaces(p)...)
			cands = append(cands, r.inhabitantNames(p.Doc)...)
			cands = append(cands, titledNames(p.Doc)...)
			if len(cands) == 0 {
				if r.toneOfPass(p).selling() {
					return r.altNames(p, o)
				}
				return nil
			}
			var terms []string
			for _, c := range cands {
				terms = append(terms, c.term)
				if b := text.PressForm(c.term); b != c.term {
					terms = append(terms, b) // "María" as the coverage writes "Maria"
				}
				if base := inhabitantBase(c); base != "" {
					terms = append(terms, base)
				}
			}
			arts, err := p.News.Search(p.Context, checker.NewsQuery{At: p.At(), Window: o.TragedyWindow, Terms: terms,
				Classes: o.TragedyClasses, MinSeverity: o.TragedyMinSeverity, Limit: 20})
			if err != nil {
				return fmt.Errorf("news index: %w", err)
			}
			t := r.toneOfPass(p)
			hazards := r.hazardNames(cands)
			var leads []candidate
			if t.selling() || len(t.occasion) > 0 {
				// The other news rules read this post's events anyway.
				leads = leadCandidates(cands)
			}
			if len(arts) == 0 && len(hazards) == 0 && len(leads) == 0 {
				if t.selling() {
					return r.altNames(p, o)
				}
				return nil
			}
			if len(t.condolence) > 0 && brandInMedia(p) {
				// Sympathy over a picture of the brand's product (a
				// cereal dotting the i of a dead star's name) is a plug.
				t.pivot = append(t.pivot, t.condolence[0])
			}
			type hit struct {
				c      candidate
				name   string
				arts   []checker.Article
				weight float64
			}
			var hits []hit
			for _, c := range cands {
				h := hit{c: c}
				for _, a := range arts {
					if name, partial, ok := r.mentions(a, c); ok {
						if partial && !r.audienceClose(p, a, name) {
							continue
						}
						if strings.Contains(c.term, " ") && r.everyday(c.term) && !r.audienceClose(p, a, name) {
							// "Main Street" or "Grand Central" in a town
							// far from the audience is somewhere else. A
							// one-word name common in English is common
							// because it is famous ("Paris", "London"):
							// it keeps counting.
							continue
						}
						if h.name == "" {
							h.name = name
						}
						h.arts = append(h.arts, a)
						h.weight = max(h.weight, a.Severity)
					}
				}
				if len(h.arts) > 0 {
					hits = append(hits, h)
				}
			}
			// Longest span first; drop spans inside one already reported
			// ("Vegas" inside "Las Vegas").
			sort.SliceStable(hits, func(i, j int) bool {
				return hits[i].c.span.End-hits[i].c.span.Start > hits[j].c.span.End-hits[j].c.span.Start
			})
			taken := quotedSpans // a name inside a reported quote is reported with it
			for _, h := range hits {
				for _, hz := range hazards { // "Holly" in the news is "Storm Holly" in the post
					if hz.span.Start <= h.c.span.Start && h.c.span.End <= hz.span.End {
						h.c.span = hz.span
					}
				}
				inside := false
				for _, s := range taken {
					if h.c.span.Start >= s.Start && h.c.span.End <= s.End {
						inside = true
					}
				}
				if inside {
					continue
				}
				taken = append(taken, h.c.span)
				a := h.arts[0]
				what := fmt.Sprintf("%q is in crisis news published %s the scheduled time: %s", h.name,
					timeAgo(p.At(), a.Published), headline(a))
				hold := ""
				if ev, ok := r.eventOf(p, a, h.name); ok {
					what += fmt.Sprintf(", part of %s", describe(ev, p.At()))
					hold = fmt.Sprintf(" Hold until %s at least.", holdUntil(ev))
				}
				f := r.nameFinding(p, t, h.c.span, what)
				f.Evidence = evidence(h.arts, 3)
				if f.Severity >= checker.SeverityHigh {
					f.Suggestion += hold
				}
				p.ReportSpan(h.c.span, f)
			}
			if len(hits) == 0 && t.selling() {
				if err := r.altNames(p, o); err != nil {
					return err
				}
			}
			return r.namesInEvents(p, t, cands, hazards, leads, taken)
		},
	}
}

// crisisNewsOf is the crisis news of the tragedy window that carries any
// of the candidates' names, as of the post's time; none for no candidates.
func crisisNewsOf(p *checker.Pass, o Options, cands []candidate) ([]checker.Article, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	terms := make([]string, 0, len(cands))
	for _, c := range cands {
		terms = append(terms, c.term)
	}
	arts, err := p.News.Search(p.Context, checker.NewsQuery{At: p.At(), Window: o.TragedyWindow, Terms: terms,
		Classes: o.TragedyClasses, MinSeverity: o.TragedyMinSeverity, Limit: 20})
	if err != nil {
		return nil, fmt.Errorf("news index: %w", err)
	}
	return arts, nil
}

// maxAltNames caps the pictures whose descriptions altNames reads.
const maxAltNames = 4

// altNames reports a selling post whose picture shows a place or a person
// in crisis news when its words name none ("island escapes from $899"
// over a photo of Port Vila harbour the day an earthquake hit it): the
// names are read from the media's alt texts, as from the text, and the
// first one in the news is reported on the alt text that holds it.
func (r *reader) altNames(p *checker.Pass, o Options) error {
	for i, alt := range p.Alts {
		if i == maxAltNames {
			break
		}
		if alt == nil || alt.Raw == "" {
			continue
		}
		cands := r.candidates(alt)
		arts, err := crisisNewsOf(p, o, cands)
		if err != nil {
			return err
		}
		for _, c := range cands {
			for _, a := range arts {
				name, partial, ok := r.mentions(a, c)
				if !ok || partial && !r.audienceClose(p, a, name) || r.everyday(c.term) && !r.audienceClose(p, a, name) {
					continue
				}
				p.ReportAlt(i, c.span, checker.Finding{Severity: checker.SeverityCritical,
					Message: fmt.Sprintf("The post's picture shows %q, which is in crisis news published %s the scheduled time: %s. "+
						"Selling with a picture of it reads as exploiting it.", name, timeAgo(p.At(), a.Published), headline(a)),
					Suggestion: "Do not publish this picture now; hold the campaign or choose an image of somewhere else.",
					Evidence:   evidence([]checker.Article{a}, 1)})
				return nil
			}
		}
	}
	return nil
}

// hazardNames are the candidates that name a hazard by its given name
// ("Hurricane Odalys", "Storm Ciara", "Typhoon Haiyan"): a hazard word
// (data/words.yaml) and a name.
func (r *reader) hazardNames(cands []candidate) []candidate {
	var out []candidate
	for _, c := range cands {
		ws := strings.Fields(c.term)
		if len(ws) >= 2 && r.hazard[strings.ToLower(ws[0])] && isCapitalised(ws[len(ws)-1]) {
			out = append(out, c)
		}
	}
	return out
}

// leadCandidates are the post's one-word names and hashtags: the form of a
// mononym ("Prince", "#Prince") that a death headline may open with.
func leadCandidates(cands []candidate) []candidate {
	var out []candidate
	for _, c := range cands {
		if !strings.Contains(c.term, " ") {
			out = append(out, c)
		}
	}
	return out
}

// namesInEvents reports names the index did not know as names but the
// coverage of a live tragedy near the audience does: a named hazard
// ("Hurricane Odalys") whose given name the coverage uses ("Odalys slams
// into the coast", "Odalys's winds"), and — in a post that sells — a
// one-word name a headline opens with as its subject ("Prince, music
// icon, found dead"; "Sparrow's last concert ..."). A headline's first word
// cannot be told from a name by its capital, so the index leaves it out; a
// comma or a possessive after it shows it is one. The events are read only
// for posts that name a hazard or sell (the other news rules read a
// selling post's events anyway).
//
// A post that sells also meets the places and names of a live event beyond
// the search window: a lockdown, a war or a flood lasts, and so does its
// place in the news, until the event's own end (Event.Until).
func (r *reader) namesInEvents(p *checker.Pass, t tone, cands, hazards, leads []candidate, taken []text.Span) error {
	if len(hazards) == 0 && len(leads) == 0 {
		return nil
	}
	evs, ok, err := r.events(p)
	if err != nil || !ok {
		return err
	}
	report := func(c candidate, match func(checker.Event) (checker.Article, bool)) {
		for _, ev := range evs {
			if !harmful(ev) {
				continue
			}
			a, ok := match(ev)
			if !ok {
				continue
			}
			what := fmt.Sprintf("%q is in crisis news published %s the scheduled time: %s, part of %s", c.term,
				timeAgo(p.At(), a.Published), headline(a), describe(ev, p.At()))
			f := r.nameFinding(p, t, c.span, what)
			f.Evidence = eventEvidence(ev)
			if f.Severity >= checker.SeverityHigh {
				f.Suggestion += fmt.Sprintf(" Hold until %s at least.", holdUntil(ev))
			}
			p.ReportSpan(c.span, f)
			taken = append(taken, c.span)
			return
		}
	}
	for _, c := range hazards {
		if overlapsAny(taken, c.span) {
			continue
		}
		ws := strings.Fields(c.term)
		given := strings.TrimSuffix(strings.TrimSuffix(ws[len(ws)-1], "'s"), "’s")
		report(c, func(ev checker.Event) (checker.Article, bool) { return namesInCoverage(ev, given) })
	}
	for _, c := range leads {
		if overlapsAny(taken, c.span) {
			continue
		}
		key := strings.TrimSuffix(strings.TrimSuffix(c.term, "'s"), "’s")
		report(c, func(ev checker.Event) (checker.Article, bool) {
			for _, a := range ev.Evidence {
				if lead := leadName(a.Title); lead != "" && strings.EqualFold(lead, key) {
					return a, true
				}
			}
			return checker.Article{}, false
		})
	}
	if len(leads) == 0 { // leads are read for a post that sells
		return nil
	}
	for _, c := range cands {
		if overlapsAny(taken, c.span) || !c.capital || r.stop[strings.ToLower(c.term)] {
			continue
		}
		report(c, func(ev checker.Event) (checker.Article, bool) {
			if len(ev.Evidence) == 0 {
				return checker.Article{}, false
			}
			for _, n := range ev.Places {
				if strings.EqualFold(n, c.term) {
					return ev.Evidence[0], true
				}
			}
			for _, n := range ev.Names {
				if strings.EqualFold(n, c.term) {
					return ev.Evidence[0], true
				}
			}
			return checker.Article{}, false
		})
	}
	return nil
}

// inhabitantNames are the place names the post's lower-case inhabitant
// or adjective forms stand for ("¡Atención osorninos!" → Osorno,
// "valenciano" → Valencia, "parisiens" → Paris): each word with an ending
// of data/words.yaml, without it, and with a name's usual last vowel
// added back. The news rules only count such a name when the crisis
// coverage names it. At most maxInhabitantWords words are read.
func (r *reader) inhabitantNames(d *text.Doc) []candidate {
	var out []candidate
	words := 0
	for _, t := range d.Tokens {
		if t.Kind != text.Word || len(t.Norm) < minInhabitantStem+2 || r.stop[t.Norm] {
			continue
		}
		for _, e := range r.inhabitant {
			stem, ok := strings.CutSuffix(t.Norm, e)
			if !ok || len(stem) < minInhabitantStem {
				continue
			}
			for _, v := range nameEndings {
				base := stem + v
				first, size := utf8.DecodeRuneInString(base)
				out = append(out, candidate{term: string(unicode.ToUpper(first)) + base[size:], span: t.Span, capital: true})
			}
			words++
			break
		}
		if words == maxInhabitantWords {
			break
		}
	}
	return out
}

// nameEndings are the vowels a place's name ends in that its inhabitant
// form drops ("Osorn-o", "Valenci-a", German "Soling-en" of "Solinger"),
// and none ("Paris").
var nameEndings = []string{"", "o", "a", "e", "i", "en"}

// minInhabitantStem is the fewest letters of the place's name an
// inhabitant form must keep; maxInhabitantWords caps the words read.
const (
	minInhabitantStem  = 4
	maxInhabitantWords = 8
)

// leadName is the one-word name a headline opens with when its form shows
// it is a name and not a capitalised first word: followed by a comma (an
// apposition: "Prince, music icon, found dead") or a possessive ("Sandy's
// winds kill woman").
func leadName(title string) string {
	w, _, _ := strings.Cut(title, " ")
	if !isCapitalised(w) {
		return ""
	}
	for _, suffix := range []string{",", "'s", "’s"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && base != "" {
			return base
		}
	}
	return ""
}

// namesInCoverage returns the first of the event's articles whose headline
// or summary has the name as a capitalised word of its own.
func namesInCoverage(ev checker.Event, name string) (checker.Article, bool) {
	for _, a := range ev.Evidence {
		for _, s := range []string{a.Title, a.Summary} {
			for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
				if strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") == name {
					return a, true
				}
			}
		}
	}
	return checker.Article{}, false
}

// nameFinding weighs a name the post shares with a tragedy by the post's
// tone: selling is blocked, a tribute that names an offering after the dead
// or leads to a link is blocked, sympathy alone is advice, the rest review.
func (r *reader) nameFinding(p *checker.Pass, t tone, span text.Span, what string) checker.Finding {
	var f checker.Finding
	switch {
	case t.selling() || len(t.occasion) > 0:
		f.Severity = checker.SeverityCritical
		f.Message = what + ". Selling or joking next to a tragedy reads as exploiting it."
		f.Suggestion = "Do not publish this now. Pause the campaign until the news has passed; if you speak at all, offer sympathy without a sale."
	case len(t.condolence) > 0 && r.modifier(p.Doc, span):
		f.Severity = checker.SeverityCritical
		f.Message = what + fmt.Sprintf(". The tribute names your own offering after it (%q): sympathy that doubles as a product reads as using the loss.",
			r.phraseAround(p.Doc, span))
		f.Suggestion = "Do not publish this now. If you speak at all, offer sympathy alone, with nothing named after the loss."
	case len(t.condolence) > 0 && (t.links || t.plug):
		f.Severity = checker.SeverityCritical
		f.Message = what + ". Sympathy as the lead-in to your own content or link reads as using the tragedy for attention."
		f.Suggestion = "Do not publish this now. If you speak at all, offer sympathy alone, with no link or product."
	case t.condolenceOnly():
		f.Severity = r.opts.CondolenceSeverity
		f.Message = what + ". The post offers sympathy; make sure it says nothing else."
		f.Suggestion = "Keep it to sympathy: no product, link or brand promotion, and check the facts are current."
	case len(t.light) == 0 && r.service.Contains(p.Doc):
		// A closure, a delay, a refund or a safety notice that names the
		// place: the notice a careful brand sends on the worst day.
		f.Severity = checker.SeverityLow
		f.Message = what + ". The post reads as a service notice; keep it factual and free of offers."
		f.Suggestion = "Keep the notice to what is closed, delayed or available, and where to get help."
	default:
		f.Severity = checker.SeverityHigh
		f.Message = what + ". A review should decide whether the post can run now."
		f.Suggestion = "Have someone who has read the news decide; consider postponing or removing the reference."
	}
	return f
}

// brandInMedia reports whether a media alt text names the brand or one of
// its aliases, or the singular of a plural brand name ("Cheerio" for
// Cheerios).
func brandInMedia(p *checker.Pass) bool {
	names := p.Profile.BrandNames(p.Post)
	for _, alt := range p.Alts {
		for _, tok := range alt.Tokens {
			for _, n := range names {
				for _, w := range strings.Fields(text.Normalise(n)) {
					if len(w) < 3 {
						continue
					}
					if tok.Norm == w || strings.TrimSuffix(w, "s") == tok.Norm && len(w) > 4 {
						return true
					}
				}
			}
		}
	}
	return false
}

// modifier reports whether a name is used as the modifier of a noun: after
// a determiner and before an ordinary word ("the Queen Elizabeth II
// workout", "our Marla tribute mix"), or joined to one by a hyphen
// ("Marla-inspired"). In a tribute, that names the brand's offering after
// the loss; "in memory of Marla" or "Marla, rest in peace" do not.
func (r *reader) modifier(d *text.Doc, s text.Span) bool {
	prev, next := -1, -1
	for i, t := range d.Tokens {
		if t.End <= s.Start && t.Kind == text.Word {
			prev = i
		}
		if t.Start >= s.End && next < 0 {
			next = i
		}
	}
	if next < 0 || d.Tokens[next].Kind != text.Word {
		return false
	}
	nt := d.Tokens[next]
	gap := d.Slice(text.Span{Start: s.End, End: nt.Start})
	if gap == "-" || gap == "‑" {
		return true
	}
	if gap != " " || isCapitalised(nt.Raw) || r.stop[nt.Norm] || prev < 0 {
		return false
	}
	pt := d.Tokens[prev]
	if !r.det[pt.Norm] || !onlySpace(d, pt.End, s.Start) {
		return false
	}
	// "the Hunter Valley bus crash": the noun and the word after it name
	// the event or its people, not an offering.
	if r.lossHead[nt.Norm] {
		return false
	}
	if next+1 < len(d.Tokens) {
		if after := d.Tokens[next+1]; after.Kind == text.Word && onlySpace(d, nt.End, after.Start) && r.lossHead[after.Norm] {
			return false
		}
	}
	return true
}

// phraseAround is the name with the word before and after it, for a
// message.
func (r *reader) phraseAround(d *text.Doc, s text.Span) string {
	start, end := s.Start, s.End
	for _, t := range d.Tokens {
		if t.End <= s.Start && t.Kind == text.Word {
			start = t.Start
		}
	}
	for _, t := range d.Tokens {
		if t.Start >= s.End && t.Kind == text.Word {
			end = t.End
			break
		}
	}
	return d.Slice(text.Span{Start: start, End: end})
}

// quotedCoverage reports a phrase the post quotes word for word from the
// coverage of a live tragedy its audience is exposed to ("boots on the
// ground" the week a strike is debated, "shelter in place" during a
// lockdown): borrowing the news's own words makes the post a comment on
// it. The events are read only for a post that quotes something. It
// returns the spans it reported, so a name inside one is not reported
// again.
func (r *reader) quotedCoverage(p *checker.Pass) ([]text.Span, error) {
	qs := r.quotedPhrases(p.Doc)
	if len(qs) == 0 {
		return nil, nil
	}
	evs, ok, err := r.events(p)
	if err != nil || !ok {
		return nil, err
	}
	var reported []text.Span
	regions := checker.NormaliseRegions(p.Post.Regions)
	t := r.toneOfPass(p)
	for _, q := range qs {
		for _, ev := range evs {
			if !harmful(ev) || !exposed(r.prox.of(regions, ev), ev) {
				continue
			}
			a, ok := quotesCoverage(q, ev)
			if !ok {
				continue
			}
			f := checker.Finding{Evidence: eventEvidence(ev)}
			what := fmt.Sprintf("%q is quoted word for word from %s, coverage of %s", p.Doc.Slice(q.span), headline(a), describe(ev, p.At()))
			switch {
			case t.condolenceOnly():
				f.Severity = r.opts.CondolenceSeverity
				f.Message = what + ". The post offers sympathy; make sure it says nothing else."
				f.Suggestion = "Keep it to sympathy, in your own words."
			case t.selling() || len(t.occasion) > 0:
				f.Severity = checker.SeverityCritical
				f.Message = what + ". Selling or joking with the news's own words reads as exploiting it."
				f.Suggestion = fmt.Sprintf("Do not publish this now; reword without the quote, or hold the post until %s.", holdUntil(ev))
			default:
				f.Severity = checker.SeverityHigh
				f.Message = what + ". Borrowing the news's words makes the post a comment on it; a review should decide whether it can run now."
				f.Suggestion = fmt.Sprintf("Reword without the quote, or hold the post until %s.", holdUntil(ev))
			}
			p.ReportSpan(q.span, f)
			reported = append(reported, q.span)
			break
		}
	}
	return reported, nil
}

// answersTragedy reports a reply that jokes or sells in answer to a
// customer whose own message names a place, a person or an event in crisis
// news (Post.InReplyTo: "still shaking after last night at NRG Park"): the
// customer is in the tragedy, and the reply treats it lightly.
func (r *reader) answersTragedy(p *checker.Pass, o Options) error {
	if p.Post.Kind != checker.KindReply || p.Post.InReplyTo == "" {
		return nil
	}
	t := r.toneOfPass(p)
	at, ok := firstSpan(t.light, t.promo)
	if !ok || len(t.condolence) > 0 {
		return nil
	}
	their := p.ReplyTo()
	cands := append(r.candidates(their), titledNames(their)...)
	arts, err := crisisNewsOf(p, o, cands)
	if err != nil {
		return err
	}
	for _, c := range cands {
		for _, a := range arts {
			name, partial, ok := r.mentions(a, c)
			if !ok || partial {
				continue
			}
			p.ReportSpan(at, checker.Finding{Severity: checker.SeverityCritical,
				Message: fmt.Sprintf("The customer's message names %q, which is in crisis news published %s the scheduled time (%s), and the reply answers with %q: joking or selling to someone caught up in a tragedy.",
					name, timeAgo(p.At(), a.Published), headline(a), p.Doc.Slice(at)),
				Suggestion: "Answer with care and facts only: ask whether they are safe, drop the joke and any offer, and take the rest to DM.",
				Evidence:   evidence(arts, 3)})
			return nil
		}
	}
	return nil
}
