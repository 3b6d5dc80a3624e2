package hashtag

import (
	"fmt"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/text"
)

// invitationFile is data/invitations.yaml: what an invitation asks the
// public for and what the brand promises to do with it.
type invitationFile struct {
	Source       string   `yaml:"source"`
	Licence      string   `yaml:"licence"`
	Requests     []string `yaml:"requests"`
	Promises     []string `yaml:"promises"`
	Displays     []string `yaml:"displays"`
	Questions    []string `yaml:"questions"`
	Leads        []string `yaml:"leads"`
	Institutions []string `yaml:"institutions"`
}

// The parts of an invitation (text.Entry.Value in the invitations lexicon).
const (
	partRequest  = "request"
	partPromise  = "promise"
	partQuestion = "question"
	partDisplay  = "display"
)

// invitations is the compiled data/invitations.yaml.
type invitations struct {
	lex          *text.Lexicon
	leads        map[string]bool
	institutions []string // folded words, space-separated
}

// loadInvitations compiles data/invitations.yaml, strictly.
func (p *pack) loadInvitations() error {
	b, err := data.ReadFile("data/invitations.yaml")
	if err != nil {
		return err
	}
	var f invitationFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("data/invitations.yaml: %w", err)
	}
	if f.Source == "" || f.Licence == "" || len(f.Requests) == 0 || len(f.Promises) == 0 || len(f.Questions) == 0 {
		return fmt.Errorf("data/invitations.yaml: source, licence, requests, promises and questions are required")
	}
	var es []text.Entry
	for _, part := range []struct {
		phrases []string
		value   string
	}{{f.Requests, partRequest}, {f.Promises, partPromise}, {f.Questions, partQuestion}, {f.Displays, partDisplay}} {
		for _, ph := range part.phrases {
			es = append(es, text.Entry{Phrase: ph, Value: part.value})
		}
	}
	inv := &invitations{leads: map[string]bool{}}
	if inv.lex, err = text.NewLexicon(es); err != nil {
		return fmt.Errorf("data/invitations.yaml: %w", err)
	}
	for _, l := range f.Leads {
		inv.leads[strings.ToLower(l)] = true
	}
	for _, w := range f.Institutions {
		inv.institutions = append(inv.institutions, words(w))
	}
	p.invitations = inv
	return nil
}

// invitationRead is what a post asks of the public: the spans of its
// requests for the public's own pictures or words, of its promises to
// publish or transform what is sent, and of its open questions about
// personal experience; and the tags it asks people to use.
type invitationRead struct {
	requests, promises, questions []text.Span
	campaign                      map[string]bool // folded tags the post asks people to use
}

// machine is true when the post asks for the public's content and says
// the brand will publish or transform it: whatever is sent goes out
// under the brand's name.
func (r *invitationRead) machine() bool { return len(r.requests) > 0 && len(r.promises) > 0 }

// read reads the post's invitation once.
func (inv *invitations) read(d *text.Doc) *invitationRead {
	r := &invitationRead{campaign: map[string]bool{}}
	for _, m := range inv.lex.Find(d) {
		switch m.Entry.Value {
		case partRequest:
			r.requests = append(r.requests, m.Span)
		case partPromise:
			r.promises = append(r.promises, m.Span)
		case partQuestion:
			r.questions = append(r.questions, m.Span)
		}
	}
	for i := 1; i < len(d.Tokens); i++ {
		if t := d.Tokens[i]; t.Kind == text.Hashtag && inv.leads[d.Tokens[i-1].Norm] {
			r.campaign[fold(t.Norm)] = true
		}
	}
	return r
}

// institution is true when the brand's name or an alias names an
// institution whose service or contact hurts some of the people it asks
// (an army, a police force, a prison service).
func (inv *invitations) institution(b *checker.Brand) bool {
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		name := " " + words(n) + " "
		for _, w := range inv.institutions {
			if strings.Contains(name, " "+w+" ") {
				return true
			}
		}
	}
	return false
}

// words is s in lower case with every run of other characters one space.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

// abbreviates is true when core (a tag without its invitation word) is
// the start of the brand's name, three letters or more and not a common
// word: #McDStories for McDonald's, #StarbStories for Starbucks; not
// #TheStories for Thebes Travel.
func (p *pack) abbreviates(core string, b *checker.Brand) bool {
	if len(core) < 3 {
		return false
	}
	if lp, ok := p.seg.Known(core); ok && lp > commonLogp {
		return false
	}
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		if k := strings.ReplaceAll(words(n), " ", ""); len(k) > len(core) && strings.HasPrefix(k, core) {
			return true
		}
	}
	return false
}
