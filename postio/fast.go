package postio

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/preflight-dev/preflight/checker"
)

// decodeFast reads a well-formed post in one pass over its tokens, with
// no reflection: the common case of every batch and every API request.
// Anything it does not expect (a syntax error, an unknown or repeated
// field, a value of the wrong type, null) makes it give up (ok false), and
// the reflective decoder reads the post again to give the precise error,
// so the two always agree.
func decodeFast(data []byte) (w wirePost, textOff int, ok bool) {
	textOff = -1
	// A bytes.Buffer is parsed in place, without a copy; repeated names
	// are caught below, case-insensitively, so the decoder need not track
	// them.
	dec := jsontext.NewDecoder(bytes.NewBuffer(data), jsontext.AllowDuplicateNames(true))
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '{' {
		return w, -1, false
	}
	var seen uint16
	for dec.PeekKind() == '"' {
		k, err := dec.ReadToken()
		if err != nil {
			return w, -1, false
		}
		key := k.String()
		field := fieldIndex(key)
		if field < 0 || seen&(1<<field) != 0 {
			return w, -1, false
		}
		seen |= 1 << field
		valueAt := skipColon(data, int(dec.InputOffset()))
		switch PostFields[field] {
		case "id":
			switch dec.PeekKind() {
			case '"':
				v, ok := fastString(dec)
				if !ok {
					return w, -1, false
				}
				w.id = &v
			case '0':
				if err := dec.SkipValue(); err != nil {
					return w, -1, false
				}
				v := string(data[valueAt:dec.InputOffset()])
				w.id = &v
			default:
				return w, -1, false
			}
			w.ID = data[valueAt:dec.InputOffset()]
		case "regions":
			switch dec.PeekKind() {
			case '"':
				v, ok := fastString(dec)
				if !ok {
					return w, -1, false
				}
				w.regions = SplitList(v)
			case '[':
				if w.regions, ok = fastStrings(dec); !ok {
					return w, -1, false
				}
			default:
				return w, -1, false
			}
			w.Regions = data[valueAt:dec.InputOffset()]
		case "media":
			if w.Media, ok = fastMedia(dec); !ok {
				return w, -1, false
			}
		default:
			v, ok := fastString(dec)
			if !ok {
				return w, -1, false
			}
			switch PostFields[field] {
			case "text":
				w.Text, textOff = &v, valueAt
			case "scheduled_at":
				w.ScheduledAt = v
			case "platform":
				w.Platform = v
			case "kind":
				w.Kind = v
			case "brand":
				w.Brand = v
			case "language":
				w.Language = v
			case "in_reply_to":
				w.InReplyTo = v
			default:
				return w, -1, false
			}
		}
	}
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '}' {
		return w, -1, false
	}
	if _, err := dec.ReadToken(); !errors.Is(err, io.EOF) {
		return w, -1, false
	}
	return w, textOff, true
}

// fieldIndex is the index in PostFields of a key, matched without regard
// to case as encoding/json matches it; -1 for an unknown key.
func fieldIndex(key string) int {
	for i, f := range PostFields {
		if len(f) == len(key) && strings.EqualFold(f, key) {
			return i
		}
	}
	return -1
}

// fastString reads a string value.
func fastString(dec *jsontext.Decoder) (string, bool) {
	if dec.PeekKind() != '"' {
		return "", false
	}
	t, err := dec.ReadToken()
	if err != nil {
		return "", false
	}
	return t.String(), true
}

// fastStrings reads a list of strings.
func fastStrings(dec *jsontext.Decoder) ([]string, bool) {
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '[' {
		return nil, false
	}
	list := []string{}
	for dec.PeekKind() == '"' {
		v, ok := fastString(dec)
		if !ok {
			return nil, false
		}
		list = append(list, v)
	}
	if t, err := dec.ReadToken(); err != nil || t.Kind() != ']' {
		return nil, false
	}
	return list, true
}

// fastMedia reads a list of media objects with only the url and alt
// fields, each at most once.
func fastMedia(dec *jsontext.Decoder) ([]checker.Media, bool) {
	if t, err := dec.ReadToken(); err != nil || t.Kind() != '[' {
		return nil, false
	}
	media := []checker.Media{}
	for dec.PeekKind() == '{' {
		if _, err := dec.ReadToken(); err != nil {
			return nil, false
		}
		var m checker.Media
		var seen [2]bool
		for dec.PeekKind() == '"' {
			k, err := dec.ReadToken()
			if err != nil {
				return nil, false
			}
			key := k.String() // the token is only valid until the next read
			v, ok := fastString(dec)
			if !ok {
				return nil, false
			}
			switch {
			case strings.EqualFold(key, "url") && !seen[0]:
				m.URL, seen[0] = v, true
			case strings.EqualFold(key, "alt") && !seen[1]:
				m.Alt, seen[1] = v, true
			default:
				return nil, false
			}
		}
		if t, err := dec.ReadToken(); err != nil || t.Kind() != '}' {
			return nil, false
		}
		media = append(media, m)
	}
	if t, err := dec.ReadToken(); err != nil || t.Kind() != ']' {
		return nil, false
	}
	return media, true
}
