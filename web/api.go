package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
)

// handleCheck is POST /v1/check: one post in, one report out.
func (s *Server) handleCheck(c *fiber.Ctx) error {
	body, err := rawBody(c)
	if err != nil {
		return err
	}
	if len(body) > s.opts.BodyLimit {
		return newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "",
			fmt.Sprintf("the body is %d bytes; /v1/check takes at most %d (use /v1/check/batch for many posts)", len(body), s.opts.BodyLimit))
	}
	p, err := decodePost(body)
	if err != nil {
		return err
	}
	rep, err := s.check(c, p)
	if err != nil {
		return err
	}
	return sendReport(c, &rep)
}

// sendReport writes a report as the JSON body, encoded without reflection
// (checker.Report.AppendJSON): the service's hot path. The report is
// encoded into a pooled buffer and copied into the response's own, which
// the server reuses from request to request.
func sendReport(c *fiber.Ctx, rep *checker.Report) error {
	bp := reportBuffers.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= maxPooledReport {
			reportBuffers.Put(bp)
		}
	}()
	b, err := rep.AppendJSON((*bp)[:0])
	*bp = b[:0]
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	c.Response().SetBody(b)
	return nil
}

// reportBuffers hold encoded reports between requests; a buffer grown past
// maxPooledReport (a report with hundreds of findings) is let go.
var reportBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

const maxPooledReport = 64 << 10

// batchItem is one post of a batch, or why it could not be read.
type batchItem struct {
	line int
	post checker.Post
	err  error
}

// splitBatch reads a JSON array or JSONL body into items with their line
// numbers. A line that is not a post becomes an item with an error; a
// broken array ends the batch with an error item. It stops after limit+1
// items (limit <= 0: no limit), so an over-long batch is not decoded whole
// only to be refused.
func splitBatch(body []byte, limit int) []batchItem {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return splitArray(body, limit)
	}
	var items []batchItem
	for i, rest := 0, body; len(rest) > 0 && (limit <= 0 || len(items) <= limit); i++ {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		rest = tail
		line = bytes.TrimSpace(line)
		if i == 0 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		p, err := decodePost(line)
		items = append(items, batchItem{line: i + 1, post: p, err: atLine(err, i+1)})
	}
	return items
}

func splitArray(body []byte, limit int) []batchItem {
	dec := json.NewDecoder(bytes.NewReader(body))
	// lineAt counts lines forward from the last offset asked (offsets
	// only grow), so positioning every element costs one pass.
	line, seen := 1, 0
	lineAt := func(off int64) int {
		if o := min(int(off), len(body)); o > seen {
			line += bytes.Count(body[seen:o], []byte("\n"))
			seen = o
		}
		return line
	}
	if _, err := dec.Token(); err != nil {
		return []batchItem{{line: 1, err: jsonError(err)}}
	}
	var items []batchItem
	for dec.More() && (limit <= 0 || len(items) <= limit) {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			off := dec.InputOffset()
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = se.Offset
			}
			return append(items, batchItem{line: lineAt(off), err: jsonError(err)})
		}
		// InputOffset before Decode sits before the separator; skip it.
		off := start + int64(len(body[start:])-len(bytes.TrimLeft(body[start:], " \t\r\n,")))
		p, err := decodePost(raw)
		items = append(items, batchItem{line: lineAt(off), post: p, err: atLine(err, lineAt(off))})
	}
	if limit > 0 && len(items) > limit {
		return items
	}
	if _, err := dec.Token(); err != nil {
		items = append(items, batchItem{line: lineAt(dec.InputOffset()), err: jsonError(err)})
	}
	return items
}

