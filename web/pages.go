package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/regionname"
)

//go:embed assets
var assets embed.FS

// pages holds the parsed templates.
type pages struct {
	form, batch, errPage, queue *template.Template
}

var funcs = template.FuncMap{
	"lower": strings.ToLower,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("Mon 2 Jan 15:04 MST")
	},
	"day": func(t time.Time) string { return t.Format("Mon 2 Jan") },
	"sev": func(s checker.Severity) string { return s.String() },
	"inc": func(i int) int { return i + 1 },
}

func newPages() (*pages, error) {
	parse := func(name string) (*template.Template, error) {
		return template.New("layout.html").Funcs(funcs).ParseFS(assets, "assets/layout.html", "assets/"+name)
	}
	var p pages
	var err error
	if p.form, err = parse("form.html"); err != nil {
		return nil, err
	}
	if p.batch, err = parse("batch.html"); err != nil {
		return nil, err
	}
	if p.errPage, err = parse("error.html"); err != nil {
		return nil, err
	}
	if p.queue, err = template.New("layout.html").Funcs(funcs).Funcs(queueFuncs).ParseFS(assets, "assets/layout.html", "assets/queue.html"); err != nil {
		return nil, err
	}
	return &p, nil
}

// isPage reports whether a request is for the HTML pages rather than the API.
func isPage(c *fiber.Ctx) bool {
	p := c.Path()
	return p == "/" || p == "/batch" || strings.HasPrefix(p, "/batch/") || p == "/queue" || strings.HasPrefix(p, "/queue/")
}

func (s *Server) render(c *fiber.Ctx, status int, t *template.Template, data any) error {
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Status(status).SendString(b.String())
}

func (s *Server) renderError(c *fiber.Ctx, p *apiError) error {
	return s.render(c, p.Status, s.pages.errPage, map[string]any{"Title": "Error", "Error": p})
}

// handleStatic serves the embedded script and style sheet.
func (s *Server) handleStatic(c *fiber.Ctx) error {
	name := path.Base(c.Params("file"))
	b, err := assets.ReadFile("assets/static/" + name)
	if err != nil {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, mime.TypeByExtension(path.Ext(name)))
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.Send(b)
}

// draft is the form's fields as the marketer filled them in.
type draft struct {
	Text      string
	Platform  string
	Regions   []string
	Scheduled string // datetime-local value, in Zone
	Zone      string
	Brand     string
	Kind      string
	InReplyTo string
}

type option struct {
	Value, Label string
	Selected     bool
}

type lengthView struct {
	Platform string
	Count    int
	Limit    int
	Over     bool
	Current  bool
}

type findingView struct {
	checker.Finding
	Ref string
}

type resultView struct {
	Report   checker.Report
	Segments []segment
	Findings []findingView
}

type formView struct {
	Title     string
	Draft     draft
	Platforms []option
	Regions   []option
	Result    *resultView
	Error     *apiError
	Week      []checker.Observance
	WeekFrom  time.Time
	// Now is the server's clock when the page was made, RFC 3339; the
	// script advances it by the page's elapsed time and never reads the
	// browser's date.
	Now      string
	News     []checker.Article
	HaveNews bool
	HaveCal  bool
	Lengths  []lengthView
	ZoneNote string
}

// handleForm is GET /: the empty form.
func (s *Server) handleForm(c *fiber.Ctx) error {
	d := draft{Platform: string(s.engine.Profile().Platform), Regions: s.engine.Profile().Regions,
		Zone: s.zone.String(), Brand: s.engine.Profile().Brand, Kind: "post"}
	if d.Platform == "" {
		d.Platform = string(checker.PlatformX)
	}
	return s.render(c, http.StatusOK, s.pages.form, s.formView(c.UserContext(), d, nil, nil))
}

// handleFormPost is POST /: the form submitted without JavaScript.
func (s *Server) handleFormPost(c *fiber.Ctx) error {
	d := draft{Text: c.FormValue("text"), Platform: c.FormValue("platform"), Scheduled: c.FormValue("scheduled"),
		Zone: c.FormValue("tz"), Brand: c.FormValue("brand"), Kind: c.FormValue("kind"), InReplyTo: c.FormValue("in_reply_to")}
	for _, v := range c.Context().PostArgs().PeekMulti("region") {
		d.Regions = append(d.Regions, string(v))
	}
	if form, err := c.MultipartForm(); err == nil && form != nil {
		d.Regions = append(d.Regions, form.Value["region"]...)
	}
	p, err := s.draftPost(d)
	var res *resultView
	if err == nil {
		var rep checker.Report
		if rep, err = s.check(c, p); err == nil {
			res = newResult(rep)
		}
	}
	var ae *apiError
	status := http.StatusOK
	if err != nil {
		ae = problem(err)
		if ae.Status >= 500 {
			return err
		}
		status = ae.Status
	}
	return s.render(c, status, s.pages.form, s.formView(c.UserContext(), d, res, ae))
}

