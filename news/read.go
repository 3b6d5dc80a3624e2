package news

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/preflight-dev/preflight/checker"
)

// Problem is one unusable record in an input file: a JSONL line (Line is
// 1-based) or a feed item (Item is 1-based, Line 0).
type Problem struct {
	Line    int
	Item    int
	Message string
}

// Where says where the problem is, for "FILE:WHERE: message" output.
func (p Problem) Where() string {
	if p.Line > 0 {
		return fmt.Sprint(p.Line)
	}
	if p.Item > 0 {
		return fmt.Sprintf("item %d", p.Item)
	}
	return "0"
}

// Format names the kinds of file Read understands.
type Format string

// The input formats, detected by content.
const (
	FormatJSONL    Format = "jsonl"
	FormatFeed     Format = "feed" // RSS 2.0 or Atom
	FormatJSONFeed Format = "jsonfeed"
)

// MaxLine bounds one JSONL line.
const MaxLine = 4 << 20

// Read parses news from r, detecting the format by content: JSONL (one
// article object a line), RSS 2.0 or Atom (XML), or JSON Feed. Unusable
// records are returned as problems and skipped; the error is for input that
// cannot be read at all.
func Read(r io.Reader) ([]checker.Article, []Problem, Format, error) {
	var arts []checker.Article
	var probs []Problem
	format, err := ReadEach(r, 0, func(as []checker.Article, ps []Problem) error {
		arts = append(arts, as...)
		probs = append(probs, ps...)
		return nil
	})
	return arts, probs, format, err
}

// ReadEach is Read for large inputs: JSONL is handed to fn every chunk
// lines (default 5000) instead of being held in memory whole; feeds, which
// are small, come in one call. An error from fn stops the reading.
func ReadEach(r io.Reader, chunk int, fn func([]checker.Article, []Problem) error) (Format, error) {
	if chunk <= 0 {
		chunk = 5000
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4096)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	format := FormatJSONL
	switch {
	case len(trimmed) == 0:
		return FormatJSONL, nil
	case trimmed[0] == '<':
		format = FormatFeed
	case trimmed[0] == '{' && looksLikeJSONFeed(trimmed):
		format = FormatJSONFeed
	}
	if format != FormatJSONL {
		arts, probs, err := readFeed(br)
		if err != nil {
			return format, err
		}
		return format, fn(arts, probs)
	}
	return FormatJSONL, readJSONL(br, chunk, fn)
}

var jsonFeedVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"version"\s*:\s*"https?://jsonfeed\.org/`) })

func looksLikeJSONFeed(head []byte) bool { return jsonFeedVersion().Match(head) }

// jsonArticle is the JSONL shape: Article's fields with a lenient
// published time.
type jsonArticle struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Summary   string   `json:"summary"`
	Body      string   `json:"body"`
	URL       string   `json:"url"`
	Source    string   `json:"source"`
	Published string   `json:"published"`
	Language  string   `json:"language"`
	Regions   []string `json:"regions"`
	Crisis    string   `json:"crisis"`
	Severity  float64  `json:"severity"`
	Entities  []string `json:"entities"`
	Hashtags  []string `json:"hashtags"`
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02", time.RFC1123Z, time.RFC1123}

// ParseTime reads a time as people and feeds write it: RFC 3339, with or
// without seconds or zone (UTC assumed), a bare date, or RFC 1123.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read time %q (want RFC 3339, e.g. 2026-05-03T06:00:00Z)", s)
}

