package checker

import (
	"strings"
	"sync"

	"github.com/preflight-dev/preflight/text"
)

// shared holds what several rules ask of the world about the same post, so
// the news index is asked once per post and not once per rule.
type shared struct {
	mu    sync.Mutex
	memo  map[any]any
	brand *Brand
}

// Memo returns the value kept under key for this post, computing it on
// first use, so rules share work on one post (the calendar rules fold the
// words once for all three). Use an unexported key type of the rule's
// package so keys never collide.
func (p *Pass) Memo(key any, compute func() any) any {
	p.shared.mu.Lock()
	defer p.shared.mu.Unlock()
	if v, ok := p.shared.memo[key]; ok {
		return v
	}
	v := compute()
	if p.shared.memo == nil {
		p.shared.memo = map[any]any{}
	}
	p.shared.memo[key] = v
	return v
}

// Brand is one brand a team publishes for, as the rules see it: every name
// the public knows it by and what it is sensitive about. The brand package
// builds it from the "brands" section of preflight.yaml and derives the
// variants nobody should have to type (initials, run-together, possessive).
type Brand struct {
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Handles  []string `json:"handles,omitempty"`  // "@britishgas"
	Hashtags []string `json:"hashtags,omitempty"` // the brand's own tags, without "#"
	Initials []string `json:"initials,omitempty"` // acronyms the public uses ("BG")
	Products []string `json:"products,omitempty"` // products and product lines
	// People are the brand's executives, mascots and spokespeople.
	People      []string `json:"people,omitempty"`
	Competitors []string `json:"competitors,omitempty"`
	Regions     []string `json:"regions,omitempty"`   // home regions
	Languages   []string `json:"languages,omitempty"` // home languages
	// Topics are subjects the brand must handle with care (its past
	// incidents, its industry's hazards).
	Topics []string `json:"sensitive_topics,omitempty"`
	// Rules overrides rule behaviour for this brand's posts, on top of
	// the profile's overrides; the brand's packs turn their opt-in rules
	// on here.
	Rules map[string]RuleSetting `json:"rules,omitempty"`
	// Packs are the opt-in rule packs the brand switches on, by name.
	Packs []string `json:"packs,omitempty"`
	// Variants are every name above and every derived one, each once.
	Variants []BrandName `json:"variants,omitempty"`
	// Known is false when the post named a brand no profile describes and
	// the default profile's settings were used.
	Known bool `json:"known"`
	// Note, when set, is added to the report's notes: why the post was
	// checked against a fallback profile.
	Note string `json:"note,omitempty"`
}

// BrandName is one way of writing a brand's name and where it comes from.
type BrandName struct {
	Text string `json:"text"`
	// Kind is "name", "alias", "handle", "hashtag", "initials", "product"
	// or "person".
	Kind string `json:"kind"`
	// Derived names how the variant was made ("initials", "run-together",
	// "possessive", "without @"); empty for a configured name.
	Derived string `json:"derived,omitempty"`
	// Key is the matching form: lower-case letters and digits only.
	Key string `json:"-"`
}

// BrandBook finds a brand's profile by the name a post gives (its name or
// an alias, case-insensitively). For a name no profile describes it
// returns a profile made from that name and the default profile, with
// Known false. Implementations must be safe for concurrent use.
type BrandBook interface {
	Lookup(name string) *Brand
}

// Brand returns the profile of the post's brand, looked up once per post:
// from the profile's brand book when one is configured, else the post's
// brand with the profile's aliases and competitors (no derived variants).
// It is nil when the post names no brand.
func (p *Pass) Brand() *Brand {
	p.shared.mu.Lock()
	defer p.shared.mu.Unlock()
	if p.shared.brand == nil {
		p.shared.brand = lookupBrand(p.Profile, p.Post)
	}
	if p.shared.brand.Name == "" {
		return nil
	}
	return p.shared.brand
}

func lookupBrand(pr *Profile, post *Post) *Brand {
	name := strings.TrimSpace(post.Brand)
	if name == "" {
		return &Brand{}
	}
	if pr != nil && pr.Book != nil {
		if b := pr.Book.Lookup(name); b != nil {
			return b
		}
	}
	b := &Brand{Name: name}
	if pr != nil {
		b.Competitors, b.Regions = pr.Competitors, pr.Regions
		if equalFold(pr.Brand, name) {
			b.Aliases, b.Known = pr.Aliases, true
		}
	}
	return b
}

// ruleSetting is the override for rule id: the brand's own, else the
// profile's.
func ruleSetting(pr *Profile, b *Brand, id string) (RuleSetting, bool) {
	if b != nil {
		if s, ok := b.Rules[id]; ok {
			return s, true
		}
	}
	s, ok := pr.Rules[id]
	return s, ok
}

// optedIn reports whether the brand's rule settings or the profile's turn
// on the opt-in rule id.
func optedIn(pr *Profile, b *Brand, id string) bool {
	if b != nil && b.Rules[id].Enabled {
		return true
	}
	return pr.Rules[id].Enabled
}

// brandNote is the note a post's brand profile asks the report to carry.
func brandNote(b *Brand) string {
	if b == nil {
		return ""
	}
	return b.Note
}

// replyToKey keys the analysed customer's message in the post's memo.
type replyToKey struct{}

// ReplyTo is the customer's message a reply answers (Post.InReplyTo),
// analysed once for every rule that reads it; nil when there is none.
func (p *Pass) ReplyTo() *text.Doc {
	if p.Post.InReplyTo == "" {
		return nil
	}
	return p.Memo(replyToKey{}, func() any { return text.Analyse(p.Post.InReplyTo, "") }).(*text.Doc)
}
