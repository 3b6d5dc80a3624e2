package pack_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/content"
	"github.com/preflight-dev/preflight/rules/pack"
	"github.com/preflight-dev/preflight/rules/reply"
)

var at = time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC)

// TestTeamPackInReport loads a team's pack from YAML and sees its
// findings in a report the engine makes next to the built-in rules.
func TestTeamPackInReport(t *testing.T) {
	team, p, err := pack.Load(os.DirFS("testdata"), "team.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(team) != len(p.Rules) {
		t.Fatalf("%d rules built from %d", len(team), len(p.Rules))
	}
	builtin, err := content.Rules(content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: append(builtin, team...), Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"Unlimited data, get drunk on it! #AskAcme", `team.no_unlimited high "Unlimited"|content.intoxication medium "get drunk"|team.retired_tags medium "#AskAcme"`},
		{"In memory of our founder: 20% off everything today.", `team.promo_on_tribute high "In memory of"`},
		{"In memory of our founder, who opened our first shop in 1962.", ``},
		{"Unlimited support from our team, every day.", ``},
	} {
		rep, err := e.Check(context.Background(), checker.Post{Text: c.text, ScheduledAt: at})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range rep.Findings {
			got = append(got, f.Rule+" "+f.Severity.String()+" \""+f.Match+"\"")
		}
		want := strings.Split(c.want, "|")
		if c.want == "" {
			want = nil
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q:\n got  %q\n want %q", c.text, got, want)
		}
	}
	rep, _ := e.Check(context.Background(), checker.Post{Text: "Unlimited data!", ScheduledAt: at})
	if len(rep.Findings) != 1 || rep.Findings[0].Suggestion != `Write the allowance ("100 GB").` || rep.Findings[0].Category != checker.CategoryContent {
		t.Errorf("substitution finding: %+v", rep.Findings)
	}
}

