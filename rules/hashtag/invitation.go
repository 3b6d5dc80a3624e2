package hashtag

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/preflight-dev/preflight/brand"
	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
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
	// Conversations, Topics and Advocates read a call into a public
	// conversation on a charged social topic, and the brands whose cause
	// the topic is.
	Conversations []string `yaml:"conversations"`
	// ConversationWords make a tag a conversation (#TalkAbout…).
	ConversationWords []string            `yaml:"conversation_words"`
	Topics            map[string][]string `yaml:"topics"` // family → phrases
	Advocates         []string            `yaml:"advocates"`
	// Contests and Adoptions read a public vote or naming contest and the
	// promise to use what wins; Blanks a sentence for the public to finish.
	Contests []string `yaml:"contests"`
	// ContestTags are the opening words of a tag that is a vote itself.
	ContestTags []string `yaml:"contest_tags"`
	Adoptions   []string `yaml:"adoptions"`
	// Entries are calls for the public's own free-text entries ("submit
	// your idea"): with a public vote, the public writes the options and
	// picks the winner, so whatever wins is the brand's promise.
	Entries []string `yaml:"entries"`
	// Votes are the words that ask the public to vote.
	Votes  []string `yaml:"votes"`
	Blanks []string `yaml:"blanks"`
	// QAs are an open Q&A offered in the words.
	QAs []string `yaml:"qas"`
	// Cheers, Events and Contested read a cheerful tag for an event that
	// the news says is contested.
	Cheers    []string `yaml:"cheers"`
	Events    []string `yaml:"events"`
	Contested []string `yaml:"contested"`
	// Generic are words of an invitation that name no topic ("questions",
	// "live", "tomorrow"): left out when its topic is compared with the
	// grievances in the news.
	Generic []string `yaml:"generic"`
}

// The parts of an invitation (text.Entry.Value in the invitations lexicon).
const (
	partRequest  = "request"
	partPromise  = "promise"
	partQuestion = "question"
	partDisplay  = "display"
	partCall     = "conversation"
	partTopic    = "topic"
	partContest  = "contest"
	partAdopt    = "adopt"
	partBlank    = "blank"
	partCheer    = "cheer"
	partQA       = "qa"
	partEntry    = "entry"
)

// invitations is the compiled data/invitations.yaml.
type invitations struct {
	lex          *text.Lexicon
	leads        map[string]bool
	institutions []string // folded words, space-separated
	advocates    []string // folded words, space-separated
	events       map[string]bool
	// tagTopics are the topics a tag's words can carry, run together:
	// the single-word topics and the many-word ones without their joiners
	// ("humanrights"); a prefix topic ("lgbt*") keeps its "*". Topics read
	// only beside a joiner ("about race") are left out: in a tag, #RaceDay
	// is a race.
	tagTopics         []tagTopic
	conversationWords map[string]bool
	contestTags       []string        // opening words, space-separated
	votes             map[string]bool // words asking the public to vote
	contested         *text.Lexicon   // read on news about an event
	generic           map[string]bool // words that name no topic
}

// loadInvitations compiles data/invitations.yaml, strictly.
func (p *pack) loadInvitations() error {
	b, err := data.ReadFile("data/invitations.yaml")
	if err != nil {
		return err
	}
	p.invitations, err = parseInvitations(b)
	return err
}

