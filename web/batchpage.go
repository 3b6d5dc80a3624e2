package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
)

// batchRow is one uploaded post and what became of it.
type batchRow struct {
	Line     int
	Post     checker.Post
	Report   checker.Report
	Err      *apiError
	Segments []segment
	Findings []findingView
}

// rank orders rows risky first: blocked, then review, then errors, then
// passes; higher scores first within a verdict; then input order.
func (r *batchRow) rank() int {
	switch {
	case r.Err != nil:
		return 2
	case r.Report.Verdict == checker.VerdictBlock:
		return 0
	case r.Report.Verdict == checker.VerdictReview:
		return 1
	}
	return 3
}

type batchResult struct {
	Token   string
	Name    string
	Rows    []batchRow
	Counts  map[string]int
	created time.Time
}

// batchStore keeps recent batch results in memory so the page can offer
// them as CSV and JSONL downloads; it holds at most max results for ttl.
type batchStore struct {
	mu   sync.Mutex
	max  int
	ttl  time.Duration
	byID map[string]*batchResult
}

func newBatchStore(max int, ttl time.Duration) *batchStore {
	return &batchStore{max: max, ttl: ttl, byID: map[string]*batchResult{}}
}

func (b *batchStore) put(r *batchResult, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, old := range b.byID {
		if now.Sub(old.created) > b.ttl {
			delete(b.byID, id)
		}
	}
	for len(b.byID) >= b.max {
		var oldest string
		for id, old := range b.byID {
			if oldest == "" || old.created.Before(b.byID[oldest].created) {
				oldest = id
			}
		}
		delete(b.byID, oldest)
	}
	r.created = now
	b.byID[r.Token] = r
}

func (b *batchStore) get(id string, now time.Time) *batchResult {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := b.byID[id]
	if r == nil || now.Sub(r.created) > b.ttl {
		return nil
	}
	return r
}

type batchView struct {
	Title  string
	Result *batchResult
	Error  *apiError
	// Platforms fills the defaults' platform field.
	Platforms []option
}

// newBatchView is the batch page around a result or an error.
func (s *Server) newBatchView() batchView {
	v := batchView{Title: "Check a batch"}
	for _, p := range checker.Platforms {
		v.Platforms = append(v.Platforms, option{Value: string(p), Label: platformLabel(p)})
	}
	return v
}

// handleBatchPage is GET /batch.
func (s *Server) handleBatchPage(c *fiber.Ctx) error {
	return s.render(c, http.StatusOK, s.pages.batch, s.newBatchView())
}

// handleBatchUpload is POST /batch: check every post of the uploaded file
// and show the annotated table, risky posts first.
func (s *Server) handleBatchUpload(c *fiber.Ctx) error {
	view := s.newBatchView()
	who := client(c)
	if err := s.batchSlots.acquire(who); err != nil {
		return err
	}
	defer s.batchSlots.release(who)
	defaults, err := s.formDefaults(c)
	if err != nil {
		view.Error = problem(err)
		return s.render(c, view.Error.Status, s.pages.batch, view)
	}
	fh, err := c.FormFile("file")
	if err != nil {
		view.Error = newError(http.StatusBadRequest, CodeEmptyBody, "file", "choose a CSV or JSONL file to upload")
		return s.render(c, view.Error.Status, s.pages.batch, view)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(s.opts.BatchBodyLimit)+1))
	if err != nil {
		return err
	}
	recs, err := s.readUpload(data, path.Base(fh.Filename), defaults.Read)
	if err != nil {
		view.Error = problem(err)
		return s.render(c, view.Error.Status, s.pages.batch, view)
	}
	if len(recs) > s.opts.BatchMaxPosts {
		view.Error = newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "file", fmt.Sprintf("the file has %d posts; at most %d are accepted (service.batch_max_posts)", len(recs), s.opts.BatchMaxPosts))
		return s.render(c, view.Error.Status, s.pages.batch, view)
	}
	if err := s.take(s.limiter, who, float64(len(recs))); err != nil {
		return err
	}
	for i := range recs {
		if recs[i].Err == nil {
			defaults.apply(&recs[i].Post)
		}
	}
	res := &batchResult{Token: newToken(), Name: fh.Filename, Counts: map[string]int{}}
	res.Rows = s.checkRecords(c.UserContext(), recs)
	for _, r := range res.Rows {
		if r.Err != nil {
			res.Counts["error"]++
		} else {
			res.Counts[string(r.Report.Verdict)]++
		}
	}
	s.batches.put(res, s.now())
	view.Result = res
	return s.render(c, http.StatusOK, s.pages.batch, view)
}

// readUpload reads an upload with the configured reader.
func (s *Server) readUpload(data []byte, name string, opts ReadOptions) ([]Record, error) {
	if len(data) > s.opts.BatchBodyLimit {
		return nil, newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "file", fmt.Sprintf("the file is larger than the %d bytes the service accepts (service.batch_body_limit)", s.opts.BatchBodyLimit))
	}
	recs, err := s.read(bytes.NewReader(data), name, opts)
	if err != nil {
		return nil, &apiError{Status: http.StatusUnsupportedMediaType, Code: CodeUnsupportedMedia, Field: "file", Message: "could not read the file: " + err.Error(), err: err}
	}
	return recs, nil
}

