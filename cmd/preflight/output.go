package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/mattn/go-runewidth"
	"github.com/schollz/progressbar/v3"

	"github.com/preflight-dev/preflight/checker"
)

// reporter writes reports in one output format. Render runs on the
// checking workers, in parallel and in any order, and returns what Report
// then writes (nil for a format that renders while writing); Report and
// Close run on one goroutine, in input order.
type reporter interface {
	Render(it item, rep checker.Report) ([]byte, error)
	Report(it item, rep checker.Report, rendered []byte) error
	Close() error
}

func newReporter(format string, w io.Writer, e *checker.Engine) reporter {
	bw := bufio.NewWriterSize(w, 64<<10)
	switch format {
	case "json":
		return &jsonReporter{w: bw}
	case "jsonl":
		return &jsonlReporter{w: bw}
	case "sarif":
		return &sarifReporter{w: bw, engine: e}
	}
	return &textReporter{w: bw, color: isTerminal(w) && os.Getenv("NO_COLOR") == ""}
}

func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// jsonlReporter writes one report per line, in input order.
type jsonlReporter struct {
	w *bufio.Writer
}

// Render implements reporter.
func (r *jsonlReporter) Render(it item, rep checker.Report) ([]byte, error) {
	b, err := positioned(it, rep)
	return append(b, '\n'), err
}

func (r *jsonlReporter) Report(it item, rep checker.Report, b []byte) error {
	_, err := r.w.Write(b)
	return err
}

func (r *jsonlReporter) Close() error { return r.w.Flush() }

// inputPosition is where a report's post came from: the file, the line it
// starts on and, for CSV, the spreadsheet row.
type inputPosition struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Row  int    `json:"row,omitempty"`
}

// positioned is the report's JSON with the post's input position first;
// the report's own fields are unchanged, so readers of the report contract
// see only new fields.
func positioned(it item, rep checker.Report) ([]byte, error) {
	pos, err := marshal(inputPosition{File: it.file, Line: it.rec.Line, Row: it.rec.Row})
	if err != nil {
		return nil, err
	}
	// {"file":…,"line":…} + {"verdict":…} → {"file":…,"line":…,"verdict":…}
	out := make([]byte, 0, len(pos)+1024)
	out = append(out, pos[:len(pos)-1]...)
	out = append(out, ',')
	mark := len(out)
	if out, err = rep.AppendJSON(out); err != nil {
		return nil, err
	}
	return append(out[:mark], out[mark+1:]...), nil
}

// marshal is json.Marshal without HTML escaping and the trailing newline.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := newEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// jsonReporter writes one JSON array of reports.
type jsonReporter struct {
	w     *bufio.Writer
	count int
}

// Render implements reporter.
func (r *jsonReporter) Render(it item, rep checker.Report) ([]byte, error) {
	raw, err := positioned(it, rep)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "  ", "  "); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (r *jsonReporter) Report(it item, rep checker.Report, b []byte) error {
	if r.count == 0 {
		r.w.WriteString("[\n  ")
	} else {
		r.w.WriteString(",\n  ")
	}
	r.count++
	_, err := r.w.Write(b)
	return err
}

func (r *jsonReporter) Close() error {
	if r.count == 0 {
		r.w.WriteString("[]\n")
	} else {
		r.w.WriteString("\n]\n")
	}
	return r.w.Flush()
}

// textReporter is for people: the verdict, the text with the risky words
// marked under the line, and each finding's why and fix.
type textReporter struct {
	w                      *bufio.Writer
	color                  bool
	total, blocked, review int
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiGreen  = "\x1b[32m"
	ansiCyan   = "\x1b[36m"
)

func (r *textReporter) paint(code, s string) string {
	if !r.color {
		return s
	}
	return code + s + ansiReset
}

func (r *textReporter) verdictColor(v checker.Verdict) string {
	switch v {
	case checker.VerdictBlock:
		return ansiRed + ansiBold
	case checker.VerdictReview:
		return ansiYellow + ansiBold
	}
	return ansiGreen + ansiBold
}

func (r *textReporter) severityColor(s checker.Severity) string {
	switch s {
	case checker.SeverityCritical, checker.SeverityHigh:
		return ansiRed
	case checker.SeverityMedium:
		return ansiYellow
	}
	return ansiCyan
}

// Render implements reporter; text is rendered while writing.
func (r *textReporter) Render(item, checker.Report) ([]byte, error) { return nil, nil }