// TestTeamPackExamples runs the team pack's own examples, as
// `preflight rules test PACK` does.
func TestTeamPackExamples(t *testing.T) {
	rs, p, err := pack.Load(os.DirFS("testdata"), "team.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fails, err := p.TestExamples(context.Background(), rs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	// A wrong example is reported.
	p.Rules[0].Examples.Pass = append(p.Rules[0].Examples.Pass, "Unlimited calls!")
	fails, _ = p.TestExamples(context.Background(), rs)
	if len(fails) != 1 || fails[0].WantFlag || !strings.Contains(fails[0].Error(), "near miss flagged") {
		t.Errorf("wrong near miss: %v", fails)
	}
}

// TestBuiltinPackExamples runs every built-in pack's examples.
func TestBuiltinPackExamples(t *testing.T) {
	for _, dir := range []string{"../content/data", "../reply/data"} {
		files, _ := os.ReadDir(dir)
		n := 0
		for _, f := range files {
			b, _ := os.ReadFile(dir + "/" + f.Name())
			if !strings.Contains(string(b), "\nrules:\n") {
				continue // a lexicon file, not a pack
			}
			n++
			p, err := pack.Parse(f.Name(), b)
			if err != nil {
				t.Fatal(err)
			}
			rs, err := p.Build(nil)
			if err != nil {
				t.Fatal(err)
			}
			fails, err := p.TestExamples(context.Background(), rs)
			if err != nil {
				t.Fatal(err)
			}
			for _, fl := range fails {
				t.Errorf("%s: %v", f.Name(), fl)
			}
		}
		if n == 0 {
			t.Errorf("%s: no packs", dir)
		}
	}
}

// TestPackRulesMatchBuiltins checks that the rules the category packages
// build from their packs are the packs' rules.
func TestPackRulesMatchBuiltins(t *testing.T) {
	cr, _ := content.Rules(content.Options{})
	rr, _ := reply.Rules(reply.Options{})
	ids := map[string]bool{}
	for _, r := range append(cr, rr...) {
		ids[r.ID] = true
	}
	for _, id := range []string{"content.intoxication", "content.innuendo", "content.political", "content.insensitive",
		"reply.legal_threat", "reply.personal_attack", "reply.argue", "reply.blame"} {
		if !ids[id] {
			t.Errorf("%s is not built", id)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	const head = "source: x\nlicence: y\nrules:\n"
	const rule = "    kind: existence\n    title: T\n    doc: D\n    severity: low\n    message: m\n    category: content\n    terms: [{phrase: foo}]\n"
	for _, c := range []struct{ name, yaml, want string }{
		{"builtin id", head + "  - id: content.foo\n" + rule, `must start with "team."`},
		{"unknown key", head + "  - id: team.foo\n    severty: high\n" + rule, "severty"},
		{"unknown kind", head + "  - id: team.foo\n" + strings.Replace(rule, "existence", "regex", 1), "unknown kind"},
		{"bad severity", head + "  - id: team.foo\n" + strings.Replace(rule, "low", "urgent", 1), "urgent"},
		{"no licence", "source: x\nrules:\n  - id: team.foo\n" + rule, "licence"},
		{"twice", head + "  - id: team.foo\n" + rule + "  - id: team.foo\n" + rule, "twice"},
		{"substitution without suggest", head + "  - id: team.foo\n" + strings.Replace(rule, "existence", "substitution", 1), "suggest"},
		{"combination without signal", head + "  - id: team.foo\n" + strings.Replace(rule, "existence", "combination", 1), "signal"},
		{"unknown signal", head + "  - id: team.foo\n    signals: [sad]\n" + strings.Replace(rule, "existence", "combination", 1), "unknown signal"},
		{"no terms", head + "  - id: team.foo\n" + strings.Replace(rule, "[{phrase: foo}]", "[]", 1), "no terms"},
	} {
		_, _, err := pack.Load(fstest.MapFS{"p.yaml": {Data: []byte(c.yaml)}}, "p.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	if _, _, err := pack.Load(fstest.MapFS{}, "missing.yaml"); err == nil {
		t.Error("missing file: no error")
	}
}

// TestTeamRuleCategory: a team rule names one of the categories; Load
// refuses it otherwise, naming the file.
func TestTeamRuleCategory(t *testing.T) {
	for _, cat := range []string{"", "    category: marketing\n"} {
		y := "source: x\nlicence: y\nrules:\n  - id: team.foo\n" + cat + "    kind: existence\n    title: T\n    doc: D\n    severity: low\n    message: m\n    terms: [{phrase: foo}]\n"
		_, _, err := pack.Load(fstest.MapFS{"p.yaml": {Data: []byte(y)}}, "p.yaml")
		if err == nil || !strings.Contains(err.Error(), "p.yaml") || !strings.Contains(err.Error(), "category") {
			t.Errorf("category %q: error %v", cat, err)
		}
	}
}

// FuzzKinds runs a rule of every kind over arbitrary text: findings have
// spans inside the text whose words are the match.
func FuzzKinds(f *testing.F) {
	f.Add("Unlimited data #AskAcme, in memory of 20% off")
	f.Add("so drunk lol 🍻 crazy #MAGA")
	f.Add("ünlimited\u200b #askacme")
	rs, _, err := pack.Load(os.DirFS("testdata"), "team.yaml")
	if err != nil {
		f.Fatal(err)
	}
	// The built-in content packs are existence and substitution rules.
	cr, err := content.Rules(content.Options{})
	if err != nil {
		f.Fatal(err)
	}
	e, err := checker.New(checker.Config{Rules: append(rs, cr...), Now: func() time.Time { return at }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rep, err := e.Check(context.Background(), checker.Post{Text: s, ScheduledAt: at})
		if err != nil {
			return
		}
		n := len([]rune(rep.Post.Text))
		for _, fd := range rep.Findings {
			if !fd.HasSpan() || *fd.Start < 0 || *fd.End > n || *fd.Start >= *fd.End {
				t.Fatalf("%q: bad span %+v", s, fd)
			}
			if got := string([]rune(rep.Post.Text)[*fd.Start:*fd.End]); got != fd.Match {
				t.Fatalf("%q: match %q, span holds %q", s, fd.Match, got)
			}
		}
	})
}
