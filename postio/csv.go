package postio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/preflight-dev/preflight/checker"
)

// csvDialect is one of the bulk-upload layouts Preflight recognises by its
// columns.
type csvDialect string

const (
	dialectNative    csvDialect = "preflight" // our own field names: text, scheduled_at, platform, ...
	dialectHootsuite csvDialect = "hootsuite" // date-time, message, link (header optional)
	dialectBuffer    csvDialect = "buffer"    // Text, Image URL, Tags, Posting Time
	dialectSprout    csvDialect = "sprout"    // date, time_24hr, message_text, link, image_url
)

// csvLayout maps a dialect's columns to post fields.
type csvLayout struct {
	dialect                     csvDialect
	header                      bool
	text, date, clock, datetime int // column indexes; -1 when absent
	link, image, alt            int
	id, platform, kind, brand   int
	regions, language, reply    int
}

// nativeColumns are the columns of Preflight's own CSV layout (with their
// aliases); any other column is an error, as a misspelt one would be lost.
var nativeColumns = []string{"id", "text", "scheduled_at", "scheduled", "date", "platform", "kind", "brand",
	"regions", "region", "language", "lang", "in_reply_to", "media_url", "image_url", "alt", "media_alt", "alt_text", "link"}

func newLayout(d csvDialect) csvLayout {
	return csvLayout{dialect: d, text: -1, date: -1, clock: -1, datetime: -1, link: -1, image: -1, alt: -1,
		id: -1, platform: -1, kind: -1, brand: -1, regions: -1, language: -1, reply: -1}
}

func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// detectLayout recognises the dialect from the first row.
func detectLayout(first []string) (csvLayout, error) {
	cols := map[string]int{}
	for i, h := range first {
		k := headerKey(h)
		if _, dup := cols[k]; !dup {
			cols[k] = i
		}
	}
	col := func(names ...string) int {
		for _, n := range names {
			if i, ok := cols[n]; ok {
				return i
			}
		}
		return -1
	}
	switch {
	case col("message_text") >= 0:
		l := newLayout(dialectSprout)
		l.header = true
		l.text, l.date, l.clock = col("message_text"), col("date"), col("time_24hr", "time")
		l.link, l.image = col("link", "url"), col("image_url", "media_url")
		l.platform = col("network", "profile_type")
		return l, nil
	case col("posting_time") >= 0 && col("text") >= 0:
		l := newLayout(dialectBuffer)
		l.header = true
		l.text, l.datetime, l.image = col("text"), col("posting_time"), col("image_url")
		return l, nil
	case col("text") >= 0:
		for _, h := range first {
			if k := headerKey(h); k != "" && !knownKey(k, nativeColumns) {
				return csvLayout{}, &checker.Error{Code: checker.ECodeUnknownField, Field: k,
					Message: fmt.Sprintf("unknown column %q%s; Preflight's columns are %s", h, checker.DidYouMean(k, nativeColumns), strings.Join(nativeColumns, ", "))}
			}
		}
		l := newLayout(dialectNative)
		l.header = true
		l.text, l.datetime = col("text"), col("scheduled_at", "scheduled", "date")
		l.id, l.platform, l.kind, l.brand = col("id"), col("platform"), col("kind"), col("brand")
		l.regions, l.language, l.reply = col("regions", "region"), col("language", "lang"), col("in_reply_to")
		l.image, l.alt, l.link = col("media_url", "image_url"), col("alt", "media_alt", "alt_text"), col("link")
		return l, nil
	case col("message") >= 0:
		l := newLayout(dialectHootsuite)
		l.header = true
		l.text = col("message")
		l.datetime = col("date", "date_and_time", "datetime", "date_time", "scheduled_date")
		l.link = col("link", "url")
		return l, nil
	}
	// Hootsuite's template may have no header: date-time, message[, link].
	if len(first) >= 2 {
		if _, _, err := splitDate(strings.TrimSpace(first[0])); err == nil {
			l := newLayout(dialectHootsuite)
			l.datetime, l.text = 0, 1
			if len(first) >= 3 {
				l.link = 2
			}
			return l, nil
		}
	}
	return csvLayout{}, checker.Errorf(checker.ECodeMalformedCSV, "", "unrecognised CSV columns %q: want Preflight's (text, scheduled_at, ...), Hootsuite's (date, message, link), Buffer's (Text, Posting Time) or Sprout Social's (date, time_24hr, message_text)", first)
}

func newCSVReader(data []byte) *csv.Reader {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	return cr
}

// csvRow is one record of a CSV file as the csv package reads it.
type csvRow struct {
	line, row int
	fields    []string
	err       error
	text      textSource
}

