// Package ruletest is the one way to write a rule test: the input and the
// expected findings sit side by side in testdata/*.txtar files, in the manner
// of go/analysis' analysistest. `go test -update` rewrites every want section
// with what the rules found, and the change is reviewed as a diff.
//
// A file is a family of cases. Its header (the lines before the first
// section) is YAML giving the context every case shares; lines starting with
// '#' say what the family proves:
//
//	# Legal language in a reply is a threat.
//	at: 2026-01-21T15:00:00Z
//	kind: reply
//	regions: [US]
//	platform: x
//	brand: Northway
//	profile: {aliases: ["@northway"], competitors: [Southgate]}
//	rules: [reply.legal_threat]
//	verdict: pass
//	news:
//	  - {title: "Gunman kills 49 at Orlando club", published: 2016-06-12T09:00:00Z, crisis: shooting, severity: 0.9}
//
// Then each case: a post section, optional alt sections (media alt texts),
// and a want section listing the findings one per line as
// `rule severity [start:end] "matched words"`, the span in code points of the
// text the user wrote (alt-text findings name their field after the
// severity; whole-post findings have no span):
//
//	-- post --
//	If you don't take that post down we will sue you for libel.
//	-- want --
//	reply.legal_threat critical [41:48] "sue you"
//	reply.legal_threat critical [53:58] "libel"
//
// A reply's case may hold a "to" section after its post: the customer's
// message the reply answers (Post.InReplyTo).
//
// A post section may override the header for its case with key=value words
// in its name: `-- post at=2013-12-07T17:00:00Z regions=US,GB kind=reply
// platform=x brand=Acme lang=no # what the case proves --`; a value with
// spaces is quoted: brand="Acme Bank". With rules: set, only those rules'
// findings are listed; an empty want section means the case must pass them.
// With verdict: set, every case must also get that verdict.
package ruletest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/golden"
)

// Config is what a rule package's test gives the harness: its rules and
// the world they need. The header of each file adds the brand profile,
// clock and news.
type Config struct {
	Rules    []*checker.Rule
	Calendar checker.Calendar // optional
	// Profile is the default brand profile; a file's header may replace
	// it.
	Profile checker.Profile
	// Invariant, when set, is checked on every finding of every case
	// (every calendar finding cites its observance, say).
	Invariant func(checker.Finding) error
	// News, when set, builds the news a file's header lists (a real
	// index that derives classes, names and events, for the news rules);
	// by default the header's articles are searched as written.
	News func(articles []*checker.Article) (checker.News, error)
}

// Header is the shared context of a file's cases.
type Header struct {
	At       time.Time        `yaml:"at"`
	Kind     checker.Kind     `yaml:"kind"`
	Regions  []string         `yaml:"regions"`
	Platform checker.Platform `yaml:"platform"`
	Brand    string           `yaml:"brand"`
	Language string           `yaml:"lang"`
	Profile  *checker.Profile `yaml:"profile"`
	Rules    []string         `yaml:"rules"`
	// Verdict, when set, is the verdict every case of the file must get
	// ("pass" for a family of ordinary posts that must go through).
	Verdict checker.Verdict    `yaml:"verdict"`
	News    []*checker.Article `yaml:"news"`
}

// defaultAt is the clock of a case that names none: a fixed instant, so no
// case depends on today's date.
var defaultAt = time.Date(2026, 1, 21, 15, 0, 0, 0, time.UTC)

