package checker

import (
	"fmt"
	"time"
)

// Category groups rules by what they look at; it is part of the public
// report contract.
type Category string

// The categories of finding.
const (
	CategoryContent  Category = "content"
	CategoryReply    Category = "reply"
	CategoryPlatform Category = "platform"
	CategoryNews     Category = "news"
	CategoryCalendar Category = "calendar"
	CategoryHashtag  Category = "hashtag"
)

// Severity orders findings; a Critical finding alone blocks a post. It is an
// integer so policies can compare it, and marshals as its name.
type Severity int

// The severities, least to most serious.
const (
	SeverityLow Severity = iota + 1
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"", "low", "medium", "high", "critical"}

// String returns the severity's name as used in JSON and configuration.
func (s Severity) String() string {
	if s < SeverityLow || s > SeverityCritical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && n == name {
			return Severity(i), nil
		}
	}
	return 0, &Error{Code: ECodeInvalid, Field: "severity", Message: fmt.Sprintf("unknown severity %q (want low, medium, high or critical)", name)}
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) {
	if s < SeverityLow || s > SeverityCritical {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Evidence is an outside source that backs a finding: a headline, an
// observance, a rule-pack entry.
type Evidence struct {
	Type  string `json:"type"` // "news", "observance", "rulepack", ...
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"` // RFC 3339 time or YYYY-MM-DD date
}

// NewsEvidence cites an article.
func NewsEvidence(a Article) Evidence {
	return Evidence{Type: "news", Title: a.Title, URL: a.URL, Date: a.Published.UTC().Format(time.RFC3339)}
}

// Finding is one problem a rule found in a post. Start and End are Unicode
// code-point offsets into Post.Text ([Start, End)); both are nil for a
// finding about the whole post.
type Finding struct {
	Rule       string     `json:"rule"`
	Category   Category   `json:"category"`
	Severity   Severity   `json:"severity"`
	Message    string     `json:"message"`
	Start      *int       `json:"start,omitempty"`
	End        *int       `json:"end,omitempty"`
	Match      string     `json:"match,omitempty"`
	Field      string     `json:"field,omitempty"` // "text" (default) or "media[0].alt" when the words are in an alt text
	Evidence   []Evidence `json:"evidence,omitempty"`
	Suggestion string     `json:"suggestion,omitempty"`
}

// At sets the finding's span and returns it, for brevity in rules.
func (f Finding) At(start, end int) Finding {
	f.Start, f.End = &start, &end
	return f
}

// HasSpan reports whether the finding points at words in the text.
func (f *Finding) HasSpan() bool { return f.Start != nil && f.End != nil }

// Verdict is the decision a report gives.
type Verdict string

// The verdicts.
const (
	VerdictPass   Verdict = "pass"
	VerdictReview Verdict = "review"
	VerdictBlock  Verdict = "block"
)

// Report is what Preflight answers for one post.
type Report struct {
	ID       string        `json:"id,omitempty"`
	Verdict  Verdict       `json:"verdict"`
	Score    int           `json:"score"`
	Findings []Finding     `json:"findings"`
	Skipped  []SkippedRule `json:"skipped,omitempty"`
	// Limits say what the report could not judge although every rule ran:
	// a region without calendar data, a language the content rules do not
	// read. A pass with limits is a pass only as far as it goes.
	Limits   []string          `json:"limits,omitempty"`
	Versions map[string]string `json:"versions,omitempty"`
	// Notes say how the post was read when that matters to the verdict:
	// a brand with no profile checked against the default one.
	Notes []string `json:"notes,omitempty"`
	// Post is the post as checked, with defaults filled in; drivers that
	// show the text (CLI, web form) use it, the JSON contract leaves it out.
	Post Post `json:"-"`
}

// SkippedRule names a rule that could not run on this post (a news index
// that failed to answer, say) so a reader knows the report is partial.
type SkippedRule struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// MarshalJSON keeps "findings" an array, never null; see AppendJSON.
func (r Report) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil) }
