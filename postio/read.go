package postio

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// Format is a kind of input file.
type Format string

// The input formats.
const (
	FormatAuto  Format = "auto" // by file extension, else by content
	FormatJSONL Format = "jsonl"
	FormatJSON  Format = "json"
	FormatCSV   Format = "csv"
	FormatText  Format = "text" // the whole input is one post's text
)

// Formats lists the formats ParseFormat accepts.
var Formats = []Format{FormatAuto, FormatText, FormatJSON, FormatJSONL, FormatCSV}

// ParseFormat reads a format name (as --input takes it).
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if f == "" {
		return FormatAuto, nil
	}
	if f == "ndjson" {
		return FormatJSONL, nil
	}
	for _, g := range Formats {
		if f == g {
			return f, nil
		}
	}
	return "", checker.Errorf(checker.ECodeInvalid, "input", "unknown input format %q (want auto, text, json, jsonl or csv)", s)
}

// DetectFormat chooses a format from a file name: .jsonl/.ndjson, .json and
// .csv by extension, .txt and .md as text; anything else (and stdin, "-")
// is FormatAuto: Sniff decides from the content.
func DetectFormat(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".json":
		return FormatJSON
	case ".csv":
		return FormatCSV
	case ".txt", ".md", ".text":
		return FormatText
	}
	return FormatAuto
}

// Sniff recognises a batch by its content, so posts piped on stdin are not
// taken for one post's text: a JSON array or object (one object per line is
// JSONL), or a CSV whose header is one Preflight reads. Anything else is
// one post's text. It looks at the first line or value only.
func Sniff(data []byte) Format {
	trim := bytes.TrimLeft(data, " \t\r\n")
	if len(trim) == 0 {
		return FormatText
	}
	next := func() byte {
		rest := bytes.TrimLeft(trim[1:], " \t\r\n")
		if len(rest) == 0 {
			return 0
		}
		return rest[0]
	}
	switch trim[0] {
	case '[':
		if c := next(); c == '{' || c == ']' {
			return FormatJSON
		}
	case '{':
		if c := next(); c == '"' || c == '}' {
			first := trim
			if i := bytes.IndexByte(trim, '\n'); i >= 0 {
				first = trim[:i]
			}
			if json.Valid(bytes.TrimSpace(first)) {
				return FormatJSONL
			}
			return FormatJSON
		}
	}
	first := trim
	if i := bytes.IndexByte(trim, '\n'); i >= 0 {
		first = trim[:i]
	}
	if bytes.IndexByte(first, ',') >= 0 || bytes.IndexByte(first, ';') >= 0 {
		cr := csv.NewReader(bytes.NewReader(first))
		cr.LazyQuotes = true
		if fields, err := cr.Read(); err == nil && len(fields) >= 2 {
			// A header with a misspelt column is still a batch: reading it
			// as CSV reports the column.
			if l, err := detectLayout(fields); err == nil && l.header || checker.ErrorCode(err) == checker.ECodeUnknownField {
				return FormatCSV
			}
		}
	}
	return FormatText
}

// Record is one post read from an input, or the reason it could not be.
// Line is where the record starts (1-based; JSON arrays give the element's
// line); Err is nil for a usable post.
type Record struct {
	Line int
	// Row is the spreadsheet row of a CSV record (the header is row 1);
	// 0 for other formats.
	Row  int
	Post checker.Post
	Err  error
	text textSource // where Post.Text is written; see TextPosition
}

// Options tune reading. The zero value detects everything.
type Options struct {
	// Format overrides detection by file name and content; "" and
	// FormatAuto detect.
	Format Format
	// DateOrder is "dmy" or "mdy" for the CSV formats that write
	// 03/04/2026; empty means detect from the file (mdy when nothing tells).
	DateOrder string
	// Location is the time zone of CSV times that carry none (the
	// scheduling tool's account zone); nil means UTC.
	Location *time.Location
}

// MaxInput bounds what Read accepts, to keep a mistaken upload from eating
// the machine's memory.
const MaxInput = 256 << 20

// Read reads every record of the input named name (used for format
// detection and messages). It returns an error only when the input cannot
// be read at all; problems with single records are in Record.Err.
func Read(r io.Reader, name string) ([]Record, error) { return ReadWith(r, name, Options{}) }

