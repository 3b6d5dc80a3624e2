package postio

import (
	"bytes"
	"encoding/json"
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
	FormatJSONL Format = "jsonl"
	FormatJSON  Format = "json"
	FormatCSV   Format = "csv"
	FormatText  Format = "text" // the whole input is one post's text
)

// DetectFormat chooses a format from a file name: .jsonl/.ndjson, .json and
// .csv by extension; anything else (and stdin, "-") is one post's text.
func DetectFormat(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".json":
		return FormatJSON
	case ".csv":
		return FormatCSV
	}
	return FormatText
}

// Record is one post read from an input, or the reason it could not be.
// Line is where the record starts (1-based; JSON arrays give the element's
// line); Err is nil for a usable post.
type Record struct {
	Line int
	Post checker.Post
	Err  error
}

// Options tune reading. The zero value detects everything.
type Options struct {
	// Format overrides detection by file name.
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
		return nil, fmt.Errorf("%s: larger than %d MiB", name, MaxInput>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheet byte-order mark
	f := opts.Format
	if f == "" {
		f = DetectFormat(name)
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
			return []Record{{Line: 1, Err: checker.Invalidf("text", "input is not valid UTF-8")}}, nil
		}
		p := checker.Post{Text: strings.TrimRight(string(data), "\r\n")}
		return []Record{{Line: 1, Post: p, Err: p.Validate()}}, nil
	}
	return nil, fmt.Errorf("unknown input format %q", f)
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
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		p, err := DecodePost(l)
		out = append(out, Record{Line: line, Post: p, Err: err})
	}
	return out
}

// readJSON accepts one post object or an array of them; an element that is
// not a usable post is reported with the line it starts on.
func readJSON(data []byte) ([]Record, error) {
	trim := bytes.TrimSpace(data)
	if len(trim) == 0 {
		return nil, fmt.Errorf("empty JSON input")
	}
	if trim[0] != '[' {
		p, err := DecodePost(trim)
		return []Record{{Line: lineAt(data, bytes.Index(data, trim[:1])), Post: p, Err: err}}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(err)
	}
	var out []Record
	for dec.More() {
		var raw json.RawMessage
		start := int(dec.InputOffset())
		if err := dec.Decode(&raw); err != nil {
			// The array is broken from here on: report it and keep what
			// was read before.
			out = append(out, Record{Line: lineAt(data, skipSpace(data, start)), Err: jsonError(err)})
			return out, nil
		}
		p, err := DecodePost(raw)
		out = append(out, Record{Line: lineAt(data, skipSpace(data, start)), Post: p, Err: err})
	}
	return out, nil
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
