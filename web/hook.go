package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
)

// HookFields is how the scheduler hook reads the field names scheduling
// tools send: for each post field, the names accepted, in order of
// preference. Names match ignoring case, "_", "-" and spaces, so
// "publish_at", "publishAt" and "Publish At" are one name. When the body
// wraps the post in "data", "post", "payload", "item" or "update" (as
// Standard Webhooks envelopes do), that object is read first. It is
// documented in openapi.json and the README.
var HookFields = []HookField{
	{"id", []string{"id", "post_id", "message_id", "external_id", "uuid"}},
	{"text", []string{"text", "message", "content", "body", "caption", "post_text", "tweet", "copy"}},
	{"scheduled_at", []string{"scheduled_at", "publish_at", "scheduled_time", "scheduled_for", "send_at", "publish_time", "publish_date", "scheduled_date", "date"}},
	{"timezone", []string{"timezone", "time_zone", "tz"}},
	{"platform", []string{"platform", "network", "channel", "service", "profile_type", "social_network"}},
	{"brand", []string{"brand", "profile", "account", "profile_name", "account_name", "page", "sender"}},
	{"kind", []string{"kind", "post_type"}},
	{"regions", []string{"regions", "region", "countries", "country", "markets", "market", "audience", "locale"}},
	{"language", []string{"language", "lang"}},
	{"media", []string{"media", "media_urls", "images", "attachments", "assets"}},
	{"in_reply_to", []string{"in_reply_to", "reply_to", "reply_to_text", "parent_text", "original_message"}},
}

// HookField is one post field and the names the hook accepts for it.
type HookField struct {
	Field string
	Names []string
}

var hookEnvelopes = []string{"data", "post", "payload", "item", "update"}

func normKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if r != '_' && r != '-' && r != ' ' && r != '.' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hookBody is a decoded hook body: the post object first, then the
// envelope around it.
type hookBody []map[string]any

func (h hookBody) lookup(field string) any {
	var names []string
	for _, f := range HookFields {
		if f.Field == field {
			names = f.Names
		}
	}
	for _, obj := range h {
		for _, n := range names {
			if v, ok := obj[normKey(n)]; ok && v != nil && v != "" {
				return v
			}
		}
	}
	return nil
}

func normObject(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		nk := normKey(k)
		if _, dup := out[nk]; !dup {
			out[nk] = v
		}
	}
	return out
}

// decodeHookBody reads a JSON object or a form-encoded body.
func decodeHookBody(body []byte, contentType string) (hookBody, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, newError(http.StatusBadRequest, CodeEmptyBody, "", "send the post as a JSON object")
	}
	if !utf8.Valid(body) {
		return nil, newError(http.StatusBadRequest, CodeInvalidUTF8, "", "the request body is not valid UTF-8")
	}
	var top map[string]any
	if strings.HasPrefix(contentType, fiber.MIMEApplicationForm) {
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, newError(http.StatusBadRequest, CodeMalformedJSON, "", "malformed form body: "+err.Error())
		}
		top = map[string]any{}
		for k, v := range vals {
			if len(v) == 1 {
				top[k] = v[0]
			} else {
				top[k] = toAny(v)
			}
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&top); err != nil {
			return nil, jsonError(err)
		}
		if dec.More() {
			return nil, jsonError(errTrailing)
		}
		if top == nil {
			return nil, newError(http.StatusBadRequest, CodeMalformedJSON, "", "expected a JSON object")
		}
	}
	top = normObject(top)
	var hb hookBody
	for _, env := range hookEnvelopes {
		if inner, ok := top[env].(map[string]any); ok {
			hb = append(hb, normObject(inner))
		}
	}
	return append(hb, top), nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// str reads a scalar as a string; for an object it tries the given keys.
func str(v any, objKeys ...string) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		m := normObject(x)
		for _, k := range objKeys {
			if s := str(m[normKey(k)]); s != "" {
				return s
			}
		}
	}
	return ""
}

// hookPost maps a hook body to a post.
func hookPost(hb hookBody) (checker.Post, error) {
	var p checker.Post
	p.ID = str(hb.lookup("id"))
	switch v := hb.lookup("text").(type) {
	case string:
		p.Text = v
	case map[string]any:
		p.Text = str(v, "text", "content", "body")
	}
	p.Brand = str(hb.lookup("brand"), "name", "brand", "formatted_username", "username", "handle")
	p.Language = str(hb.lookup("language"))
	p.InReplyTo = str(hb.lookup("in_reply_to"), "text", "message", "content", "body")

	platformVal := hb.lookup("platform")
	if platformVal == nil {
		// {"profile": {"service": "twitter"}} as Buffer sends it.
		if obj, ok := hb.lookup("brand").(map[string]any); ok {
			platformVal = str(obj, "service", "network", "platform", "type")
		}
	}
	if s := str(platformVal, "service", "network", "platform", "name", "type"); s != "" {
		pl, err := hookPlatform(s)
		if err != nil {
			return p, err
		}
		p.Platform = pl
	}

	if s := str(hb.lookup("kind")); s != "" {
		switch strings.ToLower(s) {
		case "reply", "comment", "response", "answer":
			p.Kind = checker.KindReply
		case "post", "status", "update", "tweet", "story", "reel", "video", "image", "link", "text":
			p.Kind = checker.KindPost
		default:
			k, err := checker.ParseKind(s)
			if err != nil {
				return p, err
			}
			p.Kind = k
		}
	} else if p.InReplyTo != "" {
		p.Kind = checker.KindReply
	}

	if v := hb.lookup("scheduled_at"); v != nil {
		t, err := hookTime(v, str(hb.lookup("timezone")))
		if err != nil {
			return p, err
		}
		p.ScheduledAt = t
	}
	p.Regions = hookRegions(hb.lookup("regions"))
	p.Media = hookMedia(hb.lookup("media"))
	return p, validatePost(&p)
}

