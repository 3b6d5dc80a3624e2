package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/postio"
	"github.com/preflight-dev/preflight/queue"
)

// The queue page: the coming weeks as a calendar of days × regions (or
// brands), each post coloured by status, the holds with their reason and
// evidence, release and hold buttons, crises, and filters. "Now" is the
// server's clock, never the browser's.

// queueDays is how many days the calendar shows.
const queueDays = 14

type queueCell struct {
	Posts []queue.Entry
}

type queueRow struct {
	Day   time.Time
	Today bool
	Cells []queueCell
}

type queueView struct {
	Title    string
	Now      string // RFC 3339, the server's clock
	Enabled  bool
	By       string // "region" or "brand"
	Brand    string
	Region   string
	Columns  []string
	Rows     []queueRow
	Holds    []queue.Entry
	Crises   []queue.Crisis
	Brands   []string
	Regions  []string
	Query    string // the filters, to come back to after an action
	Counts   map[queue.Status]int
	Statuses []queue.Status
	Zone     string
}

// handleQueuePage is GET /queue.
func (s *Server) handleQueuePage(c *fiber.Ctx) error {
	now := s.now().In(s.zone)
	v := queueView{Title: "Queue", Now: now.UTC().Format(time.RFC3339Nano), Enabled: s.queue != nil, By: "region",
		Brand: c.Query("brand"), Region: strings.ToUpper(c.Query("region")), Counts: map[queue.Status]int{}, Statuses: queue.Statuses, Zone: s.zone.String()}
	if c.Query("by") == "brand" {
		v.By = "brand"
	}
	q := url.Values{}
	for k, val := range map[string]string{"brand": v.Brand, "region": v.Region, "by": c.Query("by")} {
		if val != "" {
			q.Set(k, val)
		}
	}
	v.Query = q.Encode()
	if s.queue == nil {
		return s.render(c, http.StatusOK, s.pages.queue, v)
	}
	ctx := c.UserContext()
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, s.zone)
	end := start.AddDate(0, 0, queueDays)
	f, err := queueFilter(c)
	if err != nil {
		return err
	}
	f.From, f.To, f.Statuses = start, end, nil
	es, err := s.queue.Store().List(ctx, f)
	if err != nil {
		return err
	}
	all, err := s.queue.Store().List(ctx, queue.Filter{From: start, To: end, Limit: maxListed})
	if err != nil {
		return err
	}
	for _, e := range all {
		if e.Post.Brand != "" && !slices.Contains(v.Brands, e.Post.Brand) {
			v.Brands = append(v.Brands, e.Post.Brand)
		}
		for _, r := range e.Post.Regions {
			if !slices.Contains(v.Regions, r) {
				v.Regions = append(v.Regions, r)
			}
		}
	}
	slices.Sort(v.Brands)
	slices.Sort(v.Regions)
	col := func(e queue.Entry) []string {
		if v.By == "brand" {
			if e.Post.Brand == "" {
				return []string{"(no brand)"}
			}
			return []string{e.Post.Brand}
		}
		if len(e.Post.Regions) == 0 {
			return []string{"(all regions)"}
		}
		return e.Post.Regions
	}
	for _, e := range es {
		v.Counts[e.Status]++
		for _, k := range col(e) {
			if !slices.Contains(v.Columns, k) {
				v.Columns = append(v.Columns, k)
			}
		}
		if e.Status == queue.StatusHeld {
			v.Holds = append(v.Holds, e)
		}
	}
	slices.Sort(v.Columns)
	for d := 0; d < queueDays; d++ {
		day := start.AddDate(0, 0, d)
		row := queueRow{Day: day, Today: d == 0, Cells: make([]queueCell, len(v.Columns))}
		next := day.AddDate(0, 0, 1)
		for _, e := range es {
			if e.Post.ScheduledAt.Before(day) || !e.Post.ScheduledAt.Before(next) {
				continue
			}
			for _, k := range col(e) {
				i := slices.Index(v.Columns, k)
				row.Cells[i].Posts = append(row.Cells[i].Posts, e)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	if cs, ok := s.queue.Store().(queue.CrisisStore); ok {
		if v.Crises, err = cs.Crises(ctx, false); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, s.pages.queue, v)
}

// pageActor names who acts from the queue page.
func pageActor(c *fiber.Ctx) string { return "web (" + actor(c) + ")" }

// backToQueue redirects to the queue page with the filters it came from.
func backToQueue(c *fiber.Ctx) error {
	q, _ := url.ParseQuery(c.FormValue("back"))
	target := "/queue"
	if enc := (url.Values{"brand": q["brand"], "region": q["region"], "by": q["by"]}).Encode(); enc != "" {
		target += "?" + enc
	}
	return c.Redirect(target, http.StatusSeeOther)
}

// handleQueuePageAction is POST /queue/:id/:action (hold or release) from
// the page's buttons.
func (s *Server) handleQueuePageAction(c *fiber.Ctx) error {
	action := c.Params("action")
	if action != "hold" && action != "release" {
		return newError(http.StatusNotFound, CodeNotFound, "", "the queue page can hold or release a post")
	}
	a := actionBody{Reason: strings.TrimSpace(c.FormValue("reason"))}
	if _, err := s.queueAct(c.UserContext(), c.Params("id"), action, pageActor(c), a); err != nil {
		return err
	}
	return backToQueue(c)
}

// handleQueuePageCrisis is POST /queue/crisis: declare a crisis from the page.
func (s *Server) handleQueuePageCrisis(c *fiber.Ctx) error {
	cr := queue.Crisis{Regions: postio.SplitList(c.FormValue("regions")), Brands: postio.SplitList(c.FormValue("brands")),
		Platforms: postio.SplitList(c.FormValue("platforms")), Tags: postio.SplitList(c.FormValue("tags")),
		Reason: strings.TrimSpace(c.FormValue("reason")), By: pageActor(c)}
	if u := strings.TrimSpace(c.FormValue("until")); u != "" {
		t, err := parseDateOrTime(u)
		if err != nil {
			return newError(http.StatusBadRequest, CodeBadTime, "until", err.Error())
		}
		cr.Until = t
	}
	if _, _, err := s.queue.StartCrisis(c.UserContext(), cr); err != nil {
		return queueError(err)
	}
	return backToQueue(c)
}

// handleQueuePageCrisisAction is POST /queue/crisis/:id/:action (confirm
// or end).
func (s *Server) handleQueuePageCrisisAction(c *fiber.Ctx) error {
	if _, _, err := s.crisisAct(c.UserContext(), c.Params("id"), c.Params("action"), pageActor(c)); err != nil {
		return err
	}
	return backToQueue(c)
}

// queueFuncs are the queue page's template helpers.
var queueFuncs = template.FuncMap{
	"hhmm": func(t time.Time, zone string) string {
		if loc, err := time.LoadLocation(zone); err == nil {
			t = t.In(loc)
		}
		return t.Format("15:04")
	},
	"short": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n-1]) + "…"
	},
	"pending": func(st queue.Status) bool {
		return st == queue.StatusClear || st == queue.StatusReview || st == queue.StatusReleased
	},
	"join": strings.Join,
}
