package incidents

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
)

//go:embed data/*.yaml
var dataFS embed.FS

// Wording says how faithfully a case's text follows what was posted.
type Wording string

// The wordings.
const (
	// WordingReported is the text as publicly reported (quoted by the
	// source).
	WordingReported Wording = "reported"
	// WordingParaphrased is our paraphrase where the exact words are not
	// certain; the mechanism and the collision are as reported.
	WordingParaphrased Wording = "paraphrased"
)

// Source is the public report an incident is documented from.
type Source struct {
	Outlet   string `yaml:"outlet"`
	Headline string `yaml:"headline"`
	Date     string `yaml:"date"` // YYYY-MM-DD
	URL      string `yaml:"url"`
	// Checked is true when the headline and URL were read against a stored
	// copy of the page; false means the outlet, headline and date are as
	// recalled and the URL (when given) still needs checking.
	Checked bool `yaml:"checked"`
}

// Article is a news report the engine needs to judge a case as of its
// time, written in the style of a wire report of the real event.
type Article struct {
	Title     string    `yaml:"title"`
	Summary   string    `yaml:"summary"`
	Published time.Time `yaml:"published"`
	Source    string    `yaml:"source"`
	Regions   []string  `yaml:"regions"`
}

// Control is the incident's post on a day when nothing made it risky (or,
// for mechanisms that live in the words alone, the wording a careful team
// would have used); it must pass.
type Control struct {
	At   time.Time `yaml:"at"`
	Text string    `yaml:"text"` // empty: the incident's own text
	Note string    `yaml:"note"`
}

// Transfer is the incident's mechanism applied to another real event by
// another brand in other words: a check that the judgement generalises.
type Transfer struct {
	Brand    string              `yaml:"brand"`
	Event    string              `yaml:"event"`
	Class    checker.CrisisClass `yaml:"class"`
	At       time.Time           `yaml:"at"`
	Platform checker.Platform    `yaml:"platform"`
	Kind     checker.Kind        `yaml:"kind"`
	Regions  []string            `yaml:"regions"`
	Text     string              `yaml:"text"`
	News     []Article           `yaml:"news"`
}

