package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
)

// stereotypeFile is the shape of data/stereotype.yaml.
type stereotypeFile struct {
	grammar.File `yaml:",inline"`
	Honours      map[string]honourDays `yaml:"honours"`
	RoleProducts struct {
		Group   string   `yaml:"group"`
		Phrases []string `yaml:"phrases"`
	} `yaml:"role_products"`
	MockFarewell farewellData `yaml:"mock_farewell"`
}

// honourDays are the calendar's days honouring one kind of group and the
// phrases a post names them by.
type honourDays struct {
	Days  []string `yaml:"days"`
	Names []string `yaml:"names"`
}

// stereotype is the compiled rule data.
type stereotype struct {
	g        *grammar.Grammar
	sev      map[string]checker.Severity // by pattern id
	honours  map[string]honourDays
	named    *grammar.Grammar // honour-day names, class = group kind
	products *grammar.Grammar // role products, class "product"
	roleOf   string           // the group kind role products cast
	mock     *mockFarewell    // "Adios amigos!" at Mexico's beaten team
}

// stereotypeRule reports statements that assign a role or a trait to a
// group: a group (gender, race, religion, nationality, age, disability,
// sexuality) read together with a pattern ("X belong in the kitchen", "act
// like a girl", "X can't drive", "all X are", "leave the thinking to the
// men"). On a day that honours the group (International Women's Day, Pride
// Month, Black History Month, the International Day of Persons with
// Disabilities) in an audience region, or a post that names such a day,
// the finding is one severity higher and cites the day; a promotion of
// domestic goods on women's own day is reported too, and so is a farewell
// in a beaten rival nation's own language ("Adios amigos! #NEDMEX").
// Groups, patterns, nations and farewells are data (data/stereotype.yaml).
// Its scenes (data/scenes.yaml) read pictures: a black face with big red
// lips, minstrel make-up, a people drawn with caricatured features, the
// slant-eye gesture, and the one Black person cast as the servant or the
// criminal beside white people. Its tropes (trope.go, data/tropes.yaml)
// read a people named beside the cluster of clichés drawn of them, a
// product sold to women pink and easy, and a woman told she has aged out.
func stereotypeRule(o Options) (*checker.Rule, error) {
	var f stereotypeFile
	if err := readData("stereotype.yaml", &f); err != nil {
		return nil, err
	}
	s, err := compileStereotype(f, o.Stereotype)
	if err != nil {
		return nil, fmt.Errorf("content: data/stereotype.yaml: %w", err)
	}
	sc, err := scenesFor("content.stereotype")
	if err != nil {
		return nil, err
	}
	tr, err := loadTropes()
	if err != nil {
		return nil, err
	}
	return &checker.Rule{
		ID:       "content.stereotype",
		Category: checker.CategoryContent,
		Title:    "Stereotype about a group",
		Doc: "A post that says where a group belongs, what it cannot do or what all its members are like is read as " +
			"the brand's view, even when meant as a joke or a set-up for a twist; on the group's own day (Burger King's " +
			"\"Women belong in the kitchen\" on International Women's Day 2021) it becomes the story of the day. A people drawn " +
			"as a physical caricature, or a beaten rival nation bid farewell in its own language (\"Adios amigos!\" at Mexico's " +
			"team), is read the same way.",
		Fix:   "Drop the generalisation; speak of the people you mean and what they do.",
		Since: "2026.12.0",
		Run: func(p *checker.Pass) error {
			sc.runExcept(p, tr.run(p, s.run(p)))
			return nil
		},
	}, nil
}

// StereotypeOptions extend the stereotype rule's word classes (a team adds
// groups, places, traits: class name → phrases) in preflight.yaml.
type StereotypeOptions struct {
	Classes map[string][]string `yaml:"classes"`
}

func compileStereotype(f stereotypeFile, o StereotypeOptions) (*stereotype, error) {
	classes := map[string][]string{}
	for k, v := range f.Classes {
		classes[k] = append([]string(nil), v...)
	}
	for k, v := range o.Classes {
		if _, ok := classes[k]; !ok && !strings.HasPrefix(k, "group.") {
			return nil, fmt.Errorf("content.stereotype.classes: unknown class %q (extend one of the built-in classes or add a group.<kind>)", k)
		}
		classes[k] = append(classes[k], v...)
	}
	g, err := grammar.New(classes, f.Patterns)
	if err != nil {
		return nil, err
	}
	s := &stereotype{g: g, honours: f.Honours, roleOf: f.RoleProducts.Group}
	if s.sev, err = grammar.Severities(f.Patterns); err != nil {
		return nil, err
	}
	names := map[string][]string{}
	for kind, h := range f.Honours {
		names[kind] = h.Names
	}
	if s.named, err = grammar.New(names, nil); err != nil {
		return nil, fmt.Errorf("honours: %w", err)
	}
	if s.products, err = grammar.New(map[string][]string{"product": f.RoleProducts.Phrases}, nil); err != nil {
		return nil, fmt.Errorf("role_products: %w", err)
	}
	if s.mock, err = compileFarewell(f.MockFarewell); err != nil {
		return nil, err
	}
	return s, nil
}

// honourDay is a day honouring a kind of group that bears on the post: in
// force for an audience region, or named in the text.
type honourDay struct {
	ev    checker.Evidence
	label string
}