func readJSONL(br *bufio.Reader, chunk int, fn func([]checker.Article, []Problem) error) error {
	var arts []checker.Article
	var probs []Problem
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	line := 0
	for sc.Scan() {
		line++
		if len(arts) >= chunk {
			if err := fn(arts, probs); err != nil {
				return err
			}
			arts, probs = nil, nil
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 || b[0] == '#' {
			continue
		}
		var ja jsonArticle
		if err := json.Unmarshal(b, &ja); err != nil {
			probs = append(probs, Problem{Line: line, Message: "not a JSON article: " + jsonMessage(err)})
			continue
		}
		a := checker.Article{ID: ja.ID, Title: strings.TrimSpace(ja.Title), Summary: ja.Summary, Body: ja.Body, URL: ja.URL,
			Source: ja.Source, Language: ja.Language, Regions: ja.Regions, Crisis: checker.CrisisClass(ja.Crisis),
			Severity: ja.Severity, Entities: ja.Entities, Hashtags: ja.Hashtags}
		if ja.Published != "" {
			t, err := ParseTime(ja.Published)
			if err != nil {
				probs = append(probs, Problem{Line: line, Message: "published: " + err.Error()})
				continue
			}
			a.Published = t
		}
		if err := Validate(&a); err != nil {
			probs = append(probs, Problem{Line: line, Message: strings.TrimPrefix(err.Error(), ErrInvalidArticle.Error()+": ")})
			continue
		}
		for i, r := range a.Regions {
			if len(strings.TrimSpace(r)) != 2 {
				probs = append(probs, Problem{Line: line, Message: fmt.Sprintf("regions[%d]: %q is not an ISO 3166-1 alpha-2 code", i, r)})
				a.Title = ""
				break
			}
		}
		if a.Title == "" {
			continue
		}
		arts = append(arts, a)
	}
	err := sc.Err()
	if errors.Is(err, bufio.ErrTooLong) {
		probs = append(probs, Problem{Line: line + 1, Message: fmt.Sprintf("line longer than %d bytes; the rest of the file was not read", MaxLine)})
		err = nil
	}
	if ferr := fn(arts, probs); err == nil {
		err = ferr
	}
	return err
}

func jsonMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

// readFeed parses RSS, Atom or JSON Feed with gofeed.
func readFeed(r io.Reader) ([]checker.Article, []Problem, error) {
	f, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable feed: %w", err)
	}
	arts, probs := FeedArticles(f, Feed{})
	return arts, probs, nil
}

// FeedArticles turns a parsed feed's items into articles; src supplies the
// source name and language when the feed does not. (The poller applies
// src.Regions to articles that name no place.)
func FeedArticles(f *gofeed.Feed, src Feed) ([]checker.Article, []Problem) {
	var arts []checker.Article
	var probs []Problem
	lang := f.Language
	if src.Language != "" {
		lang = src.Language
	}
	source := src.Name
	if source == "" {
		source = strings.TrimSpace(f.Title)
	}
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		a := checker.Article{ID: it.GUID, Title: StripHTML(it.Title), URL: strings.TrimSpace(it.Link), Source: source,
			Language: lang}
		a.Summary = StripHTML(it.Description)
		if c := StripHTML(it.Content); c != "" && c != a.Summary {
			a.Body = c
		}
		if a.Summary == "" && a.Body != "" {
			a.Summary, a.Body = a.Body, ""
		}
		if len(a.Summary) > 2000 {
			a.Summary = a.Summary[:2000]
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil: // Atom: often only <updated>
			a.Published = it.UpdatedParsed.UTC()
		}
		for _, c := range it.Categories {
			if strings.HasPrefix(c, "#") {
				a.Hashtags = append(a.Hashtags, strings.ToLower(strings.TrimPrefix(c, "#")))
			}
		}
		if err := Validate(&a); err != nil {
			probs = append(probs, Problem{Item: i + 1, Message: strings.TrimPrefix(err.Error(), ErrInvalidArticle.Error()+": ")})
			continue
		}
		arts = append(arts, a)
	}
	return arts, probs
}

var (
	tagRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>|<!--.*?-->|<[^>]*>`)
	})
	spaceRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[\s\p{Zs}]+`) })
	punctRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` ([.,;:!?])`) })
)

// StripHTML turns an HTML fragment (as RSS descriptions carry) into plain
// text: tags and scripts dropped, entities decoded, white space collapsed.
func StripHTML(s string) string {
	if plainText(s) {
		return s
	}
	if strings.ContainsAny(s, "<&") {
		s = tagRE().ReplaceAllString(s, " ")
		s = html.UnescapeString(s)
		s = punctRE().ReplaceAllString(spaceRE().ReplaceAllString(s, " "), "$1")
	}
	return strings.TrimSpace(spaceRE().ReplaceAllString(s, " "))
}

// plainText says StripHTML would return s unchanged: ASCII without markup,
// with single spaces between words and none at the ends. Most titles are.
func plainText(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80 || c == '<' || c == '&' || (c < 0x20) || c == 0x7f:
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}