// Incident is one documented real brand incident.
type Incident struct {
	ID       string           `yaml:"id"`
	Date     string           `yaml:"date"` // YYYY-MM-DD, the day it was posted
	Brand    string           `yaml:"brand"`
	Country  string           `yaml:"country"` // where the audience that reacted was
	Platform checker.Platform `yaml:"platform"`
	// Channel names where the message really went when it was not a social
	// post (email, app push, web page, in-store sign, billboard); it is then checked as a post on
	// Platform, the nearest the engine knows.
	Channel string       `yaml:"channel"`
	Kind    checker.Kind `yaml:"kind"`
	Regions []string     `yaml:"regions"`
	At      time.Time    `yaml:"at"` // when it was posted (approximate to the hour)
	Text    string       `yaml:"text"`
	Wording Wording      `yaml:"wording"`
	// Event names what it collided with, in the words of a citation ("the
	// Boston Marathon bombing"); Class is that event's crisis class, empty
	// for incidents that needed no news.
	Event     string              `yaml:"event"`
	Class     checker.CrisisClass `yaml:"class"`
	Collided  string              `yaml:"collided"`
	Wrong     string              `yaml:"wrong"`
	Mechanism string              `yaml:"mechanism"`
	Verdict   checker.Verdict     `yaml:"verdict"` // the ideal verdict
	Source    Source              `yaml:"source"`
	News      []Article           `yaml:"news"`
	Control   *Control            `yaml:"control"`
	Transfer  *Transfer           `yaml:"transfer"`

	// File and Line say where the incident is written, for messages.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Year is the year the incident happened.
func (in *Incident) Year() int {
	t, _ := time.Parse(time.DateOnly, in.Date)
	return t.Year()
}

// Mechanism is one way a post goes wrong, from the closed set in
// data/mechanisms.yaml.
type Mechanism struct {
	ID string `yaml:"id"`
	// Phrase leads a citation: "sympathy that turns into a product plug".
	Phrase string `yaml:"phrase"`
	Doc    string `yaml:"doc"`
	// Categories are the finding categories that show the mechanism was
	// seen; Rules are the rule IDs that look for it (the finder maps a
	// finding's rule to mechanisms through them).
	Categories []checker.Category `yaml:"categories"`
	Rules      []string           `yaml:"rules"`
	// NeedsNews is true when the post is only wrong because of an event
	// (its control is the same text on a quiet day); false when the words
	// alone are wrong (its control is a better wording).
	NeedsNews bool `yaml:"needs_news"`
}

// Library is the loaded set of mechanisms and incidents.
type Library struct {
	Mechanisms []Mechanism
	Incidents  []Incident
	byMech     map[string]*Mechanism
}

// Mechanism returns the mechanism with the given ID.
func (l *Library) Mechanism(id string) (*Mechanism, bool) {
	m, ok := l.byMech[id]
	return m, ok
}

// Default loads the library embedded in the binary.
func Default() (*Library, error) { return Load(dataFS, "data") }

// mechanismsFile names the closed set of mechanisms inside the data folder.
const mechanismsFile = "mechanisms.yaml"

// Load reads dir/mechanisms.yaml and every other dir/*.yaml as a family of
// incidents. Unknown keys are errors; every problem names the file and line.
func Load(fsys fs.FS, dir string) (*Library, error) {
	l := &Library{byMech: map[string]*Mechanism{}}
	b, err := fs.ReadFile(fsys, path.Join(dir, mechanismsFile))
	if err != nil {
		return nil, err
	}
	var mf struct {
		Mechanisms []Mechanism `yaml:"mechanisms"`
	}
	if err := decodeStrict(b, &mf); err != nil {
		return nil, fmt.Errorf("%s: %w", mechanismsFile, err)
	}
	for i := range mf.Mechanisms {
		m := &mf.Mechanisms[i]
		if m.ID == "" || m.Phrase == "" || len(m.Categories) == 0 {
			return nil, fmt.Errorf("%s: mechanism %d needs id, phrase and categories", mechanismsFile, i+1)
		}
		if l.byMech[m.ID] != nil {
			return nil, fmt.Errorf("%s: mechanism %q listed twice", mechanismsFile, m.ID)
		}
		l.byMech[m.ID] = m
	}
	l.Mechanisms = mf.Mechanisms

	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	seen := map[string]string{}
	var errs []error
	for _, name := range names {
		if path.Base(name) == mechanismsFile {
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		incs, err := decodeFamily(b)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%w", path.Base(name), err))
			continue
		}
		for _, in := range incs {
			in.File = path.Base(name)
			if err := l.validate(&in); err != nil {
				errs = append(errs, fmt.Errorf("%s:%d: incident %q: %w", in.File, in.Line, in.ID, err))
				continue
			}
			if prev, dup := seen[in.ID]; dup {
				errs = append(errs, fmt.Errorf("%s:%d: incident %q already defined at %s", in.File, in.Line, in.ID, prev))
				continue
			}
			seen[in.ID] = fmt.Sprintf("%s:%d", in.File, in.Line)
			l.Incidents = append(l.Incidents, in)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return l, nil
}

// decodeStrict decodes one YAML document with unknown keys as errors.
func decodeStrict(b []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return yamlError(err)
	}
	return nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:yaml: )?line (\d+): `) })

// yamlError turns yaml.v3's "yaml: line 12: ..." into "12: ...".
func yamlError(err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg := te.Errors[0]
		if m := yamlLine().FindStringSubmatch(msg); m != nil {
			return fmt.Errorf("%s: %s", m[1], strings.TrimPrefix(msg, m[0]))
		}
		return errors.New(msg)
	}
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s: %s", m[1], strings.TrimPrefix(msg, m[0]))
	}
	return fmt.Errorf(" %s", msg)
}

// decodeFamily decodes one family file strictly and records each
// incident's line (read from the node tree, which the strict decoder does
// not expose).
func decodeFamily(b []byte) ([]Incident, error) {
	var f struct {
		Incidents []Incident `yaml:"incidents"`
	}
	if err := decodeStrict(b, &f); err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		return nil, yamlError(err)
	}
	if len(root.Content) == 1 {
		doc := root.Content[0]
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value != "incidents" {
				continue
			}
			for k, item := range doc.Content[i+1].Content {
				if k < len(f.Incidents) {
					f.Incidents[k].Line = item.Line
				}
			}
		}
	}
	return f.Incidents, nil
}

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`) })