func (r *textReporter) Report(it item, rep checker.Report, _ []byte) error {
	r.total++
	switch rep.Verdict {
	case checker.VerdictBlock:
		r.blocked++
	case checker.VerdictReview:
		r.review++
	}
	w := r.w
	where := fmt.Sprintf("%s:%d", it.file, it.rec.Line)
	if it.rec.Row > 0 {
		where += fmt.Sprintf(" (row %d)", it.rec.Row)
	}
	if rep.ID != "" {
		where += " (" + rep.ID + ")"
	}
	fmt.Fprintf(w, "%s %s score %d\n", r.paint(ansiBold, where), r.paint(r.verdictColor(rep.Verdict), strings.ToUpper(string(rep.Verdict))), rep.Score)
	r.writeMarked(rep)
	for _, f := range rep.Findings {
		fmt.Fprintf(w, "  %s %s %s\n", r.paint(r.severityColor(f.Severity), fmt.Sprintf("%-8s", f.Severity)), r.paint(ansiDim, f.Rule), f.Message)
		if f.Match != "" {
			loc := ""
			if f.Field != "" {
				loc = " in " + f.Field
			}
			fmt.Fprintf(w, "           words: %q%s\n", f.Match, loc)
		}
		for _, e := range f.Evidence {
			line := "           evidence: " + e.Title
			if e.Date != "" {
				line += " (" + e.Date + ")"
			}
			if e.URL != "" {
				line += " " + e.URL
			}
			fmt.Fprintln(w, line)
		}
		if f.Suggestion != "" {
			fmt.Fprintf(w, "           fix: %s\n", f.Suggestion)
		}
	}
	// Rules skipped for the same reason (no news index) share one line.
	var reasons []string
	byReason := map[string][]string{}
	for _, s := range rep.Skipped {
		if byReason[s.Reason] == nil {
			reasons = append(reasons, s.Reason)
		}
		byReason[s.Reason] = append(byReason[s.Reason], s.Rule)
	}
	for _, reason := range reasons {
		fmt.Fprintf(w, "  %s %s: %s\n", r.paint(ansiDim, "skipped "), strings.Join(byReason[reason], ", "), reason)
	}
	for _, l := range rep.Limits {
		fmt.Fprintf(w, "  %s %s\n", r.paint(ansiYellow, "not judged"), l)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "  %s %s\n", r.paint(ansiDim, "note    "), n)
	}
	return w.WriteByte('\n')
}

// writeMarked prints the post's text, line by line, with ^ under every
// code point a finding points at.
func (r *textReporter) writeMarked(rep checker.Report) {
	runes := []rune(rep.Post.Text)
	marked := make([]bool, len(runes))
	for _, f := range rep.Findings {
		if !f.HasSpan() || f.Field != "" {
			continue
		}
		for i := max(*f.Start, 0); i < min(*f.End, len(runes)); i++ {
			marked[i] = true
		}
	}
	start := 0
	for start <= len(runes) {
		end := start
		for end < len(runes) && runes[end] != '\n' {
			end++
		}
		line := string(runes[start:end])
		var under strings.Builder
		any := false
		for i := start; i < end; i++ {
			wdt := runewidth.RuneWidth(runes[i])
			if runes[i] == '\t' {
				wdt = 1
			}
			ch := " "
			if marked[i] {
				ch, any = "^", true
			}
			under.WriteString(strings.Repeat(ch, wdt))
		}
		fmt.Fprintf(r.w, "  │ %s\n", line)
		if any {
			fmt.Fprintf(r.w, "  │ %s\n", r.paint(ansiRed+ansiBold, strings.TrimRight(under.String(), " ")))
		}
		start = end + 1
	}
}

func (r *textReporter) Close() error {
	if r.total > 1 {
		fmt.Fprintf(r.w, "%d posts: %d blocked, %d to review, %d pass\n", r.total, r.blocked, r.review, r.total-r.blocked-r.review)
	}
	return r.w.Flush()
}

// progress is a progress bar on a terminal for large batches, and nothing
// otherwise.
type progress interface {
	Add(int) error
	Finish() error
}

type noProgress struct{}

func (noProgress) Add(int) error { return nil }
func (noProgress) Finish() error { return nil }

// newProgress returns a progress counter for a batch whose length is not
// known (it is read as it is checked): on a terminal it appears once 200
// posts are done.
func newProgress(stderr io.Writer) progress {
	if !isTerminal(stderr) {
		return noProgress{}
	}
	return &lazyProgress{w: stderr}
}

// lazyProgress shows a counting bar from the 200th post on.
type lazyProgress struct {
	w   io.Writer
	n   int
	bar *progressbar.ProgressBar
}

func (p *lazyProgress) Add(k int) error {
	p.n += k
	if p.bar == nil {
		if p.n < 200 {
			return nil
		}
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(p.w), progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100e6))
		return p.bar.Add(p.n)
	}
	return p.bar.Add(k)
}

func (p *lazyProgress) Finish() error {
	if p.bar == nil {
		return nil
	}
	return p.bar.Finish()
}

// sortedRules returns the engine's rules by ID.
func sortedRules(e *checker.Engine) []*checker.Rule {
	rs := append([]*checker.Rule(nil), e.Rules()...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}