// dayFor returns the day honouring kind that bears on the post, if any:
// the calendar's (in force at the scheduled time in an audience region,
// give or take a day) first, else a day the post names.
func (s *stereotype) dayFor(p *checker.Pass, kind string, named *grammar.Reading) (honourDay, bool) {
	h, ok := s.honours[kind]
	if !ok {
		return honourDay{}, false
	}
	if p.Calendar != nil {
		at := p.At()
		for _, r := range p.Post.Regions {
			for _, o := range p.Calendar.Between(r, at.Add(-24*time.Hour), at.Add(24*time.Hour)) {
				if slices.Contains(h.Days, o.ID) {
					return honourDay{label: fmt.Sprintf("%s (%s, %s)", o.Name, o.Region, o.Date),
						ev: checker.Evidence{Type: "observance", Title: fmt.Sprintf("%s (%s)", o.Name, o.Region), Date: o.Date}}, true
				}
			}
		}
	}
	if sp := named.Spans(kind); len(sp) > 0 {
		n := p.Doc.Slice(sp[0])
		return honourDay{label: fmt.Sprintf("%q, named in the post", n),
			ev: checker.Evidence{Type: "observance", Title: n + " (named in the post)"}}, true
	}
	return honourDay{}, false
}

func (s *stereotype) run(p *checker.Pass) reported {
	var named *grammar.Reading
	var done reported
	for _, t := range targets(p) {
		r := s.g.Read(t.doc)
		for _, m := range s.strongest(s.g.Find(r)) {
			sev := s.sev[m.Pattern.ID]
			quoted := fmt.Sprintf("%q%s", t.doc.Slice(m.Span), t.where())
			msg := strings.ReplaceAll(m.Pattern.Message, "{match}", quoted)
			f := checker.Finding{Severity: sev, Message: msg, Suggestion: m.Pattern.Suggestion}
			if kind := groupKind(m.Classes); kind != "" {
				if named == nil {
					named = s.named.ReadTags(p.Doc)
				}
				if d, ok := s.dayFor(p, kind, named); ok {
					f.Severity = min(sev+1, checker.SeverityCritical)
					f.Message += fmt.Sprintf(" It goes out on a day that honours that group: %s.", d.label)
					f.Evidence = append(f.Evidence, d.ev)
				}
			}
			t.report(p, m.Span, f)
			done = done.add(t, m.Span)
		}
	}
	s.roleProducts(p, named)
	s.farewell(p)
	return done
}

// roleProducts reports a promotion of domestic goods (kitchen appliances,
// cleaning products) framed for a day that honours women (it names the day
// or speaks to women, on the day): the gift casts them in
// the role the day is meant to move past.
func (s *stereotype) roleProducts(p *checker.Pass, named *grammar.Reading) {
	if s.roleOf == "" || (!p.Doc.Cues.IsPromotional() && !hasPrice(p.Doc.Raw)) {
		return
	}
	pr := s.products.Read(p.Doc)
	sp := pr.Spans("product")
	if len(sp) == 0 {
		return
	}
	if named == nil {
		named = s.named.ReadTags(p.Doc)
	}
	// The offer must be framed for the day: the post names it or speaks
	// to the group. A kitchen sale that happens to fall on 8 March is not.
	if !named.Has(s.roleOf) && !s.g.Read(p.Doc).Has(s.roleOf) {
		return
	}
	d, ok := s.dayFor(p, s.roleOf, named)
	if !ok {
		return
	}
	p.ReportSpan(sp[0], checker.Finding{Severity: checker.SeverityMedium, Evidence: []checker.Evidence{d.ev},
		Message: fmt.Sprintf("%q is promoted on a day that honours women (%s): housework goods as the day's offer cast women in a domestic role.",
			p.Doc.Slice(sp[0]), d.label),
		Suggestion: "Mark the day with something about women themselves (their work, a cause, a donation), not with kitchen or cleaning goods."})
}

// price is a price written with a currency ("₹299", "$5", "49 kr"): the
// post sells, whatever its words.
var price = regexp.MustCompile(`[$€£₹¥]\s?\d|\d\s?(kr|Rs|INR|USD|EUR|GBP)\b|\bRs\.?\s?\d`)

// strongest keeps, of matches that overlap ("Husbands are hopeless" and
// "Husbands are hopeless at"), the most severe and then the longest: one
// statement, one finding.
func (s *stereotype) strongest(ms []grammar.Match) []grammar.Match {
	if len(ms) < 2 {
		return ms
	}
	sorted := slices.Clone(ms)
	slices.SortStableFunc(sorted, func(a, b grammar.Match) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return b.Span.End - a.Span.End
	})
	better := func(a, b grammar.Match) bool {
		if sa, sb := s.sev[a.Pattern.ID], s.sev[b.Pattern.ID]; sa != sb {
			return sa > sb
		}
		return a.Span.End-a.Span.Start > b.Span.End-b.Span.Start
	}
	out := sorted[:0]
	for _, m := range sorted {
		if n := len(out); n > 0 && m.Span.Start < out[n-1].Span.End {
			if better(m, out[n-1]) {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// hasPrice reports whether s holds a price. The expression has no literal
// to search for, so texts without a currency sign or code, most of them,
// are passed over without running it.
func hasPrice(s string) bool {
	if !strings.ContainsAny(s, "$€£₹¥") && !strings.Contains(s, "kr") && !strings.Contains(s, "Rs") &&
		!strings.Contains(s, "INR") && !strings.Contains(s, "USD") && !strings.Contains(s, "EUR") && !strings.Contains(s, "GBP") {
		return false
	}
	return price.MatchString(s)
}

// groupKind is the first group class a match consumed ("group.gender").
func groupKind(classes []string) string {
	for _, c := range classes {
		if strings.HasPrefix(c, "group.") {
			return c
		}
	}
	return ""
}

// readData decodes a data file strictly into v.
func readData(name string, v any) error {
	if err := lexicon.Load(dataFS, "data/"+name, v); err != nil {
		return fmt.Errorf("content: %w", err)
	}
	return nil
}