// parseInvitations compiles the invitations data, refusing unknown keys,
// missing sections and empty topic families.
func parseInvitations(b []byte) (*invitations, error) {
	var f invitationFile
	if err := strictyaml.Decode(b, &f); err != nil {
		return nil, fmt.Errorf("data/invitations.yaml: %w", err)
	}
	if f.Source == "" || f.Licence == "" || len(f.Requests) == 0 || len(f.Promises) == 0 || len(f.Questions) == 0 ||
		len(f.Conversations) == 0 || len(f.Topics) == 0 || len(f.Contests) == 0 || len(f.Adoptions) == 0 || len(f.Blanks) == 0 ||
		len(f.QAs) == 0 || len(f.Cheers) == 0 || len(f.Events) == 0 || len(f.Contested) == 0 {
		return nil, fmt.Errorf("data/invitations.yaml: source, licence, requests, promises, questions, conversations, " +
			"topics, contests, adoptions, blanks, qas, cheers, events and contested are required")
	}
	var es []text.Entry
	for _, part := range []struct {
		phrases []string
		value   string
	}{{f.Requests, partRequest}, {f.Promises, partPromise}, {f.Questions, partQuestion}, {f.Displays, partDisplay},
		{f.Conversations, partCall}, {f.Contests, partContest}, {f.Adoptions, partAdopt},
		{f.Blanks, partBlank}, {f.Cheers, partCheer}, {f.QAs, partQA}, {f.Entries, partEntry}} {
		for _, ph := range part.phrases {
			es = append(es, text.Entry{Phrase: ph, Value: part.value})
		}
	}
	inv := &invitations{leads: map[string]bool{}, events: map[string]bool{}, conversationWords: map[string]bool{}, votes: map[string]bool{}, generic: map[string]bool{}}
	for _, w := range f.Generic {
		inv.generic[text.Stem(strings.ToLower(w), "en")] = true
	}
	for _, w := range f.Votes {
		inv.votes[strings.ToLower(w)] = true
	}
	for _, family := range slices.Sorted(maps.Keys(f.Topics)) {
		if len(f.Topics[family]) == 0 {
			return nil, fmt.Errorf("data/invitations.yaml: topics: family %q has no phrases", family)
		}
		for _, t := range f.Topics[family] {
			es = append(es, text.Entry{Phrase: t, Value: partTopic, Tags: []string{family}})
			ws := strings.Fields(strings.ToLower(t))
			if slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(topicJoiners, w) }) {
				continue
			}
			inv.tagTopics = append(inv.tagTopics, tagTopic{strings.NewReplacer("'", "", "-", "").Replace(strings.Join(ws, "")), family})
		}
	}
	for _, w := range f.ContestTags {
		inv.contestTags = append(inv.contestTags, words(w))
	}
	for _, w := range f.ConversationWords {
		inv.conversationWords[strings.ToLower(w)] = true
	}
	var err error
	if inv.lex, err = text.NewLexicon(es); err != nil {
		return nil, fmt.Errorf("data/invitations.yaml: %w", err)
	}
	var cs []text.Entry
	for _, ph := range f.Contested {
		cs = append(cs, text.Entry{Phrase: ph})
	}
	if inv.contested, err = text.NewLexicon(cs); err != nil {
		return nil, fmt.Errorf("data/invitations.yaml: contested: %w", err)
	}
	for _, w := range f.Events {
		inv.events[strings.ToLower(w)] = true
	}
	for _, l := range f.Leads {
		inv.leads[strings.ToLower(l)] = true
	}
	for _, w := range f.Institutions {
		inv.institutions = append(inv.institutions, words(w))
	}
	for _, w := range f.Advocates {
		inv.advocates = append(inv.advocates, words(w))
	}
	return inv, nil
}

// invitationRead is what a post asks of the public: the spans of its
// requests for the public's own pictures or words, of its promises to
// publish or transform what is sent, and of its open questions about
// personal experience; its calls into a conversation on a charged social
// topic, its public votes and naming contests and the promises to use
// what wins, its sentences for the public to finish; and the tags it asks
// people to use.
type invitationRead struct {
	requests, promises, questions []text.Span
	calls                         []text.Span // calls into a conversation, with a topic or not
	charged                       []text.Span // a call into a conversation with a charged topic beside it
	topics                        []string    // the charged topics named, lower case
	families                      []string    // their families (race, gender, …)
	trouble                       []string    // the brand's own trouble named anywhere in the post ("recall")
	contests, adoptions, blanks   []text.Span
	cheers, qas                   []text.Span
	campaign                      map[string]bool // folded tags the post asks people to use
}

// machine is true when the post asks for the public's content and says
// the brand will publish or transform it: whatever is sent goes out
// under the brand's name.
func (r *invitationRead) machine() bool { return len(r.requests) > 0 && len(r.promises) > 0 }

