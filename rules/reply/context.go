package reply

import (
	"fmt"
	"sync"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/rules/internal/lexicon"
	"github.com/preflight-dev/preflight/text"
)

// The categories of data/context.yaml.
const (
	ctxDistress = "distress"
	ctxCheer    = "cheer"
	ctxSympathy = "sympathy"
	ctxGroup    = "group"
	ctxWorker   = "worker"
	ctxAgree    = "agree"
	ctxRefuse   = "refuse"
)

// requestReach is how many tokens may separate a group from the worker it
// qualifies ("a Hindu agent", "a non-Muslim delivery partner", "an agent
// who is Hindu").
const requestReach = 3

// maxRequestHits caps the groups and the workers paired in one message.
const maxRequestHits = 32

// loadContext compiles data/context.yaml.
var loadContext = sync.OnceValues(func() (*lexicon.Lexicon, error) {
	var f lexicon.File
	if err := readFile("context.yaml", &f); err != nil {
		return nil, err
	}
	return lexicon.New(f.Terms, f.Allow, checker.SeverityHigh, settings)
})

// contextRule reads the reply with the customer's message it answers
// (Post.InReplyTo): cheer or a sales pitch in answer to a customer's grief,
// illness or injury, and a request for a worker of a given religion, caste
// or race granted.
func contextRule(Options) (*checker.Rule, error) {
	return &checker.Rule{
		ID:       "reply.context",
		Category: checker.CategoryReply,
		Title:    "Reply that ignores what the customer wrote",
		Doc: "A reply is read with the message it answers. A customer who writes of a death, a grave illness, an " +
			"accident or an assault and gets back cheer (\"glad to hear!\", 🎉) or a sales pitch without a word of " +
			"sympathy is screenshotted as a brand on autopilot (high for cheer, medium for the pitch). A customer who " +
			"asks for an agent, a rider or a technician of a given religion, caste or race and is told it is arranged " +
			"has had discrimination granted in the brand's name (high); refusing on principle passes. The customer's " +
			"message is read in English, Spanish, Portuguese, French, German, Italian, Indonesian, Turkish, Polish, " +
			"Japanese, Chinese, Korean and Hinglish.",
		Fix:   "Read the message first: answer grief with sympathy and nothing to sell; decline to choose staff by religion, caste or race.",
		Since: "2026.12.0",
		Kinds: replyOnly,
		Load:  func() error { _, err := loadContext(); return err },
		Run: func(p *checker.Pass) error {
			if p.Post.InReplyTo == "" {
				return nil
			}
			lex, err := loadContext()
			if err != nil {
				return err
			}
			their := p.ReplyTo()
			theirs := byCategory(lex.Find(their))
			if len(theirs[ctxDistress]) == 0 && len(theirs[ctxGroup]) == 0 {
				return nil
			}
			ours := byCategory(lex.Find(p.Doc))
			if len(theirs[ctxDistress]) > 0 && len(ours[ctxSympathy]) == 0 {
				what := their.Slice(theirs[ctxDistress][0].Span)
				switch {
				case len(ours[ctxCheer]) > 0 || len(p.Doc.Signals.LightHearted) > 0:
					at := firstSpan(ours[ctxCheer], p.Doc.Signals.LightHearted)
					p.ReportSpan(at, checker.Finding{Severity: checker.SeverityHigh,
						Message: fmt.Sprintf("The customer wrote of %q, and %q answers with cheer: it reads as a reply that never read the message.",
							what, p.Doc.Slice(at)),
						Suggestion: "Answer with sympathy first and drop the cheer; take the rest to DM."})
				case len(p.Doc.Signals.Promotional) > 0:
					at := p.Doc.Signals.Promotional[0]
					p.ReportSpan(at, checker.Finding{Severity: checker.SeverityMedium,
						Message: fmt.Sprintf("The customer wrote of %q, and the reply sells (%q) without a word of sympathy.",
							what, p.Doc.Slice(at)),
						Suggestion: "Acknowledge what happened before anything else; leave offers out of this reply."})
				}
			}
			if len(ours[ctxAgree]) > 0 && len(ours[ctxRefuse]) == 0 {
				if g, ok := requestedGroup(their, theirs); ok {
					at := ours[ctxAgree][0].Span
					p.ReportSpan(at, checker.Finding{Severity: checker.SeverityHigh,
						Message: fmt.Sprintf("The customer asked for %q, and %q grants it: choosing staff by religion, caste or race on request is discrimination in the brand's name.",
							g, p.Doc.Slice(at)),
						Suggestion: "Decline plainly (\"our agents are not assigned by religion\") and offer the next available person."})
				}
			}
			return nil
		},
	}, nil
}

// byCategory groups hits by their term's category.
func byCategory(hs []lexicon.Hit) map[string][]lexicon.Hit {
	out := map[string][]lexicon.Hit{}
	for _, h := range hs {
		out[h.Term.Category] = append(out[h.Term.Category], h)
	}
	return out
}

// requestedGroup finds, in the customer's message, a group named beside
// the worker it qualifies, and returns those words.
func requestedGroup(d *text.Doc, hs map[string][]lexicon.Hit) (string, bool) {
	groups, workers := hs[ctxGroup], hs[ctxWorker]
	// A request is a sentence, not a long message: the pairs tried are
	// capped, so a 64 KB message full of such words stays linear.
	groups, workers = groups[:min(len(groups), maxRequestHits)], workers[:min(len(workers), maxRequestHits)]
	for _, g := range groups {
		for _, w := range workers {
			if g.Last < w.First && w.First-g.Last <= requestReach || w.Last < g.First && g.First-w.Last <= requestReach {
				lo, hi := min(g.Span.Start, w.Span.Start), max(g.Span.End, w.Span.End)
				return d.Slice(text.Span{Start: lo, End: hi}), true
			}
		}
	}
	return "", false
}

// firstSpan is the earliest span of the hits and the spans.
func firstSpan(hs []lexicon.Hit, spans []text.Span) text.Span {
	var best text.Span
	found := false
	for _, h := range hs {
		if !found || h.Span.Start < best.Start {
			best, found = h.Span, true
		}
	}
	for _, s := range spans {
		if !found || s.Start < best.Start {
			best, found = s, true
		}
	}
	return best
}
