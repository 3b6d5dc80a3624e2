package postio

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// textSource is where a record's text is written in its input, so an
// offset in the text can be turned into a line and column of the file.
type textSource struct {
	raw       []byte // the input from the text's first byte (JSON and quoted CSV: the opening quote) on
	line, col int    // of raw[0]; col in UTF-16 code units, from 1
	kind      byte   // 'j' a JSON string, 'c' a CSV field, 't' plain text
}

// TextPosition returns the line and column in the input of the code point
// at offset off of the post's text (off may be the text's length, for the
// end of a span). Columns count UTF-16 code units from 1, SARIF's default
// unit. ok is false when the record does not know where its text is written
// or off is past what is written there (a link a CSV layout appends from
// another column, say).
func (r *Record) TextPosition(off int) (line, col int, ok bool) {
	s := &r.text
	if s.raw == nil || off < 0 {
		return 0, 0, false
	}
	b := s.raw
	line, col = s.line, s.col
	i := 0
	quoted := s.kind != 't' && len(b) > 0 && b[0] == '"'
	if quoted {
		i, col = 1, col+1
	}
	for n := 0; n < off; n++ {
		if i >= len(b) {
			if s.kind == 't' && n+1 == off {
				return line, col, true
			}
			return 0, 0, false
		}
		c := b[i]
		switch {
		case s.kind == 'j' && c == '\\':
			w := 2
			if i+1 < len(b) && b[i+1] == 'u' {
				w = 6
				if i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' &&
					utf16.IsSurrogate(rune(hex4(b[i+2:i+6]))) && hex4(b[i+2:i+6]) < 0xDC00 && hex4(b[i+8:i+12]) >= 0xDC00 {
					w = 12 // a surrogate pair is one code point
				}
			}
			i, col = i+w, col+w
		case s.kind == 'j' && c == '"',
			s.kind == 'c' && quoted && c == '"' && (i+1 >= len(b) || b[i+1] != '"'),
			s.kind == 'c' && !quoted && (c == ',' || c == '\n' || c == '\r'):
			return 0, 0, false // the end of the field
		case s.kind == 'c' && quoted && c == '"':
			i, col = i+2, col+2 // "" is one quote
		case s.kind == 'c' && c == '\r' && i+1 < len(b) && b[i+1] == '\n':
			i, line, col = i+2, line+1, 1 // the CSV reader reads \r\n in a field as \n
		default:
			r, size := utf8.DecodeRune(b[i:])
			i += size
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col += utf16Len(r)
			}
		}
	}
	return line, col, true
}

func hex4(b []byte) int {
	v := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v*16 + int(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			v = v*16 + int(c|0x20-'a') + 10
		default:
			return -1
		}
	}
	return v
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// cursor walks an input forward, keeping the line and the UTF-16 column,
// so the positions of records read in order cost time linear in the input.
type cursor struct {
	data      []byte
	off, line int
	col       int // UTF-16 column of off, from 1
}

func newCursor(data []byte) *cursor { return &cursor{data: data, line: 1, col: 1} }

// to moves forward to byte offset off (a smaller offset stays where it is)
// and returns its line and column.
func (c *cursor) to(off int) (line, col int) {
	off = min(off, len(c.data))
	if off > c.off {
		seg := c.data[c.off:off]
		if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
			c.line += bytes.Count(seg, []byte("\n"))
			c.col = 1
			seg = seg[nl+1:]
		}
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			c.col += utf16Len(r)
			seg = seg[size:]
		}
		c.off = off
	}
	return c.line, c.col
}

// toLine moves forward to the first byte of line n and returns its offset.
func (c *cursor) toLine(n int) int {
	for c.line < n {
		i := bytes.IndexByte(c.data[c.off:], '\n')
		if i < 0 {
			break
		}
		c.off += i + 1
		c.line++
		c.col = 1
	}
	return c.off
}

// source returns the text source starting at byte offset off.
func (c *cursor) source(off int, kind byte) textSource {
	line, col := c.to(off)
	return textSource{raw: c.data[off:], line: line, col: col, kind: kind}
}