// read reads the post's invitation once.
func (inv *invitations) read(d *text.Doc) *invitationRead {
	r := &invitationRead{campaign: map[string]bool{}}
	var calls, topics []text.Match
	var displays, entries []text.Span
	for _, m := range inv.lex.FindShared(d) {
		switch m.Entry.Value {
		case partRequest:
			r.requests = append(r.requests, m.Span)
		case partPromise:
			r.promises = append(r.promises, m.Span)
		case partDisplay:
			displays = append(displays, m.Span)
		case partQuestion:
			r.questions = append(r.questions, m.Span)
			calls = append(calls, m)
		case partCall:
			calls = append(calls, m)
		case partTopic:
			topics = append(topics, m)
		case partContest:
			r.contests = append(r.contests, m.Span)
		case partAdopt:
			r.adoptions = append(r.adoptions, m.Span)
		case partBlank:
			r.blanks = append(r.blanks, m.Span)
		case partEntry:
			entries = append(entries, m.Span)
		case partCheer:
			r.cheers = append(r.cheers, m.Span)
		case partQA:
			r.qas = append(r.qas, m.Span)
		}
	}
	// A promise inside a display is a person's choice, not the brand's
	// voice ("we'll repost our favourites").
	r.promises = slices.DeleteFunc(r.promises, func(p text.Span) bool {
		return slices.ContainsFunc(displays, func(d text.Span) bool { return d.Start <= p.Start && p.End <= d.End })
	})
	r.adoptions = append(r.adoptions, r.promises...) // what is sent goes out under the brand's name
	if len(entries) > 0 && inv.publicVote(d) {
		// The public writes the entries and votes the winner in: the
		// brand has handed over what it will publish.
		r.adoptions = append(r.adoptions, entries...)
	}
	r.readCharged(d, calls, topics)
	for _, t := range topics {
		if t.Entry.Tags[0] == troubleFamily {
			if w := strings.ToLower(d.Slice(t.Span)); !slices.Contains(r.trouble, w) {
				r.trouble = append(r.trouble, w)
			}
		}
	}
	for i := 1; i < len(d.Tokens); i++ {
		if t := d.Tokens[i]; t.Kind == text.Hashtag && inv.leads[d.Tokens[i-1].Norm] {
			r.campaign[fold(t.Norm)] = true
		}
	}
	return r
}

// troubleFamily is the topic family of the brand's own trouble (a recall,
// a breach, a price rise): named in a Q&A or beside an Ask tag it makes
// the questions the complaints.
const troubleFamily = "trouble"

// readCharged keeps the calls into a conversation that have a charged
// topic after them in the same sentence (or either of them in a hashtag,
// which speaks for the whole post), and the topics so named.
func (r *invitationRead) readCharged(d *text.Doc, calls, topics []text.Match) {
	for _, c := range calls {
		r.calls = append(r.calls, c.Span)
	}
	if len(calls) == 0 || len(topics) == 0 {
		return
	}
	sents := d.Sentences()
	sentence := func(s text.Span) int {
		for i, ss := range sents {
			if s.Start < ss.End && s.End > ss.Start {
				return i
			}
		}
		return -1
	}
	for _, c := range calls {
		cs := sentence(c.Span)
		for _, t := range topics {
			if t.Entry.Tags[0] == troubleFamily {
				continue // the brand's own trouble is not a social topic (see trouble)
			}
			// The topic is what the call is about: after its start in its
			// sentence ("let's talk about race", "what does equality mean
			// to you"), not a word before it ("religion and bread: let's
			// talk about bread").
			if c.Hashtag || t.Hashtag || sentence(t.Span) == cs && t.Start >= c.Start {
				r.charged = append(r.charged, c.Span)
				if w := strings.ToLower(d.Slice(t.Span)); !slices.Contains(r.topics, w) {
					r.topics = append(r.topics, w)
				}
				if fam := t.Entry.Tags[0]; !slices.Contains(r.families, fam) {
					r.families = append(r.families, fam)
				}
				break
			}
		}
	}
}