// hookPlatform maps the network names tools use ("twitter", "facebook_page",
// "linkedin_company", "IG") to a platform.
func hookPlatform(s string) (checker.Platform, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	for _, m := range []struct {
		sub string
		p   checker.Platform
	}{{"twitter", checker.PlatformX}, {"linkedin", checker.PlatformLinkedIn}, {"facebook", checker.PlatformFacebook},
		{"instagram", checker.PlatformInstagram}, {"threads", checker.PlatformThreads}, {"bluesky", checker.PlatformBluesky},
		{"bsky", checker.PlatformBluesky}, {"mastodon", checker.PlatformMastodon}, {"tiktok", checker.PlatformTikTok}} {
		if strings.Contains(l, m.sub) {
			return m.p, nil
		}
	}
	switch l {
	case "x", "x.com", "fb", "ig", "li", "tw":
		return map[string]checker.Platform{"x": checker.PlatformX, "x.com": checker.PlatformX, "tw": checker.PlatformX,
			"fb": checker.PlatformFacebook, "ig": checker.PlatformInstagram, "li": checker.PlatformLinkedIn}[l], nil
	}
	return checker.ParsePlatform(s)
}

// hookTime reads RFC 3339, a local date-time in the given zone (UTC by
// default), or Unix seconds / milliseconds.
func hookTime(v any, zone string) (time.Time, error) {
	bad := func(s string) error {
		return newError(http.StatusBadRequest, CodeBadTime, "scheduled_at",
			fmt.Sprintf("the scheduled time %q is not RFC 3339 (2026-11-24T09:00:00Z), a local date-time with a timezone field, or Unix seconds", s))
	}
	loc := time.UTC
	if zone != "" {
		l, err := time.LoadLocation(zone)
		if err != nil {
			return time.Time{}, newError(http.StatusBadRequest, CodeBadTime, "timezone", fmt.Sprintf("unknown time zone %q (want an IANA name such as Europe/Oslo)", zone))
		}
		loc = l
	}
	s := str(v)
	if n, ok := v.(json.Number); ok {
		f, err := n.Float64()
		if err != nil {
			return time.Time{}, bad(s)
		}
		return unixTime(f), nil
	}
	if s == "" {
		return time.Time{}, bad(fmt.Sprint(v))
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 {
		return unixTime(f), nil
	}
	return time.Time{}, bad(s)
}

func unixTime(f float64) time.Time {
	if f > 1e12 { // milliseconds
		return time.UnixMilli(int64(f)).UTC()
	}
	return time.Unix(int64(f), 0).UTC()
}

func hookRegions(v any) []string {
	var raw []string
	switch x := v.(type) {
	case string:
		raw = strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	case []any:
		for _, e := range x {
			raw = append(raw, str(e, "code", "country", "region"))
		}
	}
	out := raw[:0]
	for _, r := range raw {
		// en-US, en_GB → the region part.
		if i := strings.LastIndexAny(r, "-_"); i >= 0 && len(r)-i-1 == 2 {
			r = r[i+1:]
		}
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return checker.NormaliseRegions(out)
}

func hookMedia(v any) []checker.Media {
	items, ok := v.([]any)
	if !ok {
		if v == nil {
			return nil
		}
		items = []any{v}
	}
	var out []checker.Media
	for _, it := range items {
		switch x := it.(type) {
		case string:
			out = append(out, checker.Media{URL: x})
		case map[string]any:
			out = append(out, checker.Media{URL: str(x, "url", "link", "src", "thumbnail"),
				Alt: str(x, "alt", "alt_text", "description", "alternative_text", "title")})
		}
	}
	return out
}

// hookResponse is the report plus what the tool should do.
type hookResponse struct {
	Action string `json:"action"` // "publish" or "hold"
	Reason string `json:"reason"`
	// Queue is the post's place in the queue when it is queued.
	Queue *hookQueue `json:"queue,omitempty"`
}

// action decides publish or hold from the verdict and the options.
func (s *Server) action(r checker.Report) hookResponse {
	switch {
	case r.Verdict == checker.VerdictBlock:
		return hookResponse{Action: "hold", Reason: "blocked: " + summary(r)}
	case r.Verdict == checker.VerdictReview && s.opts.HoldOnReview:
		return hookResponse{Action: "hold", Reason: "needs review: " + summary(r)}
	case r.Verdict == checker.VerdictReview:
		return hookResponse{Action: "publish", Reason: "findings need a look but do not block (set service.hold_on_review to hold): " + summary(r)}
	}
	return hookResponse{Action: "publish", Reason: "no blocking findings"}
}

func summary(r checker.Report) string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if f.Severity >= checker.SeverityMedium && !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	if len(ids) == 0 {
		return "score " + strconv.Itoa(r.Score)
	}
	return strings.Join(ids, ", ")
}

// handleHook is POST /v1/hooks/prepublish.
func (s *Server) handleHook(c *fiber.Ctx) error {
	if s.hook == nil || len(s.hook.keys) == 0 {
		return newError(http.StatusServiceUnavailable, CodeHookNotConfigured, "",
			"the prepublish hook has no signing secret: set PREFLIGHT_HOOK_SECRET=whsec_<base64> (comma-separated to rotate) or service.hook_secrets in preflight.yaml, and configure the same secret in the scheduling tool")
	}
	body, err := rawBody(c)
	if err != nil {
		return err
	}
	if len(body) > s.opts.BodyLimit {
		return newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "", fmt.Sprintf("the body is %d bytes; the hook takes at most %d", len(body), s.opts.BodyLimit))
	}
	id := c.Get(headerWebhookID)
	sent, err := s.hook.verify(id, c.Get(headerWebhookTimestamp), c.Get(headerWebhookSignature), body)
	if err != nil {
		s.log.Warn("hook delivery refused", "request_id", requestID(c), "webhook_id", id, "reason", err.Error(), "ip", c.IP())
		// Refusals draw on their own per-IP budget, so a flood of
		// unsigned or forged calls never spends the signed deliveries'.
		if lerr := s.take(s.limiter, "hook-unsigned:"+c.IP(), 1); lerr != nil {
			return lerr
		}
		return &apiError{Status: http.StatusUnauthorized, Code: CodeBadSignature, Message: err.Error(), err: err}
	}
	hash := bodyHash(body)
	if prev := s.deliveries.begin(id, hash, sent.Add(s.opts.HookTolerance), s.now()); prev != nil {
		return s.replayDelivery(c, id, prev, hash)
	}
	status, out, err := s.hookAnswer(c, body)
	if err != nil {
		p := problem(err)
		if p.Status >= 500 || p.Status == http.StatusTooManyRequests {
			// Not this message's answer: a retry may do better.
			s.deliveries.abandon(id)
			return err
		}
		out, _ = json.Marshal(p)
		status = p.Status
	}
	s.deliveries.finish(id, status, out, s.now())
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(status).Send(out)
}