// Run checks every testdata/*.txtar file of dir against the rules in cfg.
func Run(t *testing.T, dir string, cfg Config) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no %s/*.txtar files", dir)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) { RunFile(t, f, cfg) })
	}
}

// RunFile checks the cases of one txtar file and, with -update, rewrites
// its want sections.
func RunFile(t *testing.T, path string, cfg Config) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := Parse(src)
	h, err := parseHeader(a.Comment)
	if err != nil {
		t.Fatalf("%s: header: %v", path, err)
	}
	cases, err := split(a)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	engines := map[string]*checker.Engine{}
	for _, c := range cases {
		p, err := c.post(h)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, c.line, err)
		}
		e, err := engineFor(engines, cfg, h, p)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rep, err := e.Check(context.Background(), p)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, c.line, err)
		}
		if h.Verdict != "" && rep.Verdict != h.Verdict {
			t.Errorf("%s:%d: %q: verdict %s, want %s", path, c.line, p.Text, rep.Verdict, h.Verdict)
		}
		if cfg.Invariant != nil {
			for _, f := range rep.Findings {
				if err := cfg.Invariant(f); err != nil {
					t.Errorf("%s:%d: %s: %v", path, c.line, f.Rule, err)
				}
			}
		}
		got := Findings(rep.Findings, h.Rules)
		if golden.Updating() {
			a.Files[c.want].Data = []byte(got)
			continue
		}
		if want := string(a.Files[c.want].Data); got != want {
			t.Errorf("%s:%d: %q\n got:\n%s want:\n%s", path, c.line, p.Text, indent(got), indent(want))
		}
	}
	if golden.Updating() {
		if out := a.Format(); !bytes.Equal(out, src) {
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func indent(s string) string {
	if s == "" {
		return "    (none)\n"
	}
	return "    " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n    ") + "\n"
}

// Findings renders findings one per line as a want section has them,
// keeping only the listed rules when any are.
func Findings(fs []checker.Finding, rules []string) string {
	var sb strings.Builder
	for _, f := range fs {
		if len(rules) > 0 && !slices.Contains(rules, f.Rule) {
			continue
		}
		sb.WriteString(f.Rule + " " + f.Severity.String())
		if f.Field != "" && f.Field != "text" {
			sb.WriteString(" " + f.Field)
		}
		if f.HasSpan() {
			fmt.Fprintf(&sb, " [%d:%d] %s", *f.Start, *f.End, strconv.Quote(f.Match))
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func parseHeader(comment []byte) (Header, error) {
	var h Header
	var yml bytes.Buffer
	for _, l := range strings.SplitAfter(string(comment), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			yml.WriteString("\n") // keep line numbers in errors
			continue
		}
		yml.WriteString(l)
	}
	if strings.TrimSpace(yml.String()) == "" {
		return h, nil
	}
	dec := yaml.NewDecoder(&yml)
	dec.KnownFields(true)
	if err := dec.Decode(&h); err != nil {
		return h, err
	}
	return h, nil
}

// testCase is one post of a file: its section indexes in the archive.
type testCase struct {
	postIdx int
	alts    []int
	to      int // the "to" section: the message the reply answers; 0 for none
	want    int
	line    int
	a       *Archive
}

// split groups the sections into cases: post, alt*, want.
func split(a *Archive) ([]testCase, error) {
	var out []testCase
	var cur *testCase
	for i, f := range a.Files {
		kind, _, _ := strings.Cut(f.Name, " ")
		switch kind {
		case "post":
			if cur != nil {
				return nil, fmt.Errorf("line %d: post without a want section before it", f.Line)
			}
			cur = &testCase{postIdx: i, line: f.Line, a: a}
		case "alt":
			if cur == nil {
				return nil, fmt.Errorf("line %d: alt section outside a case", f.Line)
			}
			cur.alts = append(cur.alts, i)
		case "to":
			if cur == nil || cur.to != 0 {
				return nil, fmt.Errorf("line %d: a to section belongs to one case, after its post", f.Line)
			}
			cur.to = i
		case "want":
			if cur == nil {
				return nil, fmt.Errorf("line %d: want section without a post", f.Line)
			}
			cur.want = i
			out = append(out, *cur)
			cur = nil
		default:
			return nil, fmt.Errorf("line %d: unknown section %q (want post, alt, to or want)", f.Line, f.Name)
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("line %d: post without a want section", cur.line)
	}
	return out, nil
}

// post builds the case's post from the header and the section's overrides.
func (c testCase) post(h Header) (checker.Post, error) {
	f := c.a.Files[c.postIdx]
	p := checker.Post{Text: strings.TrimSuffix(string(f.Data), "\n"), ScheduledAt: h.At, Kind: h.Kind,
		Regions: h.Regions, Platform: h.Platform, Brand: h.Brand, Language: h.Language}
	if p.ScheduledAt.IsZero() {
		p.ScheduledAt = defaultAt
	}
	opts, _, _ := strings.Cut(f.Name, " #")
	kvs, err := options(opts)
	if err != nil {
		return p, err
	}
	for _, kv := range kvs {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "at":
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return p, fmt.Errorf("at: %v", err)
			}
			p.ScheduledAt = t
		case "regions":
			p.Regions = nil
			if v != "" {
				p.Regions = strings.Split(v, ",")
			}
		case "kind":
			p.Kind = checker.Kind(v)
		case "platform":
			p.Platform = checker.Platform(v)
		case "brand":
			p.Brand = v
		case "lang":
			p.Language = v
		default:
			return p, fmt.Errorf("unknown post section option %q (at, regions, kind, platform, brand, lang)", k)
		}
	}
	if c.to != 0 {
		p.InReplyTo = strings.TrimSuffix(string(c.a.Files[c.to].Data), "\n")
	}
	for _, i := range c.alts {
		p.Media = append(p.Media, checker.Media{Alt: strings.TrimSuffix(string(c.a.Files[i].Data), "\n")})
	}
	return p, nil
}

// options splits a post section's name after "post" into key=value
// words; a value may be quoted to hold spaces (brand="Acme Bank").
func options(name string) ([]string, error) {
	rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), "post"))
	var out []string
	for rest != "" {
		k, v, ok := strings.Cut(rest, "=")
		if !ok || strings.ContainsAny(k, " \t") {
			word, _, _ := strings.Cut(rest, " ")
			return nil, fmt.Errorf("post section option %q is not key=value", word)
		}
		if strings.HasPrefix(v, `"`) {
			end := strings.IndexByte(v[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("post section option %s: unclosed quote", k)
			}
			out = append(out, k+"="+v[1:end+1])
			rest = strings.TrimSpace(v[end+2:])
			continue
		}
		v, rest, _ = strings.Cut(v, " ")
		out = append(out, k+"="+v)
		rest = strings.TrimSpace(rest)
	}
	return out, nil
}

// engineFor builds (once per clock) the engine for a case: the package's
// rules and calendar, the header's profile and news, and a clock at the
// post's time.
func engineFor(cache map[string]*checker.Engine, cfg Config, h Header, p checker.Post) (*checker.Engine, error) {
	key := p.ScheduledAt.Format(time.RFC3339Nano)
	if e, ok := cache[key]; ok {
		return e, nil
	}
	prof := cfg.Profile
	if h.Profile != nil {
		prof = *h.Profile
	}
	at := p.ScheduledAt
	c := checker.Config{Rules: cfg.Rules, Calendar: cfg.Calendar, Profile: prof, Now: func() time.Time { return at }}
	if h.News != nil {
		c.News = memNews(h.News)
		if cfg.News != nil {
			n, err := cfg.News(h.News)
			if err != nil {
				return nil, fmt.Errorf("news: %w", err)
			}
			c.News = n
		}
	}
	e, err := checker.New(c)
	if err != nil {
		return nil, err
	}
	cache[key] = e
	return e, nil
}

// Case is one post of a txtar file, for tests that render full reports of
// the same posts (a golden of messages and evidence).
type Case struct {
	File    string
	Comment string // the text after " #" in the post section's name
	Post    checker.Post
}

// Cases reads every case of dir/*.txtar.
func Cases(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	var out []Case
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		a := Parse(src)
		h, err := parseHeader(a.Comment)
		if err != nil {
			return nil, fmt.Errorf("%s: header: %w", path, err)
		}
		cs, err := split(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, c := range cs {
			p, err := c.post(h)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, c.line, err)
			}
			_, comment, _ := strings.Cut(a.Files[c.postIdx].Name, " #")
			out = append(out, Case{File: filepath.Base(path), Comment: strings.TrimSpace(comment), Post: p})
		}
	}
	return out, nil
}