// tagTopic is a topic as a tag's words carry it, run together, and its
// family.
type tagTopic struct{ key, family string }

// tagTopic returns the charged topic a tag's reading carries as a run of
// up to three of its words ("trans rights" in #TransRightsMatter) and its
// family, or "".
func (inv *invitations) tagTopic(words []string) (topic, family string) {
	for i := range words {
		run := ""
		for j := i; j < len(words) && j < i+3; j++ {
			run += words[j]
			for _, t := range inv.tagTopics {
				if run == t.key || strings.HasSuffix(t.key, "*") && strings.HasPrefix(run, t.key[:len(t.key)-1]) {
					return strings.Join(words[i:j+1], " "), t.family
				}
			}
		}
	}
	return "", ""
}

// maxRecordStories caps the brand's stories read for a topic: the newest
// are enough to say the brand's record is on it.
const maxRecordStories = 50

// topicRecord says where the brand's own record is on one of the topic
// families: a sensitive topic of its profile, or one of its negative
// stories of the past year (newest first); "" when neither is.
func (inv *invitations) topicRecord(b *checker.Brand, s *brand.Standing, families []string) string {
	on := func(d *text.Doc) bool {
		for _, m := range inv.lex.FindShared(d) {
			if m.Entry.Value == partTopic && slices.Contains(families, m.Entry.Tags[0]) {
				return true
			}
		}
		return false
	}
	for _, t := range b.Topics {
		if on(text.Analyse(t, "")) {
			return fmt.Sprintf("its profile lists %q as a sensitive topic", t)
		}
	}
	if s == nil {
		return ""
	}
	for i, st := range s.Year {
		if i == maxRecordStories {
			break
		}
		if a := st.Article; on(text.Analyse(a.Title+". "+a.Summary, a.Language)) {
			return fmt.Sprintf("it was in the news on this topic on %s (%q)", a.Published.UTC().Format("2 January 2006"), a.Title)
		}
	}
	return ""
}

// contestTag is true when a tag's words open with a vote or a naming
// contest (#NameOurNewBear: "name our new bear").
func (inv *invitations) contestTag(words []string) bool {
	w := strings.Join(words, " ") + " "
	return slices.ContainsFunc(inv.contestTags, func(c string) bool { return strings.HasPrefix(w, c+" ") })
}

// talks is true when a tag's words hold a conversation word (#TalkAbout…,
// …Conversation).
func (inv *invitations) talks(words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return inv.conversationWords[w] })
}

// advocate is true when the brand speaks for a cause: its name or an
// alias holds an advocacy word (a charity, a foundation, a rights group)
// or one of the charged topics the post names. Its conversation on its
// cause is its work.
func (inv *invitations) advocate(b *checker.Brand, topics []string) bool {
	for _, n := range append([]string{b.Name}, b.Aliases...) {
		name := " " + words(n) + " "
		for _, w := range inv.advocates {
			if strings.Contains(name, " "+w+" ") {
				return true
			}
		}
		for _, t := range topics {
			for _, w := range strings.Fields(words(t)) {
				if len(w) < 3 || slices.Contains(topicJoiners, w) {
					continue
				}
				for _, nw := range strings.Fields(name) {
					if nw == w || len(nw) >= 4 && (strings.HasPrefix(w, nw) || strings.HasPrefix(nw, w)) {
						return true // "refugees" and the Refugee Choir
					}
				}
			}
		}
	}
	return false
}

// topicJoiners are the words of a topic phrase that name no topic ("about
// race", "the war in", "krigen i").
var topicJoiners = []string{"about", "and", "the", "on", "in", "om", "i"}

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

// publicVote reports whether the post asks the public to vote ("vote for
// your favourite", "votes decide"; data/invitations.yaml).
func (inv *invitations) publicVote(d *text.Doc) bool {
	for _, t := range d.Tokens {
		if inv.votes[t.Norm] {
			return true
		}
	}
	return false
}
