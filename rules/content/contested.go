package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// ContestedTopic is a topic contested in an audience's market, as written
// in data/contested.yaml or in preflight.yaml (content.contested).
type ContestedTopic struct {
	ID    string `yaml:"id"`
	Title string `yaml:"title"`
	// Offends lists the audiences (ISO 3166-1 alpha-2, "*" for all) a
	// brand post taking a side on the topic offends.
	Offends []string `yaml:"offends"`
	// Plight marks a people's suffering: describing it as the set-up for
	// a deal or a joke offends every audience.
	Plight bool `yaml:"plight"`
	// Periods are the topic's years of grievance: dismissing memory of a
	// span of years that reaches into one offends the topic's audiences.
	Periods []Period `yaml:"periods"`
	Why     string   `yaml:"why"`
	Source  string   `yaml:"source"`
	// Charged names take a side by themselves; Plain names only beside a
	// stance word (shared or the topic's Stance).
	Charged []lexicon.Term `yaml:"charged"`
	Plain   []lexicon.Term `yaml:"plain"`
	Stance  []lexicon.Term `yaml:"stance"`
}

// Period is a span of years, both ends included.
type Period struct {
	From int `yaml:"from"`
	To   int `yaml:"to"`
}

// ContestedOptions adds topics to the built-in list (the "contested"
// section of the content options).
type ContestedOptions struct {
	Topics []ContestedTopic `yaml:"topics"`
}

// contestedFile is data/contested.yaml.
type contestedFile struct {
	Source  string         `yaml:"source"`
	Licence string         `yaml:"licence"`
	Stance  []lexicon.Term `yaml:"stance"`
	Plight  []lexicon.Term `yaml:"plight"`
	// Forgetting dismisses memory; Years makes a number a span of years.
	Forgetting []lexicon.Term `yaml:"forgetting"`
	Years      []lexicon.Term `yaml:"years"`
	// ProtestScene shows a protest or its policing.
	ProtestScene []lexicon.Term   `yaml:"protest_scene"`
	Topics       []ContestedTopic `yaml:"topics"`
}

// The roles of a contested lexicon entry (text.Entry.Tags[0]).
const (
	roleCharged = "charged"
	rolePlain   = "plain"
	roleStance  = "stance" // Value: the topic's index, or "" for the shared words
	rolePlight  = "plight"
	roleForget  = "forget"
	roleYears   = "years"
	roleScene   = "scene"
)

// stanceReach is how many tokens a stance word may sit from a plain name
// and still say something about it ("Kashmir ... freedom", not a word in
// another sentence of a long post).
const stanceReach = 6

// contested is the compiled topic list: one lexicon for every name,
// stance and plight word.
type contested struct {
	topics []ContestedTopic
	lex    *text.Lexicon
}

func loadContested(extra []ContestedTopic) (*contested, error) {
	var f contestedFile
	if err := lexicon.Load(dataFS, "data/contested.yaml", &f); err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if f.Source == "" || f.Licence == "" {
		return nil, fmt.Errorf("content: data/contested.yaml: source and licence are required")
	}
	c := &contested{topics: append(f.Topics, extra...)}
	var es []text.Entry
	add := func(ts []lexicon.Term, role, value, where string) error {
		for _, t := range ts {
			if strings.TrimSpace(t.Phrase) == "" && t.Hashtag == "" {
				return fmt.Errorf("content: %s: a %s entry without a phrase or hashtag", where, role)
			}
			es = append(es, text.Entry{Phrase: t.Phrase, Hashtag: t.Hashtag, Case: t.Case, Lang: t.OnlyLang, Compound: t.Compound,
				Value: value, Tags: []string{role}})
		}
		return nil
	}
	if err := add(f.Stance, roleStance, "", "stance"); err != nil {
		return nil, err
	}
	for _, part := range []struct {
		ts   []lexicon.Term
		role string
	}{{f.Plight, rolePlight}, {f.Forgetting, roleForget}, {f.Years, roleYears}, {f.ProtestScene, roleScene}} {
		if err := add(part.ts, part.role, "", part.role); err != nil {
			return nil, err
		}
	}
	for i, t := range c.topics {
		where := fmt.Sprintf("contested topic %d (%s)", i, t.ID)
		if t.ID == "" || t.Why == "" || t.Source == "" || len(t.Charged)+len(t.Plain) == 0 {
			return nil, fmt.Errorf("content: %s: want an id, why, source and at least one name", where)
		}
		for _, pd := range t.Periods {
			if pd.From <= 0 || pd.To < pd.From {
				return nil, fmt.Errorf("content: %s: period %d-%d: want from <= to, both years", where, pd.From, pd.To)
			}
		}
		for _, r := range t.Offends {
			if r != "*" && (len(r) != 2 || strings.ToUpper(r) != r) {
				return nil, fmt.Errorf("content: %s: offends %q is not a region code", where, r)
			}
		}
		v := strconv.Itoa(i)
		for _, part := range []struct {
			ts   []lexicon.Term
			role string
		}{{t.Charged, roleCharged}, {t.Plain, rolePlain}, {t.Stance, roleStance}} {
			if err := add(part.ts, part.role, v, where); err != nil {
				return nil, err
			}
		}
	}
	lex, err := text.NewLexicon(es)
	if err != nil {
		return nil, fmt.Errorf("content: data/contested.yaml: %w", err)
	}
	c.lex = lex
	return c, nil
}