// validate says what makes an incident unusable, naming the field.
func (l *Library) validate(in *Incident) error {
	need := func(field, v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s is missing", field)
		}
		return nil
	}
	for _, f := range []struct{ name, v string }{
		{"id", in.ID}, {"date", in.Date}, {"brand", in.Brand}, {"country", in.Country}, {"text", in.Text},
		{"event", in.Event}, {"collided", in.Collided}, {"wrong", in.Wrong}, {"mechanism", in.Mechanism},
		{"source.outlet", in.Source.Outlet}, {"source.headline", in.Source.Headline}, {"source.date", in.Source.Date},
	} {
		if err := need(f.name, f.v); err != nil {
			return err
		}
	}
	if !idPattern().MatchString(in.ID) {
		return fmt.Errorf("id %q: want lower-case words joined by '-'", in.ID)
	}
	day, err := time.Parse(time.DateOnly, in.Date)
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", in.Date)
	}
	if _, err := time.Parse(time.DateOnly, in.Source.Date); err != nil {
		return fmt.Errorf("source.date %q: want YYYY-MM-DD", in.Source.Date)
	}
	if in.Source.URL != "" && !strings.HasPrefix(in.Source.URL, "https://") && !strings.HasPrefix(in.Source.URL, "http://") {
		return fmt.Errorf("source.url %q: want an http(s) address", in.Source.URL)
	}
	m, ok := l.byMech[in.Mechanism]
	if !ok {
		return fmt.Errorf("mechanism %q is not in %s", in.Mechanism, mechanismsFile)
	}
	if in.At.IsZero() {
		return errors.New("at is missing")
	}
	if d := in.At.UTC().Sub(day); d < -14*time.Hour || d > 38*time.Hour {
		return fmt.Errorf("at %s is not on date %s", in.At.Format(time.RFC3339), in.Date)
	}
	if err := checkPost("", in.Platform, in.Kind, in.Regions); err != nil {
		return err
	}
	switch in.Channel {
	case "", "email", "app push", "web page", "in-store sign", "billboard":
	default:
		return fmt.Errorf("channel %q: want email, app push, web page, in-store sign or billboard (or nothing for a social post)", in.Channel)
	}
	switch in.Wording {
	case WordingReported, WordingParaphrased:
	default:
		return fmt.Errorf("wording %q: want reported or paraphrased", in.Wording)
	}
	switch in.Verdict {
	case checker.VerdictReview, checker.VerdictBlock:
	default:
		return fmt.Errorf("verdict %q: want review or block", in.Verdict)
	}
	if err := checkClass("class", in.Class); err != nil {
		return err
	}
	if m.NeedsNews && len(in.News) == 0 && in.Class != "" {
		return fmt.Errorf("mechanism %s needs the news it collided with (news is empty)", m.ID)
	}
	if err := checkNews("news", in.News, in.At); err != nil {
		return err
	}
	if in.Control == nil {
		return errors.New("control is missing")
	}
	if in.Control.At.IsZero() {
		return errors.New("control.at is missing")
	}
	if in.Control.Text == "" && !m.NeedsNews {
		return fmt.Errorf("control.text is missing: the words alone are wrong for %s, so the control is a better wording", m.ID)
	}
	if in.Control.Text == "" && m.NeedsNews && absDuration(in.Control.At.Sub(in.At)) < 10*24*time.Hour {
		return errors.New("control.at is within 10 days of the incident: a quiet-day control must be away from the news")
	}
	if t := in.Transfer; t != nil {
		for _, f := range []struct{ name, v string }{{"transfer.brand", t.Brand}, {"transfer.event", t.Event}, {"transfer.text", t.Text}} {
			if err := need(f.name, f.v); err != nil {
				return err
			}
		}
		if strings.EqualFold(t.Brand, in.Brand) {
			return errors.New("transfer.brand: a transfer is by another brand")
		}
		if t.At.IsZero() {
			return errors.New("transfer.at is missing")
		}
		if err := checkPost("transfer.", t.Platform, t.Kind, t.Regions); err != nil {
			return err
		}
		if err := checkClass("transfer.class", t.Class); err != nil {
			return err
		}
		if err := checkNews("transfer.news", t.News, t.At); err != nil {
			return err
		}
	}
	return nil
}