// draftPost converts the form's fields to a post.
func (s *Server) draftPost(d draft) (checker.Post, error) {
	p := checker.Post{Text: d.Text, Brand: strings.TrimSpace(d.Brand), Regions: d.Regions, InReplyTo: strings.TrimSpace(d.InReplyTo)}
	var err error
	if d.Platform != "" {
		if p.Platform, err = checker.ParsePlatform(d.Platform); err != nil {
			return p, err
		}
	}
	if d.Kind != "" {
		if p.Kind, err = checker.ParseKind(d.Kind); err != nil {
			return p, err
		}
	}
	if d.Scheduled != "" {
		loc := s.zone
		if d.Zone != "" {
			if loc, err = time.LoadLocation(d.Zone); err != nil {
				return p, newError(http.StatusBadRequest, CodeBadTime, "tz", fmt.Sprintf("unknown time zone %q", d.Zone))
			}
		}
		t, err := time.ParseInLocation("2006-01-02T15:04", d.Scheduled, loc)
		if err != nil {
			if t, err = time.ParseInLocation("2006-01-02T15:04:05", d.Scheduled, loc); err != nil {
				return p, newError(http.StatusBadRequest, CodeBadTime, "scheduled", fmt.Sprintf("%q is not a date and time such as 2026-11-24T09:00", d.Scheduled))
			}
		}
		p.ScheduledAt = t
	}
	return p, validatePost(&p)
}

func newResult(rep checker.Report) *resultView {
	r := &resultView{Report: rep, Segments: segments(rep.Post.Text, rep.Findings)}
	for i, f := range rep.Findings {
		r.Findings = append(r.Findings, findingView{Finding: f, Ref: fmt.Sprintf("f%d", i+1)})
	}
	return r
}

// formView gathers everything the form page shows around the result.
func (s *Server) formView(ctx context.Context, d draft, res *resultView, ae *apiError) formView {
	v := formView{Title: "Check a draft", Draft: d, Result: res, Error: ae, HaveNews: s.news != nil, HaveCal: s.calendar != nil}
	for _, p := range checker.Platforms {
		v.Platforms = append(v.Platforms, option{Value: string(p), Label: platformLabel(p), Selected: string(p) == strings.ToLower(d.Platform)})
	}
	chosen := checker.NormaliseRegions(d.Regions)
	for _, r := range s.regionChoices() {
		v.Regions = append(v.Regions, option{Value: r, Label: regionName(r), Selected: slices.Contains(chosen, r)})
	}
	at := s.now()
	v.Now = at.UTC().Format(time.RFC3339Nano)
	if res != nil {
		at = res.Report.Post.ScheduledAt
	}
	v.WeekFrom = at
	v.ZoneNote = d.Zone
	if v.ZoneNote == "" {
		v.ZoneNote = s.zone.String()
	}
	if s.calendar != nil && len(chosen) > 0 {
		v.Week = solemnDays(s.observances(known(chosen, s.calendar.Regions()), at.Add(-12*time.Hour), at.AddDate(0, 0, 7)))
	}
	if s.news != nil {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		arts, err := s.news.Search(cctx, checker.NewsQuery{At: at, Window: 72 * time.Hour, Regions: chosen, Limit: 5})
		cancel()
		if err != nil {
			s.log.Warn("news at a glance failed", "err", err)
		}
		v.News = arts
	}
	for _, p := range checker.Platforms {
		if s.meter == nil {
			break
		}
		n, limit := s.meter.Length(d.Text, p), s.meter.Limit(p)
		v.Lengths = append(v.Lengths, lengthView{Platform: platformLabel(p), Count: n, Limit: limit, Over: limit > 0 && n > limit,
			Current: string(p) == strings.ToLower(d.Platform)})
	}
	return v
}

func known(regions, supported []string) []string {
	var out []string
	for _, r := range regions {
		if slices.Contains(supported, r) {
			out = append(out, r)
		}
	}
	return out
}

// solemnDays keeps the days to be careful on, one entry per observance
// even when several regions keep it.
func solemnDays(obs []checker.Observance) []checker.Observance {
	var out []checker.Observance
	seen := map[string]int{}
	for _, o := range obs {
		if o.Tone != checker.ToneSolemn && o.Tone != checker.ToneFasting && o.Kind != checker.DaySolemn {
			continue
		}
		key := o.ID + "|" + o.Date
		if i, ok := seen[key]; ok {
			// Region lists the chosen regions that keep the day.
			if !slices.Contains(strings.Split(out[i].Region, ", "), o.Region) {
				out[i].Region += ", " + o.Region
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, o)
	}
	return out
}

// regionChoices are the regions the form offers: the calendar's, else a
// common set.
func (s *Server) regionChoices() []string {
	if s.calendar != nil {
		if rs := s.calendar.Regions(); len(rs) > 0 {
			return rs
		}
	}
	return []string{"US", "GB", "CA", "AU", "IE", "NZ", "IN", "NO", "SE", "DK", "DE", "FR", "ES", "IT", "NL", "JP", "BR", "MX"}
}

func regionName(code string) string {
	if n := regionname.Name(code); n != "" {
		return n
	}
	return code
}

func platformLabel(p checker.Platform) string {
	switch p {
	case checker.PlatformX:
		return "X"
	case checker.PlatformLinkedIn:
		return "LinkedIn"
	case checker.PlatformTikTok:
		return "TikTok"
	}
	return strings.ToUpper(string(p[:1])) + string(p[1:])
}