// contestedRule reports a post that touches a topic contested in its
// audience's market (Mercedes-Benz quoting the Dalai Lama to China, 2018;
// brands' Pakistani accounts marking Kashmir Solidarity Day, read in
// India, 2022), and a people's plight used as the set-up for a deal
// (Groupon's Tibet advert, 2011), protest imagery in a promotion, and
// memory dismissed across a span of years that reaches into the
// audience's history of grievance (Uniqlo's subtitle in Korea, 2019).
func contestedRule(o Options) (*checker.Rule, error) {
	c, err := loadContested(o.Contested.Topics)
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.contested_topic",
		Category: checker.CategoryContent,
		Title:    "Topic contested in the audience's market",
		Doc: "Some topics take a side the moment a brand touches them: a territorial dispute, a figure a government " +
			"treats as hostile, a protest movement. Mercedes-Benz quoted the Dalai Lama in a Monday-motivation post " +
			"and apologised to China; global brands' Pakistani accounts marked Kashmir Solidarity Day and apologised " +
			"in India. The rule reads the post (and its tags and alt texts) for the topics of data/contested.yaml " +
			"and reports those contested in the audience's regions: a name that takes a side by itself, or a plain " +
			"name beside a stance word. A people's suffering described as the set-up for a deal or a joke (Groupon's " +
			"Tibet advert) is reported whatever the audience, and so is a protest or its policing shown in a post " +
			"that sells. Words that dismiss memory beside a span of years reaching into a topic's years of grievance " +
			"(\"how can I remember something that goes back more than 80 years?\" to Korea in 2019) are reported " +
			"to that market.",
		Fix:   "Leave the topic out of brand posts for these markets, or get explicit sign-off for taking the position.",
		Since: "2026.11.0",
		Run:   c.run,
	}, nil
}

// topicHit is what one text says about one topic.
type topicHit struct {
	charged, plain, stance []text.Match
}

// run reads each text of the post (its words, tags and alt texts) once
// and reports what it finds.
func (c *contested) run(p *checker.Pass) error {
	sells := p.Doc.Signals.IsPromotional() || p.Doc.Signals.IsLightHearted()
	charity := len(p.Doc.Signals.Charity) > 0
	for _, t := range targets(p) {
		r := c.read(t.doc)
		for i, h := range r.byTopic {
			if h == nil {
				continue
			}
			topic := &c.topics[i]
			stance := append(nearby(h.plain, r.shared), h.stance...)
			sided := len(h.charged) > 0 || len(h.plain) > 0 && len(stance) > 0
			offends := sided && audienceOffended(topic.Offends, p.Post.Regions)
			used := topic.Plight && len(r.plight) > 0 && sells && !charity && len(h.charged)+len(h.plain) > 0
			if !offends && !used {
				continue
			}
			c.report(p, t, topic, h, used, sells)
		}
		c.dismissedPast(p, t, r)
		if sells && !charity && len(r.scene) > 0 {
			sp := r.scene[0].Span
			t.report(p, sp, checker.Finding{Severity: checker.SeverityMedium,
				Message: fmt.Sprintf("%q%s shows a protest or its policing in a post that sells or jokes; it reads as using the protest to sell.",
					t.doc.Slice(sp), t.where()),
				Suggestion: "Keep protests and their policing out of promotions; a product must not be the answer to a protest."})
		}
	}
	return nil
}

// contestedRead is what one text says: the topics' names and stance
// words, and the shared stance, plight, forgetting and year words.
type contestedRead struct {
	byTopic                              []*topicHit
	shared, plight, forgetting, yearWord []text.Match
	scene                                []text.Match
}

// read finds the topics' names and the stance, plight, forgetting and
// year words in d.
func (c *contested) read(d *text.Doc) contestedRead {
	r := contestedRead{byTopic: make([]*topicHit, len(c.topics))}
	for _, m := range c.lex.FindShared(d) {
		role := m.Entry.Tags[0]
		if m.Entry.Value == "" {
			switch role {
			case rolePlight:
				r.plight = append(r.plight, m)
			case roleStance:
				r.shared = append(r.shared, m)
			case roleForget:
				r.forgetting = append(r.forgetting, m)
			case roleYears:
				r.yearWord = append(r.yearWord, m)
			case roleScene:
				r.scene = append(r.scene, m)
			}
			continue
		}
		i, err := strconv.Atoi(m.Entry.Value)
		if err != nil || i < 0 || i >= len(c.topics) {
			continue
		}
		if r.byTopic[i] == nil {
			r.byTopic[i] = &topicHit{}
		}
		h := r.byTopic[i]
		switch role {
		case roleCharged:
			h.charged = append(h.charged, m)
		case rolePlain:
			h.plain = append(h.plain, m)
		case roleStance:
			h.stance = append(h.stance, m)
		}
	}
	for _, h := range r.byTopic {
		if h != nil && len(h.charged)+len(h.plain) == 0 {
			h.stance = nil // the topic's own stance words say nothing without its name
		}
		if h != nil && len(h.plain) > 0 && len(h.stance) > 0 {
			h.stance = nearby(h.plain, h.stance)
		}
	}
	return r
}

