package checker

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the report's JSON to dst: byte for byte what
// encoding/json writes for it (fields in declaration order, omitempty
// honoured, "findings" never null, strings escaped as json.Marshal escapes
// them, HTML characters included), without reflection. Reports are the
// bulk of what the CLI and the service write, so this is on the hot path
// of every batch. It fails only on a severity out of range.
func (r *Report) AppendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, '{')
	if r.ID != "" {
		dst = append(dst, `"id":`...)
		dst = appendJSONString(dst, r.ID)
		dst = append(dst, ',')
	}
	dst = append(dst, `"verdict":`...)
	dst = appendJSONString(dst, string(r.Verdict))
	dst = append(dst, `,"score":`...)
	dst = strconv.AppendInt(dst, int64(r.Score), 10)
	dst = append(dst, `,"findings":[`...)
	for i := range r.Findings {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = r.Findings[i].appendJSON(dst); err != nil {
			return nil, err
		}
	}
	dst = append(dst, ']')
	if len(r.Skipped) > 0 {
		dst = append(dst, `,"skipped":[`...)
		for i, s := range r.Skipped {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"rule":`...)
			dst = appendJSONString(dst, s.Rule)
			dst = append(dst, `,"reason":`...)
			dst = appendJSONString(dst, s.Reason)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if len(r.Limits) > 0 {
		dst = append(dst, `,"limits":`...)
		dst = appendJSONStrings(dst, r.Limits)
	}
	if len(r.Versions) > 0 {
		dst = append(dst, `,"versions":{`...)
		keys := make([]string, 0, len(r.Versions))
		for k := range r.Versions {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, k)
			dst = append(dst, ':')
			dst = appendJSONString(dst, r.Versions[k])
		}
		dst = append(dst, '}')
	}
	if len(r.Notes) > 0 {
		dst = append(dst, `,"notes":`...)
		dst = appendJSONStrings(dst, r.Notes)
	}
	return append(dst, '}'), nil
}

func (f *Finding) appendJSON(dst []byte) ([]byte, error) {
	if f.Severity < SeverityLow || f.Severity > SeverityCritical {
		return nil, fmt.Errorf("json: error calling MarshalText for type checker.Severity: invalid severity %d", int(f.Severity))
	}
	dst = append(dst, `{"rule":`...)
	dst = appendJSONString(dst, f.Rule)
	dst = append(dst, `,"category":`...)
	dst = appendJSONString(dst, string(f.Category))
	dst = append(dst, `,"severity":"`...)
	dst = append(dst, severityNames[f.Severity]...)
	dst = append(dst, `","message":`...)
	dst = appendJSONString(dst, f.Message)
	if f.Start != nil {
		dst = append(dst, `,"start":`...)
		dst = strconv.AppendInt(dst, int64(*f.Start), 10)
	}
	if f.End != nil {
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, int64(*f.End), 10)
	}
	if f.Match != "" {
		dst = append(dst, `,"match":`...)
		dst = appendJSONString(dst, f.Match)
	}
	if f.Field != "" {
		dst = append(dst, `,"field":`...)
		dst = appendJSONString(dst, f.Field)
	}
	if len(f.Evidence) > 0 {
		dst = append(dst, `,"evidence":[`...)
		for i, e := range f.Evidence {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"type":`...)
			dst = appendJSONString(dst, e.Type)
			dst = append(dst, `,"title":`...)
			dst = appendJSONString(dst, e.Title)
			if e.URL != "" {
				dst = append(dst, `,"url":`...)
				dst = appendJSONString(dst, e.URL)
			}
			if e.Date != "" {
				dst = append(dst, `,"date":`...)
				dst = appendJSONString(dst, e.Date)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	if f.Suggestion != "" {
		dst = append(dst, `,"suggestion":`...)
		dst = appendJSONString(dst, f.Suggestion)
	}
	return append(dst, '}'), nil
}

func appendJSONStrings(dst []byte, ss []string) []byte {
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does with HTML escaping on:
// <, > and & as \u003c, \u003e, \u0026; U+2028 and U+2029 escaped; invalid
// UTF-8 as U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