// readPostio is the default upload reader.
func readPostio(r io.Reader, name string, opts ReadOptions) ([]Record, error) {
	recs, err := postio.ReadWith(r, name, postio.Options{DateOrder: opts.DateOrder, Location: opts.Location})
	out := make([]Record, len(recs))
	for i, rec := range recs {
		out[i] = Record{Line: rec.Line, Post: rec.Post, Err: rec.Err}
	}
	return out, err
}

// checkRecords checks every record (on a few workers) and sorts the rows
// risky first.
func (s *Server) checkRecords(ctx context.Context, recs []Record) []batchRow {
	rows := make([]batchRow, len(recs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, rec := range recs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			row := batchRow{Line: rec.Line, Post: rec.Post}
			err := rec.Err
			if err != nil && problem(err).Code == CodeInternal {
				// The reader's own errors are about the input.
				err = &apiError{Status: http.StatusBadRequest, Code: CodeInvalid, Message: err.Error(), err: err}
			}
			if err == nil {
				err = validatePost(&row.Post)
			}
			if err == nil {
				cctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout)
				row.Report, err = s.checkCtx(cctx, rec.Post)
				cancel()
			}
			if err != nil {
				row.Err = problem(err)
			} else {
				row.Post = row.Report.Post
				rv := newResult(row.Report)
				row.Segments, row.Findings = rv.Segments, rv.Findings
			}
			rows[i] = row
		}()
	}
	wg.Wait()
	slices.SortStableFunc(rows, func(a, b batchRow) int {
		if d := a.rank() - b.rank(); d != 0 {
			return d
		}
		if d := b.Report.Score - a.Report.Score; d != 0 {
			return d
		}
		return a.Line - b.Line
	})
	return rows
}

func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// handleBatchDownload is GET /batch/:token.csv or .jsonl.
func (s *Server) handleBatchDownload(c *fiber.Ctx) error {
	res := s.batches.get(c.Params("token"), s.now())
	if res == nil {
		return newError(http.StatusNotFound, CodeNotFound, "", "this batch result has expired; upload the file again")
	}
	base := strings.TrimSuffix(path.Base(res.Name), path.Ext(res.Name)) + "-preflight"
	switch c.Params("format") {
	case "csv":
		c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename=%q`, base+".csv"))
		var b bytes.Buffer
		writeBatchCSV(&b, res.Rows)
		return c.Send(b.Bytes())
	case "jsonl":
		c.Set(fiber.HeaderContentType, "application/x-ndjson")
		c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename=%q`, base+".jsonl"))
		var b bytes.Buffer
		for _, r := range res.Rows {
			b.Write(rowJSON(r))
			b.WriteByte('\n')
		}
		return c.Send(b.Bytes())
	}
	return newError(http.StatusNotFound, CodeNotFound, "format", "download as .csv or .jsonl")
}

func rowJSON(r batchRow) []byte {
	if r.Err != nil {
		b, _ := json.Marshal(struct {
			Line  int       `json:"line"`
			ID    string    `json:"id,omitempty"`
			Error *apiError `json:"error"`
		}{r.Line, r.Post.ID, r.Err})
		return b
	}
	rb, _ := json.Marshal(r.Report)
	return joinObjects([]byte(`{"line":`+strconv.Itoa(r.Line)+`}`), rb)
}

// writeBatchCSV writes the annotated table: one row per post, risky first.
func writeBatchCSV(w io.Writer, rows []batchRow) {
	cw := csv.NewWriter(w)
	cw.Write([]string{"line", "id", "verdict", "score", "platform", "scheduled_at", "text", "findings", "suggestions", "error"})
	for _, r := range rows {
		var fs, sug []string
		for _, f := range r.Report.Findings {
			s := fmt.Sprintf("[%s] %s: %s", f.Severity, f.Rule, f.Message)
			if f.Match != "" {
				s += fmt.Sprintf(" (%q)", f.Match)
			}
			fs = append(fs, s)
			if f.Suggestion != "" {
				sug = append(sug, f.Suggestion)
			}
		}
		sched := ""
		if !r.Post.ScheduledAt.IsZero() {
			sched = r.Post.ScheduledAt.Format(time.RFC3339)
		}
		errMsg, verdict, score := "", string(r.Report.Verdict), strconv.Itoa(r.Report.Score)
		if r.Err != nil {
			errMsg, verdict, score = r.Err.Code+": "+r.Err.Message, "error", ""
		}
		row := []string{strconv.Itoa(r.Line), r.Post.ID, verdict, score, string(r.Post.Platform), sched,
			r.Post.Text, strings.Join(fs, "\n"), strings.Join(sug, "\n"), errMsg}
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		cw.Write(row)
	}
	cw.Flush()
}

// csvSafe defuses spreadsheet formula injection: a cell a spreadsheet would
// read as a formula (= + - @, or a leading tab or CR) gets a leading
// apostrophe. Every cell goes through it, since ids, matches and messages
// all carry text from the upload.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