func readCSV(data []byte, opts Options) ([]Record, error) {
	if !utf8.Valid(data) {
		return nil, checker.Errorf(checker.ECodeInvalidUTF8, "", "CSV is not valid UTF-8 (save it as UTF-8 CSV)")
	}
	// The first readable row decides the layout (and so which column is
	// the text); then every row is read with it.
	first, firstRow := []string(nil), 0
	var firstErr *csvRow
	pre := newCSVReader(data)
	for n := 1; ; n++ {
		fields, err := pre.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, err
			}
			if firstErr == nil {
				firstErr = &csvRow{line: pe.StartLine, err: csvError(pe)}
			}
			continue
		}
		first, firstRow = fields, n
		break
	}
	if first == nil {
		if firstErr != nil {
			return []Record{{Line: firstErr.line, Err: firstErr.err}}, nil
		}
		return nil, nil
	}
	layout, err := detectLayout(first)
	if err != nil {
		var ce *checker.Error
		if errors.As(err, &ce) {
			line, _ := pre.FieldPos(0)
			ce.Line = line
		}
		return nil, err
	}
	cr := newCSVReader(data)
	cur := newCursor(data)
	var body []csvRow
	for n := 1; ; n++ {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, err
			}
			body = append(body, csvRow{line: pe.StartLine, row: n, err: csvError(pe)})
			continue
		}
		if n == firstRow && layout.header {
			continue
		}
		line, _ := cr.FieldPos(0)
		r := csvRow{line: line, row: n, fields: fields}
		if layout.text >= 0 && layout.text < len(fields) {
			fl, fc := cr.FieldPos(layout.text)
			r.text = cur.source(cur.toLine(fl)+fc-1, 'c')
		}
		body = append(body, r)
	}
	order := opts.DateOrder
	if order == "" {
		var dates []string
		for _, r := range body {
			if r.err == nil {
				if i := max(layout.date, layout.datetime); i >= 0 && i < len(r.fields) {
					dates = append(dates, r.fields[i])
				}
			}
		}
		order = detectDateOrder(dates)
	}
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	out := make([]Record, 0, len(body))
	for _, r := range body {
		if r.err != nil {
			out = append(out, Record{Line: r.line, Row: r.row, Err: r.err})
			continue
		}
		if isBlank(r.fields) {
			continue
		}
		p, err := layout.post(r.fields, order, loc)
		out = append(out, Record{Line: r.line, Row: r.row, Post: p, Err: atLine(err, r.line), text: r.text})
	}
	return out, nil
}

func csvError(pe *csv.ParseError) error {
	return &checker.Error{Code: checker.ECodeMalformedCSV, Line: pe.StartLine, Message: fmt.Sprintf("CSV: %v", pe.Err)}
}

func isBlank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (l *csvLayout) post(f []string, order string, loc *time.Location) (checker.Post, error) {
	get := func(i int) string {
		if i < 0 || i >= len(f) {
			return ""
		}
		return strings.TrimSpace(f[i])
	}
	var p checker.Post
	p.Text = get(l.text)
	if l.text >= 0 && l.text < len(f) {
		p.Text = strings.TrimRight(f[l.text], " \r\n")
	}
	if link := get(l.link); link != "" && !strings.Contains(p.Text, link) {
		// The tools publish the link after the message; it counts towards
		// the length, so check the post as it will appear.
		p.Text = strings.TrimSpace(p.Text + " " + link)
	}
	p.ID, p.Brand, p.Language, p.InReplyTo = get(l.id), get(l.brand), get(l.language), get(l.reply)
	if img := get(l.image); img != "" || get(l.alt) != "" {
		p.Media = []checker.Media{{URL: img, Alt: get(l.alt)}}
	}
	if s := get(l.platform); s != "" {
		pl, err := checker.ParsePlatform(s)
		if err != nil {
			return p, err
		}
		p.Platform = pl
	}
	if s := get(l.kind); s != "" {
		k, err := checker.ParseKind(s)
		if err != nil {
			return p, err
		}
		p.Kind = k
	}
	if s := get(l.regions); s != "" {
		p.Regions = SplitList(s)
	}
	when := get(l.datetime)
	field := "scheduled_at"
	if l.date >= 0 {
		when, field = strings.TrimSpace(get(l.date)+" "+get(l.clock)), "date"
	}
	if when != "" {
		t, err := parseCSVTime(when, order, loc)
		if err != nil {
			return p, checker.Errorf(checker.ECodeBadTime, field, "%v", err)
		}
		p.ScheduledAt = t
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	p.Regions = checker.NormaliseRegions(p.Regions)
	return p, nil
}

// splitDate reads the leading a/b/yyyy of a slash date.
func splitDate(s string) (a, b int, err error) {
	d, _, _ := strings.Cut(s, " ")
	parts := strings.Split(d, "/")
	if len(parts) != 3 || len(parts[2]) != 4 {
		if _, e := time.Parse("2006-01-02", d); e == nil {
			return 0, 0, nil
		}
		return 0, 0, fmt.Errorf("not a date")
	}
	if a, err = strconv.Atoi(parts[0]); err != nil {
		return 0, 0, err
	}
	if b, err = strconv.Atoi(parts[1]); err != nil {
		return 0, 0, err
	}
	return a, b, nil
}

// detectDateOrder decides dd/mm against mm/dd from the dates a file holds:
// a first number over 12 means day first, a second over 12 month first.
func detectDateOrder(dates []string) string {
	for _, d := range dates {
		a, b, err := splitDate(strings.TrimSpace(d))
		if err != nil {
			continue
		}
		if a > 12 {
			return "dmy"
		}
		if b > 12 {
			return "mdy"
		}
	}
	return "mdy"
}

func parseCSVTime(s, order string, loc *time.Location) (time.Time, error) {
	if t, err := ParseTime(s); err == nil && strings.ContainsAny(s, "TZ+") {
		return t, nil
	}
	md := "01/02/2006"
	if order == "dmy" {
		md = "02/01/2006"
	}
	for _, layout := range []string{md + " 15:04", md + " 15:04:05", md + " 3:04 PM", md + " 3:04PM", md,
		"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02", "2006/01/02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if order == "dmy" {
		return time.Time{}, fmt.Errorf("%q is not a date and time such as 31/12/2026 14:30", s)
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time such as 12/31/2026 14:30", s)
}
