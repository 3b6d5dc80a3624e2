package content

import (
	"fmt"
	"strings"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/grammar"
	"github.com/preflight-dev/preflight/text"
)

// farewellData is the mock_farewell section of data/stereotype.yaml.
type farewellData struct {
	Contest   []string           `yaml:"contest"`
	Languages []farewellLanguage `yaml:"languages"`
}

// farewellLanguage is a language's farewells and the nations that speak it.
type farewellLanguage struct {
	Lang      string           `yaml:"lang"`
	Farewells []string         `yaml:"farewells"`
	Nations   []farewellNation `yaml:"nations"`
}

// farewellNation is a nation as a post names it: its names, its FIFA codes
// and its flags (ISO 3166-1 alpha-2 of the flag emoji).
type farewellNation struct {
	Names []string `yaml:"names"`
	Codes []string `yaml:"codes"`
	Flags []string `yaml:"flags"`
}

// mockFarewell reads a farewell in a nation's own language aimed at it in a
// contest: classes "farewell.<lang>", "nation.<code>" and "contest" in one
// grammar, read once per post, and the nations' codes for match tags.
type mockFarewell struct {
	g      *grammar.Grammar
	langOf map[string]string // nation code -> language ("" for rivals only)
	name   map[string]string // nation code -> its first name, for messages
	flag   map[string]string // flag emoji -> nation code
	langs  []string          // languages with farewells
}

func compileFarewell(f farewellData) (*mockFarewell, error) {
	m := &mockFarewell{langOf: map[string]string{}, name: map[string]string{}, flag: map[string]string{}}
	classes := map[string][]string{"contest": f.Contest}
	for i, l := range f.Languages {
		if l.Lang != "" && len(l.Farewells) > 0 {
			classes["farewell."+l.Lang] = l.Farewells
			m.langs = append(m.langs, l.Lang)
		}
		for j, n := range l.Nations {
			if len(n.Codes) == 0 || len(n.Names) == 0 {
				return nil, fmt.Errorf("mock_farewell.languages[%d].nations[%d]: names and codes required", i, j)
			}
			for _, c := range n.Codes {
				if len(c) != 3 || strings.ToUpper(c) != c {
					return nil, fmt.Errorf("mock_farewell.languages[%d].nations[%d]: code %q is not three capital letters", i, j, c)
				}
				if _, dup := m.langOf[c]; dup {
					return nil, fmt.Errorf("mock_farewell: code %s listed twice", c)
				}
				m.langOf[c] = l.Lang
				m.name[c] = n.Names[0]
				classes["nation."+c] = n.Names
			}
			for _, f := range n.Flags {
				e, ok := flagEmoji(f)
				if !ok {
					return nil, fmt.Errorf("mock_farewell.languages[%d].nations[%d]: flag %q is not two capital letters", i, j, f)
				}
				m.flag[e] = n.Codes[0]
			}
		}
	}
	g, err := grammar.New(classes, nil)
	if err != nil {
		return nil, fmt.Errorf("mock_farewell: %w", err)
	}
	m.g = g
	return m, nil
}

// matchCodes returns the nations' codes in a match tag: "NEDMEX",
// "NEDvMEX", "NEDvsMEX" or one code ("MEX").
func (m *mockFarewell) matchCodes(tag string) []string {
	t := strings.ToUpper(tag)
	var parts []string
	switch {
	case len(t) == 3:
		parts = []string{t}
	case len(t) == 6:
		parts = []string{t[:3], t[3:]}
	case len(t) == 7 && t[3] == 'V':
		parts = []string{t[:3], t[4:]}
	case len(t) == 8 && t[3:5] == "VS":
		parts = []string{t[:3], t[5:]}
	}
	for _, p := range parts {
		if _, ok := m.langOf[p]; !ok {
			return nil
		}
	}
	return parts
}

// flagEmoji is the flag emoji of an ISO 3166-1 alpha-2 code: two regional
// indicator symbols ("MX" -> 🇲🇽).
func flagEmoji(iso string) (string, bool) {
	if len(iso) != 2 || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z' {
		return "", false
	}
	return string([]rune{0x1F1E6 + rune(iso[0]-'A'), 0x1F1E6 + rune(iso[1]-'A')}), true
}

// find returns the farewell aimed at a nation of its own language and the
// nation's code: the post names the nation and a rival of another
// language, or is written in another language and names a contest.
func (m *mockFarewell) find(d *text.Doc) (text.Span, string, bool) {
	r := m.g.ReadTags(d)
	if !r.Has("farewell") {
		return text.Span{}, "", false
	}
	named := map[string]bool{}
	for c := range m.langOf {
		if r.Has("nation." + c) {
			named[c] = true
		}
	}
	for _, h := range d.Hashtags {
		for _, c := range m.matchCodes(h.Text) {
			named[c] = true
		}
	}
	for i := range d.Tokens {
		if t := &d.Tokens[i]; t.Kind == text.Emoji {
			if c, ok := m.flag[t.Raw]; ok {
				named[c] = true
			}
		}
	}
	for _, lang := range m.langs {
		sp := r.Spans("farewell." + lang)
		if len(sp) == 0 {
			continue
		}
		target, rival := "", false
		for c := range named {
			if m.langOf[c] == lang {
				if target == "" || c < target {
					target = c
				}
			} else {
				rival = true
			}
		}
		if target == "" {
			continue
		}
		if rival || d.Language != lang && r.Has("contest") {
			return sp[0], target, true
		}
	}
	return text.Span{}, "", false
}

// farewell reports a mock farewell in the post (not in alt texts: the
// contest is in the post's words).
func (s *stereotype) farewell(p *checker.Pass) {
	sp, code, ok := s.mock.find(p.Doc)
	if !ok {
		return
	}
	p.ReportSpan(sp, checker.Finding{Severity: checker.SeverityMedium,
		Message: fmt.Sprintf("%q bids %s farewell in its own language, as a taunt: mock speech aimed at a beaten rival casts a people as a caricature of its language.",
			p.Doc.Slice(sp), nationName(s.mock.name[code])),
		Suggestion: "Celebrate your own side, or thank the rival, in your own words; leave their language out of the taunt."})
}

// nationName capitalises a nation's name for a message ("mexico" -> "Mexico").
func nationName(n string) string {
	ws := strings.Fields(n)
	for i, w := range ws {
		if w != "" {
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}