func absDuration(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func checkPost(prefix string, p checker.Platform, k checker.Kind, regions []string) error {
	if _, err := checker.ParsePlatform(string(p)); err != nil {
		return fmt.Errorf("%splatform %q: %v", prefix, p, err)
	}
	if _, err := checker.ParseKind(string(k)); err != nil {
		return fmt.Errorf("%skind %q: want post or reply", prefix, k)
	}
	if len(regions) == 0 {
		return fmt.Errorf("%sregions is missing", prefix)
	}
	for _, r := range regions {
		if len(r) != 2 || strings.ToUpper(r) != r {
			return fmt.Errorf("%sregions: %q is not an ISO 3166-1 alpha-2 code", prefix, r)
		}
	}
	return nil
}

var classes = []checker.CrisisClass{checker.CrisisNone, checker.CrisisAttack, checker.CrisisShooting, checker.CrisisDisaster,
	checker.CrisisDeath, checker.CrisisScandal, checker.CrisisUnrest, checker.CrisisMourning, checker.CrisisTrending}

func checkClass(field string, c checker.CrisisClass) error {
	for _, k := range classes {
		if c == k {
			return nil
		}
	}
	return fmt.Errorf("%s %q is not a crisis class", field, c)
}

func checkNews(field string, arts []Article, at time.Time) error {
	for i, a := range arts {
		switch {
		case strings.TrimSpace(a.Title) == "":
			return fmt.Errorf("%s[%d].title is missing", field, i)
		case a.Published.IsZero():
			return fmt.Errorf("%s[%d].published is missing", field, i)
		case !a.Published.Before(at):
			return fmt.Errorf("%s[%d] is published at or after the post (%s): the engine judges as of the post's time", field, i, a.Published.Format(time.RFC3339))
		case a.Source == "":
			return fmt.Errorf("%s[%d].source is missing", field, i)
		}
		for _, r := range a.Regions {
			if len(r) != 2 || strings.ToUpper(r) != r {
				return fmt.Errorf("%s[%d].regions: %q is not an ISO 3166-1 alpha-2 code", field, i, r)
			}
		}
	}
	return nil
}

// Articles returns a case's news as the engine's articles, with stable IDs
// made from the case ID.
func Articles(caseID string, arts []Article) []checker.Article {
	out := make([]checker.Article, 0, len(arts))
	for i, a := range arts {
		out = append(out, checker.Article{
			ID: fmt.Sprintf("%s-%d", caseID, i+1), Title: a.Title, Summary: a.Summary,
			Source: a.Source, Published: a.Published, Regions: a.Regions, Language: "en",
		})
	}
	return out
}