// handleBatch is POST /v1/check/batch: a JSON array or JSONL of posts in,
// one JSONL line per post out, in input order, streamed as they are
// checked. A post that cannot be read or checked gets an error line with
// its line number; the others are still checked.
//
// A batch holds one of the client's batch slots until its last line is
// written, and is charged one rate-limit token per post.
func (s *Server) handleBatch(c *fiber.Ctx) error {
	body, err := rawBody(c)
	if err != nil {
		return err
	}
	defaults, err := s.queryDefaults(c)
	if err != nil {
		return err
	}
	who := client(c)
	if err := s.batchSlots.acquire(who); err != nil {
		return err
	}
	streaming := false
	defer func() {
		if !streaming {
			s.batchSlots.release(who)
		}
	}()
	var items []batchItem
	if ct := strings.ToLower(c.Get(fiber.HeaderContentType)); strings.HasPrefix(ct, "text/csv") {
		// A scheduling tool's bulk CSV (Hootsuite, Buffer, Sprout Social).
		recs, err := s.read(bytes.NewReader(body), "batch.csv", defaults.Read)
		if err != nil {
			return &apiError{Status: http.StatusUnsupportedMediaType, Code: CodeUnsupportedMedia, Message: "could not read the CSV: " + err.Error(), err: err}
		}
		for _, r := range recs {
			err := r.Err
			if err != nil && problem(err).Code == CodeInternal {
				err = &apiError{Status: http.StatusBadRequest, Code: CodeInvalid, Message: err.Error(), err: err}
			}
			if err == nil {
				err = validatePost(&r.Post)
			}
			items = append(items, batchItem{line: r.Line, post: r.Post, err: err})
		}
	} else {
		items = splitBatch(body, s.opts.BatchMaxPosts)
	}
	if len(items) == 0 {
		return newError(http.StatusBadRequest, CodeEmptyBody, "", "send posts as a JSON array or one JSON object per line (JSONL)")
	}
	if len(items) > s.opts.BatchMaxPosts {
		return newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "",
			fmt.Sprintf("the batch has more than %d posts, the most accepted per request (service.batch_max_posts); split it", s.opts.BatchMaxPosts))
	}
	if err := s.take(s.limiter, who, float64(len(items))); err != nil {
		return err
	}
	for i := range items {
		if items[i].err == nil {
			defaults.apply(&items[i].post)
		}
	}
	c.Set(fiber.HeaderContentType, "application/x-ndjson")
	c.Set("X-Content-Type-Options", "nosniff")
	streaming = true
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer s.batchSlots.release(who)
		s.runBatch(context.Background(), items, func(line []byte) error {
			w.Write(line)
			w.WriteByte('\n')
			return nil
		}, w.Flush)
	})
	return nil
}

// runBatch checks items on every core through checker.Pipeline, the
// runner the CLI uses, and hands each result line to emit in input order;
// flush is called every few lines so a client sees results as they come.
func (s *Server) runBatch(ctx context.Context, items []batchItem, emit func([]byte) error, flush func() error) {
	workers := runtime.GOMAXPROCS(0)
	n := 0
	checker.Pipeline(ctx, slices.Values(items), workers, s.batchLine, func(_ batchItem, line []byte) error {
		if err := emit(line); err != nil {
			return err
		}
		if n++; n%(4*workers) == 0 || n == len(items) {
			return flush()
		}
		return nil
	})
}

// batchLine checks one item and renders its JSONL line.
func (s *Server) batchLine(ctx context.Context, it batchItem) []byte {
	var rep checker.Report
	err := it.err
	if err == nil {
		cctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout)
		rep, err = s.checkCtx(cctx, it.post)
		cancel()
	}
	if err != nil {
		p := problem(err)
		if p.Status >= 500 {
			s.log.Error("batch check failed", "line", it.line, "err", err)
		}
		b, _ := json.Marshal(struct {
			Line  int       `json:"line"`
			ID    string    `json:"id,omitempty"`
			Error *apiError `json:"error"`
		}{it.line, it.post.ID, p})
		return b
	}
	b := strconv.AppendInt(append(make([]byte, 0, 1024), `{"line":`...), int64(it.line), 10)
	b = append(b, ',')
	mark := len(b)
	b, err = rep.AppendJSON(b)
	if err != nil {
		b, _ := json.Marshal(map[string]any{"line": it.line, "error": problem(err)})
		return b
	}
	return append(b[:mark], b[mark+1:]...) // {"line":n,"id":…}
}

// calendarResponse is the answer of GET /v1/calendar.
type calendarResponse struct {
	From        time.Time            `json:"from"`
	To          time.Time            `json:"to"`
	Regions     []string             `json:"regions"`
	Observances []checker.Observance `json:"observances"`
}

// handleCalendar is GET /v1/calendar?region=US&region=GB&from=&to=.
func (s *Server) handleCalendar(c *fiber.Ctx) error {
	if s.calendar == nil {
		return newError(http.StatusServiceUnavailable, CodeUnavailable, "", "no calendar is configured")
	}
	regions, err := s.queryRegions(c)
	if err != nil {
		return err
	}
	if len(regions) == 0 {
		return newError(http.StatusBadRequest, CodeBadRegion, "region", "give at least one region, e.g. ?region=US&region=GB (no default regions are configured)")
	}
	now := s.now().UTC()
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if v := c.Query("from"); v != "" {
		if from, err = parseDateOrTime(v); err != nil {
			return newError(http.StatusBadRequest, CodeBadTime, "from", fmt.Sprintf("from %q is not a date (2026-11-24) or an RFC 3339 time", v))
		}
	}
	to := from.AddDate(0, 0, 7)
	if v := c.Query("to"); v != "" {
		if to, err = parseDateOrTime(v); err != nil {
			return newError(http.StatusBadRequest, CodeBadTime, "to", fmt.Sprintf("to %q is not a date (2026-12-01) or an RFC 3339 time", v))
		}
	}
	if !to.After(from) {
		return newError(http.StatusBadRequest, CodeBadTime, "to", "to must be after from")
	}
	if to.Sub(from) > 366*24*time.Hour {
		return newError(http.StatusBadRequest, CodeInvalid, "to", "the range is longer than 366 days")
	}
	return c.JSON(calendarResponse{From: from, To: to, Regions: regions, Observances: s.observances(regions, from, to)})
}

