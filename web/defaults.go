package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
)

// batchDefaults are what a batch says for its posts that say nothing
// themselves, the CLI's --region, --tz, --date-order, --brand and
// --platform: query parameters on /v1/check/batch, form fields (or query
// parameters) on /batch.
type batchDefaults struct {
	Regions  []string
	Brand    string
	Platform checker.Platform
	// Read is how CSV dates are read: date order and time zone.
	Read ReadOptions
}

// ReadOptions tune how a PostReader reads CSV dates.
type ReadOptions struct {
	// DateOrder is "dmy" or "mdy"; empty detects it from the file.
	DateOrder string
	// Location is the zone of times that carry none; nil means UTC.
	Location *time.Location
}

// parseBatchDefaults reads the defaults with get (c.Query or c.FormValue)
// and multi (every value of a repeatable name), naming the field of a bad
// value.
func (s *Server) parseBatchDefaults(get func(string) string, multi func(string) []string) (batchDefaults, error) {
	var d batchDefaults
	var raw []string
	for _, key := range []string{"region", "regions"} {
		for _, v := range multi(key) {
			raw = append(raw, strings.Split(v, ",")...)
		}
	}
	regions, err := s.checkRegions(checker.NormaliseRegions(raw))
	if err != nil {
		return d, err
	}
	d.Regions = regions
	d.Brand = strings.TrimSpace(get("brand"))
	if v := strings.TrimSpace(get("platform")); v != "" {
		if d.Platform, err = checker.ParsePlatform(v); err != nil {
			return d, err
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(get("date_order"))); v {
	case "", "dmy", "mdy":
		d.Read.DateOrder = v
	default:
		return d, newError(http.StatusBadRequest, CodeInvalid, "date_order", fmt.Sprintf("date_order %q: want dmy or mdy", v))
	}
	if v := strings.TrimSpace(get("tz")); v != "" {
		loc, err := time.LoadLocation(v)
		if err != nil {
			return d, newError(http.StatusBadRequest, CodeBadTime, "tz", fmt.Sprintf("unknown time zone %q (want an IANA name such as Europe/Oslo)", v))
		}
		d.Read.Location = loc
	}
	return d, nil
}

// queryDefaults reads the defaults from the query string.
func (s *Server) queryDefaults(c *fiber.Ctx) (batchDefaults, error) {
	return s.parseBatchDefaults(func(k string) string { return c.Query(k) }, func(k string) []string { return byteStrings(c.Context().QueryArgs().PeekMulti(k)) })
}

// formDefaults reads the defaults from the upload form's fields and the
// query string.
func (s *Server) formDefaults(c *fiber.Ctx) (batchDefaults, error) {
	multi := func(k string) []string {
		out := byteStrings(c.Context().QueryArgs().PeekMulti(k))
		if form, err := c.MultipartForm(); err == nil && form != nil {
			out = append(out, form.Value[k]...)
		}
		return out
	}
	return s.parseBatchDefaults(func(k string) string { return c.FormValue(k) }, multi)
}

func byteStrings(bs [][]byte) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = string(b)
	}
	return out
}

// apply fills what a post leaves out; the post's own fields win.
func (d batchDefaults) apply(p *checker.Post) {
	if len(p.Regions) == 0 && len(d.Regions) > 0 {
		p.Regions = slices.Clone(d.Regions)
	}
	if p.Brand == "" {
		p.Brand = d.Brand
	}
	if p.Platform == "" {
		p.Platform = d.Platform
	}
}

// checkRegions refuses regions the calendar does not know.
func (s *Server) checkRegions(regions []string) ([]string, error) {
	if s.calendar == nil {
		return regions, nil
	}
	known := s.calendar.Regions()
	for _, r := range regions {
		if !slices.Contains(known, r) {
			return nil, newError(http.StatusBadRequest, CodeBadRegion, "region",
				fmt.Sprintf("region %q is not supported; supported: %s", r, strings.Join(known, ", ")))
		}
	}
	return regions, nil
}