// forgettingReach is how many tokens apart a span of years and the words
// dismissing memory may be.
const forgettingReach = 10

// dismissedPast reports a span of years ("more than 80 years") that
// reaches back, from the post's time, into a period of grievance of a
// topic the audience's market holds, beside words that dismiss memory
// ("how can I remember"): it reads as telling the audience to forget.
func (c *contested) dismissedPast(p *checker.Pass, t target, r contestedRead) {
	if len(r.forgetting) == 0 || len(r.yearWord) == 0 {
		return
	}
	toks := t.doc.Tokens
	for _, y := range r.yearWord {
		n := y.First - 1
		if n < 0 || toks[n].Kind != text.Number {
			continue
		}
		span, err := strconv.Atoi(toks[n].Norm)
		if err != nil || span <= 0 || span > 1000 {
			continue
		}
		if !slices.ContainsFunc(r.forgetting, func(f text.Match) bool {
			return f.First-y.Last <= forgettingReach && n-f.Last <= forgettingReach
		}) {
			continue
		}
		year := p.At().Year() - span
		for i := range c.topics {
			topic := &c.topics[i]
			if !audienceOffended(topic.Offends, p.Post.Regions) || !slices.ContainsFunc(topic.Periods, func(pd Period) bool {
				return pd.From <= year && year <= pd.To
			}) {
				continue
			}
			sp := text.Span{Start: toks[n].Start, End: y.Span.End}
			t.report(p, sp, checker.Finding{Severity: checker.SeverityMedium,
				Evidence: []checker.Evidence{{Type: "rulepack", Title: topic.Title + ": " + topic.Why + " (" + topic.Source + ")"}},
				Message: fmt.Sprintf("%q%s reaches back to %d, into %s, beside words that dismiss memory; for this audience (%s) it reads as telling them to forget it.",
					t.doc.Slice(sp), t.where(), year, topic.Title, strings.Join(intersect(topic.Offends, p.Post.Regions), ", ")),
				Suggestion: "Do not joke about forgetting a span of time that reaches into this audience's history of grievance; name no span of years."})
			return
		}
	}
}

// nearby keeps the stance words within stanceReach tokens of a name.
func nearby(names, stance []text.Match) []text.Match {
	var out []text.Match
	for _, s := range stance {
		if slices.ContainsFunc(names, func(n text.Match) bool {
			return s.First-n.Last <= stanceReach && n.First-s.Last <= stanceReach
		}) {
			out = append(out, s)
		}
	}
	return out
}

// audienceOffended is true when one of the post's regions (or any, for a
// topic marked "*") is among those the topic offends.
func audienceOffended(offends, regions []string) bool {
	for _, o := range offends {
		if o == "*" || slices.Contains(regions, o) {
			return true
		}
	}
	return false
}

// report marks the topic's names: medium when it takes a side before an
// audience it offends, high when the post also sells or jokes, and high
// for a people's plight set up for a deal.
func (c *contested) report(p *checker.Pass, t target, topic *ContestedTopic, h *topicHit, used, sells bool) {
	names := h.charged
	if len(names) == 0 {
		names = h.plain
	}
	ev := []checker.Evidence{{Type: "rulepack", Title: topic.Title + ": " + topic.Why + " (" + topic.Source + ")"}}
	where := strings.Join(intersect(topic.Offends, p.Post.Regions), ", ")
	for _, n := range names {
		f := checker.Finding{Severity: checker.SeverityMedium, Evidence: ev,
			Suggestion: "Leave " + topic.Title + " out of brand posts for this audience, or get explicit sign-off for taking the position."}
		name := t.doc.Slice(n.Span)
		switch {
		case used:
			f.Severity = checker.SeverityHigh
			f.Message = fmt.Sprintf("%q%s sets up a people's suffering (%s) for a deal or a joke; it reads as exploiting it.",
				name, t.where(), topic.Title)
			f.Suggestion = "Do not use a people's plight to sell; drop the set-up, or make the post about the cause itself."
		case sells:
			f.Severity = checker.SeverityHigh
			f.Message = fmt.Sprintf("%q%s takes a side on %s, contested for this audience (%s), in a post that sells or jokes.",
				name, t.where(), topic.Title, where)
		default:
			f.Message = fmt.Sprintf("%q%s takes a side on %s, contested for this audience (%s).",
				name, t.where(), topic.Title, where)
		}
		t.report(p, n.Span, f)
		if used {
			return // one finding says it; the other names are the same plight
		}
	}
}

// intersect lists the regions of offends the audience has ("*": all of
// the audience's).
func intersect(offends, regions []string) []string {
	if slices.Contains(offends, "*") {
		if len(regions) == 0 {
			return []string{"every audience"}
		}
		return regions
	}
	var out []string
	for _, r := range regions {
		if slices.Contains(offends, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return []string{"every audience"}
	}
	return out
}