// ReadWith is Read with options.
func ReadWith(r io.Reader, name string, opts Options) ([]Record, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxInput {
		return nil, checker.Errorf(checker.ECodeTooLarge, "", "%s: larger than %d MiB", name, MaxInput>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheet byte-order mark
	f := opts.Format
	if f == "" || f == FormatAuto {
		f = DetectFormat(name)
	}
	if f == FormatAuto {
		f = Sniff(data)
	}
	switch f {
	case FormatJSONL:
		return readJSONL(data), nil
	case FormatJSON:
		return readJSON(data)
	case FormatCSV:
		return readCSV(data, opts)
	case FormatText:
		if !utf8.Valid(data) {
			return []Record{{Line: 1, Err: checker.Errorf(checker.ECodeInvalidUTF8, "text", "input is not valid UTF-8")}}, nil
		}
		p := checker.Post{Text: strings.TrimRight(string(data), "\r\n")}
		return []Record{{Line: 1, Post: p, Err: p.Validate(), text: textSource{raw: data, line: 1, col: 1, kind: 't'}}}, nil
	}
	return nil, checker.Errorf(checker.ECodeInvalid, "input", "unknown input format %q (want auto, text, json, jsonl or csv)", f)
}

func readJSONL(data []byte) []Record {
	var out []Record
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if rec, ok := jsonlRecord(l, line); ok {
			out = append(out, rec)
		}
	}
	return out
}

// jsonlRecord decodes line number line of a JSONL input; false for a blank
// or comment line. The record keeps l (for TextPosition).
func jsonlRecord(l []byte, line int) (Record, bool) {
	lead := len(l) - len(bytes.TrimLeft(l, " \t\r\n"))
	l = bytes.TrimSpace(l)
	if len(l) == 0 || l[0] == '#' {
		return Record{}, false
	}
	p, textOff, err := decodePost(l)
	rec := Record{Line: line, Post: p, Err: atLine(err, line)}
	if textOff >= 0 {
		c := newCursor(l)
		_, col := c.to(textOff)
		rec.text = textSource{raw: l[textOff:], line: line, col: col + lead, kind: 'j'}
	}
	return rec, true
}

// readJSON accepts one post object or an array of them; an element that is
// not a usable post is reported with the line it starts on.
func readJSON(data []byte) ([]Record, error) {
	trim := bytes.TrimSpace(data)
	if len(trim) == 0 {
		return nil, checker.Errorf(checker.ECodeMalformedJSON, "", "empty JSON input")
	}
	cur := newCursor(data)
	if trim[0] != '[' {
		start := bytes.Index(data, trim[:1])
		line, _ := cur.to(start)
		p, textOff, err := decodePost(trim)
		rec := Record{Line: line, Post: p, Err: atLine(err, line)}
		if textOff >= 0 {
			rec.text = cur.source(start+textOff, 'j')
		}
		return []Record{rec}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(err)
	}
	var out []Record
	for dec.More() {
		var raw json.RawMessage
		start := skipSpace(data, int(dec.InputOffset()))
		line, _ := cur.to(start)
		if err := dec.Decode(&raw); err != nil {
			// The array is broken from here on: report it and keep what
			// was read before.
			out = append(out, Record{Line: line, Err: atLine(jsonError(err), line)})
			return out, nil
		}
		p, textOff, err := decodePost(raw)
		rec := Record{Line: line, Post: p, Err: atLine(err, line)}
		if textOff >= 0 {
			rec.text = cur.source(start+textOff, 'j')
		}
		out = append(out, rec)
	}
	return out, nil
}

// atLine makes the line of a record's error absolute: errors from
// DecodePost count lines from the record's first line, and errors without a
// line get the record's.
func atLine(err error, line int) error {
	var ce *checker.Error
	if !errors.As(err, &ce) {
		return err
	}
	if ce.Line > 0 {
		ce.Line += line - 1
	} else {
		ce.Line = line
	}
	return err
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t' || data[i] == ',') {
		i++
	}
	return i
}

func lineAt(data []byte, off int) int {
	if off < 0 {
		off = 0
	}
	return bytes.Count(data[:min(off, len(data))], []byte("\n")) + 1
}