// observances merges the regions' observances by start time.
func (s *Server) observances(regions []string, from, to time.Time) []checker.Observance {
	out := []checker.Observance{}
	for _, r := range regions {
		out = append(out, s.calendar.Between(r, from, to)...)
	}
	slices.SortStableFunc(out, func(a, b checker.Observance) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Region, b.Region)
	})
	return out
}

// parseDateOrTime reads a date (YYYY-MM-DD) or an RFC 3339 time.
func parseDateOrTime(v string) (time.Time, error) { return postio.ParseTime(v) }

// queryRegions reads ?region=US&region=GB (or region=US,GB), checks each
// against the calendar's regions, and defaults to the profile's regions.
func (s *Server) queryRegions(c *fiber.Ctx) ([]string, error) {
	var raw []string
	for _, key := range []string{"region", "regions"} {
		for _, v := range c.Context().QueryArgs().PeekMulti(key) {
			raw = append(raw, strings.Split(string(v), ",")...)
		}
	}
	if len(raw) == 0 {
		raw = s.engine.Profile().Regions
	}
	return s.checkRegions(checker.NormaliseRegions(raw))
}

// newsResponse is the answer of GET /v1/news/search.
type newsResponse struct {
	Query    string            `json:"query,omitempty"`
	At       time.Time         `json:"at"`
	Articles []checker.Article `json:"articles"`
}

// handleNewsSearch is GET /v1/news/search?q=&at=&limit=: articles
// published at or before at that match q; without q, the crisis news of the
// window before at for the given regions.
func (s *Server) handleNewsSearch(c *fiber.Ctx) error {
	if s.news == nil {
		return newError(http.StatusServiceUnavailable, CodeUnavailable, "", "no news index is open; import or poll news first (preflight news)")
	}
	at := s.now()
	if v := c.Query("at"); v != "" {
		t, err := postio.ParseTime(v)
		if err != nil {
			return newError(http.StatusBadRequest, CodeBadTime, "at", fmt.Sprintf("at %q is not an RFC 3339 time", v))
		}
		at = t
	}
	limit := c.QueryInt("limit", 10)
	if limit < 1 || limit > 100 {
		return newError(http.StatusBadRequest, CodeInvalid, "limit", "limit must be between 1 and 100")
	}
	q := strings.TrimSpace(c.Query("q"))
	if len(q) > 1000 {
		return newError(http.StatusBadRequest, CodeInvalid, "q", "q is longer than 1,000 bytes")
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), s.opts.CheckTimeout)
	defer cancel()
	var arts []checker.Article
	var err error
	if q != "" {
		arts, err = s.news.Lookup(ctx, q, at, limit)
	} else {
		window := 72 * time.Hour
		if v := c.Query("window"); v != "" {
			if window, err = time.ParseDuration(v); err != nil || window <= 0 {
				return newError(http.StatusBadRequest, CodeInvalid, "window", "window must be a positive duration such as 72h")
			}
		}
		var regions []string
		if regions, err = s.queryRegions(c); err != nil {
			return err
		}
		arts, err = s.news.Search(ctx, checker.NewsQuery{At: at, Window: window, Regions: regions, Limit: limit})
	}
	if err != nil {
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Message: "the news index could not answer", err: err}
	}
	return c.JSON(newsResponse{Query: q, At: at, Articles: trimArticles(arts)})
}

// trimArticles drops bodies (and never returns null) to keep answers small.
func trimArticles(arts []checker.Article) []checker.Article {
	out := make([]checker.Article, 0, len(arts))
	for _, a := range arts {
		a.Body = ""
		out = append(out, a)
	}
	return out
}

func (s *Server) handleHealth(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// handleReady is GET /readyz: ready when the engine is built and the news
// index (if configured) answers.
func (s *Server) handleReady(c *fiber.Ctx) error {
	res := fiber.Map{"status": "ready", "rules": len(s.engine.Rules()), "calendar": s.calendar != nil}
	if s.news == nil {
		res["news"] = "not configured"
		return c.JSON(res)
	}
	if counter, ok := s.news.(interface{ Count() (uint64, error) }); ok {
		n, err := counter.Count()
		if err != nil {
			res["status"], res["news"] = "not ready", "index error: "+err.Error()
			return c.Status(http.StatusServiceUnavailable).JSON(res)
		}
		res["articles"] = n
	}
	res["news"] = "open"
	if l := s.news.Latest(); !l.IsZero() {
		res["news_latest"] = l.UTC()
	}
	return c.JSON(res)
}

// rawBody returns the request body as sent. Compressed bodies are refused:
// decompressing them would bypass the size limits.
func rawBody(c *fiber.Ctx) ([]byte, error) {
	if enc := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); enc != "" && !strings.EqualFold(enc, "identity") {
		return nil, newError(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "", "compressed request bodies (Content-Encoding: "+enc+") are not accepted; send the body uncompressed")
	}
	return c.Request().Body(), nil
}
