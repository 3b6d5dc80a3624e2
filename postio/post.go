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

	// id and regions are ID and Regions already read by decodeFast (nil
	// when not).
	id      *string
	regions []string
}

// PostFields are the JSON fields of a post, as DecodePost reads them.
var PostFields = []string{"id", "text", "scheduled_at", "platform", "kind", "brand", "regions", "language", "media", "in_reply_to"}

// mediaFields are the JSON fields of a media item.
var mediaFields = []string{"url", "alt"}

// DecodePost reads one post from JSON and validates it; errors are
// *checker.Error values that name the field. A field no post has is an
// error (a typo such as "schedule_at" would otherwise be ignored and the
// post judged as of now); its Line counts from the first line of data.
func DecodePost(data []byte) (checker.Post, error) {
	p, _, err := decodePost(data)
	return p, err
}

// decodePost is DecodePost that also says at which byte of data the text's
// JSON string starts (-1 when there is none).
func decodePost(data []byte) (checker.Post, int, error) {
	if !utf8.Valid(data) {
		return checker.Post{}, -1, &checker.Error{Code: checker.ECodeInvalidUTF8, Message: "input is not valid UTF-8"}
	}
	if w, textOff, ok := decodeFast(data); ok {
		p, err := w.post()
		return p, textOff, err
	}
	return decodeReflect(data)
}

// decodeReflect is decodePost through encoding/json, with its precise
// errors, for what decodeFast does not take.
func decodeReflect(data []byte) (checker.Post, int, error) {
	var w wirePost
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&w); err != nil {
		return checker.Post{}, -1, jsonError(err)
	}
	if dec.More() {
		return checker.Post{}, -1, &checker.Error{Code: checker.ECodeMalformedJSON, Message: "invalid JSON: more than one value", Err: ErrMalformedJSON}
	}
	textOff, err := scanKeys(data)
	if err != nil {
		return checker.Post{}, -1, err
	}
	p, err := w.post()
	return p, textOff, err
}

// scanKeys reports the first key of the post object (or of one of its
// media items) that is not a field, with its line and the nearest field,
// and finds where the text's string starts. Keys match case-insensitively,
// as encoding/json matches them.
func scanKeys(data []byte) (textOff int, err error) {
	textOff = -1
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return -1, nil
	}
	for dec.More() {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return textOff, nil
		}
		key, _ := tok.(string)
		line := lineAt(data, skipSpace(data, off))
		if !knownKey(key, PostFields) {
			return -1, unknownField(key, key, PostFields, line)
		}
		valueAt := skipColon(data, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return textOff, nil
		}
		switch {
		case strings.EqualFold(key, "text") && len(raw) > 0 && raw[0] == '"':
			textOff = valueAt
		case strings.EqualFold(key, "media"):
			var items []map[string]json.RawMessage
			if json.Unmarshal(raw, &items) != nil {
				continue
			}
			for i, m := range items {
				for k := range m {
					if !knownKey(k, mediaFields) {
						return -1, unknownField(fmt.Sprintf("media[%d].%s", i, k), k, mediaFields, line)
					}
				}
			}
		}
	}
	return textOff, nil
}

// skipColon skips the space and the colon between a key and its value.
func skipColon(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t' || data[i] == ':') {
		i++
	}
	return i
}

func knownKey(key string, known []string) bool {
	for _, k := range known {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

func unknownField(field, key string, known []string, line int) error {
	return &checker.Error{Code: checker.ECodeUnknownField, Field: field, Line: line,
		Message: fmt.Sprintf("unknown field %q%s; a post has %s", key, checker.DidYouMean(key, known), strings.Join(known, ", "))}
}

// ErrMalformedJSON is wrapped by the errors of input that is not JSON at
// all (as opposed to JSON with a wrong field), so callers can tell them apart.
var ErrMalformedJSON = errors.New("malformed JSON")

func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return &checker.Error{Code: checker.ECodeMalformedJSON, Message: fmt.Sprintf("expected a JSON object with the post's fields, got %s", te.Value), Err: fmt.Errorf("%w: %w", ErrMalformedJSON, err)}
		}
		return &checker.Error{Code: checker.ECodeInvalid, Field: te.Field, Message: fmt.Sprintf("%s must be %s, not %s", te.Field, jsonKind(te.Type.String()), te.Value), Err: err}
	}
	return &checker.Error{Code: checker.ECodeMalformedJSON, Message: "invalid JSON: " + strings.TrimPrefix(err.Error(), "json: "), Err: fmt.Errorf("%w: %w", ErrMalformedJSON, err)}
}

// jsonKind names the JSON a Go type is read from, so messages never show a
// Go type name.
func jsonKind(goType string) string {
	goType = strings.TrimPrefix(goType, "*")
	switch {
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "bool":
		return "true or false"
	}
	return "an object"
}

func (w *wirePost) post() (checker.Post, error) {
	p := checker.Post{Brand: w.Brand, Language: w.Language, Media: w.Media, InReplyTo: w.InReplyTo}
	if w.id != nil {
		p.ID = *w.id
	} else if len(w.ID) > 0 && string(w.ID) != "null" {
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
		return p, checker.Errorf(checker.ECodeMissingText, "text", "text is required")
	}
	p.Text = *w.Text
	if w.ScheduledAt != "" {
		t, err := ParseTime(w.ScheduledAt)
		if err != nil {
			return p, checker.Errorf(checker.ECodeBadTime, "scheduled_at", "%v", err)
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
	if w.regions != nil {
		p.Regions = w.regions
	} else if len(w.Regions) > 0 && string(w.Regions) != "null" {
		var list []string
		if err := json.Unmarshal(w.Regions, &list); err != nil {
			var one string
			if err := json.Unmarshal(w.Regions, &one); err != nil {
				return p, checker.Errorf(checker.ECodeBadRegion, "regions", "regions must be a list of ISO 3166-1 alpha-2 codes such as [\"US\",\"GB\"]")
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
