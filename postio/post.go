package postio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// wirePost is the JSON shape of a post, with fields that need a friendlier
// error than encoding/json gives (times, regions as a string or a list).
type wirePost struct {
	ID          json.RawMessage `json:"id"`
	Text        *string         `json:"text"`
	ScheduledAt string          `json:"scheduled_at"`
	Platform    string          `json:"platform"`
	Kind        string          `json:"kind"`
	Brand       string          `json:"brand"`
	Regions     json.RawMessage `json:"regions"`
	Language    string          `json:"language"`
	Media       []checker.Media `json:"media"`
	InReplyTo   string          `json:"in_reply_to"`
}

// DecodePost reads one post from JSON and validates it; errors are
// *checker.Error values that name the field.
func DecodePost(data []byte) (checker.Post, error) {
	if !utf8.Valid(data) {
		return checker.Post{}, &checker.Error{Code: checker.ECodeInvalid, Message: "input is not valid UTF-8"}
	}
	var w wirePost
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&w); err != nil {
		return checker.Post{}, jsonError(err)
	}
	if dec.More() {
		return checker.Post{}, &checker.Error{Code: checker.ECodeInvalid, Message: "invalid JSON: more than one value", Err: ErrMalformedJSON}
	}
	return w.post()
}

// ErrMalformedJSON is wrapped by the errors of input that is not JSON at
// all (as opposed to JSON with a wrong field), so callers can tell them apart.
var ErrMalformedJSON = errors.New("malformed JSON")

func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &checker.Error{Code: checker.ECodeInvalid, Field: te.Field, Message: fmt.Sprintf("expected %s, got JSON %s", te.Type, te.Value), Err: err}
	}
	return &checker.Error{Code: checker.ECodeInvalid, Message: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: "), Err: fmt.Errorf("%w: %w", ErrMalformedJSON, err)}
}

func (w *wirePost) post() (checker.Post, error) {
	p := checker.Post{Brand: w.Brand, Language: w.Language, Media: w.Media, InReplyTo: w.InReplyTo}
	if len(w.ID) > 0 && string(w.ID) != "null" {
		var s string
		if err := json.Unmarshal(w.ID, &s); err != nil {
			var n json.Number
			if err := json.Unmarshal(w.ID, &n); err != nil {
				return p, checker.Invalidf("id", "id must be a string or a number")
			}
			s = n.String()
		}
		p.ID = s
	}
	if w.Text == nil {
		return p, checker.Invalidf("text", "text is required")
	}
	p.Text = *w.Text
	if w.ScheduledAt != "" {
		t, err := ParseTime(w.ScheduledAt)
		if err != nil {
			return p, checker.Invalidf("scheduled_at", "%v", err)
		}
		p.ScheduledAt = t
	}
	if w.Platform != "" {
		pl, err := checker.ParsePlatform(w.Platform)
		if err != nil {
			return p, err
		}
		p.Platform = pl
	}
	if w.Kind != "" {
		k, err := checker.ParseKind(w.Kind)
		if err != nil {
			return p, err
		}
		p.Kind = k
	}
	if len(w.Regions) > 0 && string(w.Regions) != "null" {
		var list []string
		if err := json.Unmarshal(w.Regions, &list); err != nil {
			var one string
			if err := json.Unmarshal(w.Regions, &one); err != nil {
				return p, checker.Invalidf("regions", "regions must be a list of ISO 3166-1 alpha-2 codes such as [\"US\",\"GB\"]")
			}
			list = SplitList(one)
		}
		p.Regions = list
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.Regions = checker.NormaliseRegions(p.Regions)
	return p, nil
}

// SplitList splits "US, GB;NO" into its items.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '|' })
}

// ParseTime reads a scheduled time: RFC 3339 (with or without seconds), or
// a date alone (midnight UTC).
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time such as 2026-05-01T09:30:00Z", s)
}