// hookAnswer checks a verified delivery, charging the signed deliveries'
// budget, and returns the answer's status and body.
func (s *Server) hookAnswer(c *fiber.Ctx, body []byte) (int, []byte, error) {
	if err := s.take(s.hookLimiter, "signed", 1); err != nil {
		return 0, nil, err
	}
	hb, err := decodeHookBody(body, c.Get(fiber.HeaderContentType))
	if err != nil {
		return 0, nil, err
	}
	p, err := hookPost(hb)
	if err != nil {
		return 0, nil, err
	}
	// A registration without a time cannot be queued: it is checked as a
	// pre-publish call would be.
	if ev := eventOf(hb); ev != hookCheck && s.queue != nil && p.ID != "" && (ev != hookRegister || !p.ScheduledAt.IsZero()) {
		return s.hookQueueEvent(c, ev, p)
	}
	rep, err := s.check(c, p)
	if err != nil {
		return 0, nil, err
	}
	act := s.action(rep)
	s.queuedHold(c.UserContext(), p.ID, &rep, &act)
	head, err := json.Marshal(act)
	if err != nil {
		return 0, nil, err
	}
	rb, err := json.Marshal(rep)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, joinObjects(head, rb), nil
}

// HeaderReplayed marks a hook answer given before to the same webhook-id.
const HeaderReplayed = "Preflight-Replayed"

// replayDelivery answers a retry of a webhook-id with the answer the first
// delivery got (waiting for it if it is still being checked). The same id
// with another body is refused: ids name one message.
func (s *Server) replayDelivery(c *fiber.Ctx, id string, prev *delivery, hash [32]byte) error {
	if prev.Hash != hash {
		return newError(http.StatusConflict, CodeConflict, headerWebhookID,
			fmt.Sprintf("webhook-id %q was already delivered with a different body; give each message its own id", id))
	}
	ctx, cancel := context.WithTimeout(c.UserContext(), s.opts.CheckTimeout)
	defer cancel()
	status, out, ok := s.deliveries.answer(ctx, prev)
	if !ok {
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, RetryAfter: 1,
			Message: fmt.Sprintf("webhook-id %q is still being checked (or its first delivery failed); retry shortly", id)}
	}
	c.Set(HeaderReplayed, "true")
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(status).Send(out)
}

// joinObjects merges two marshalled JSON objects into one.
func joinObjects(a, b []byte) []byte {
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	if len(b) > 2 {
		out = append(out, ',')
	}
	return append(out, b[1:]...)
}
