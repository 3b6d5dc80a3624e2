package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/postio"
	"github.com/preflight-dev/preflight/queue"
)

// The queue API: posts a scheduler has queued, their holds, crises and
// suppressions. Every route answers 503 when the service runs without a
// queue (Deps.Queue nil).

// HeaderIdempotencyKey names a POST /v1/queue request: the same key with
// the same body answers the first result again, on any replica sharing the
// store and after a restart; with another body, 422.
const HeaderIdempotencyKey = "Idempotency-Key"

// maxQueueBatch is how many posts one POST /v1/queue takes.
const maxQueueBatch = 1000

// queueEnabled refuses queue routes when there is no queue.
func (s *Server) queueEnabled(c *fiber.Ctx) error {
	if s.queue == nil {
		return newError(http.StatusServiceUnavailable, CodeUnavailable, "", "this service runs without a queue")
	}
	return c.Next()
}

// actor names who acts through the API: the API key's number, the local
// user, or "api" for a loopback caller without keys.
func actor(c *fiber.Ctx) string {
	switch v := client(c); {
	case strings.HasPrefix(v, "key:"):
		return "api key #" + strings.TrimPrefix(v, "key:")
	case v == localClient:
		return "local user"
	}
	return "api"
}

// queueError maps the queue's errors to API errors.
func queueError(err error) error {
	if errors.Is(err, queue.ErrNotFound) {
		return newError(http.StatusNotFound, CodeNotFound, "id", err.Error())
	}
	if errors.Is(err, queue.ErrNoCrisisStore) || errors.Is(err, queue.ErrNoSuppressionStore) {
		return newError(http.StatusServiceUnavailable, CodeUnavailable, "", err.Error())
	}
	return err
}

// queueAnswer is POST /v1/queue's answer.
type queueAnswer struct {
	Entries []queue.Entry `json:"entries"`
}

// handleQueueAdd is POST /v1/queue: one post (an object) or a batch (an
// array); each needs an id and a scheduled time.
func (s *Server) handleQueueAdd(c *fiber.Ctx) error {
	body, err := rawBody(c)
	if err != nil {
		return err
	}
	key := c.Get(HeaderIdempotencyKey)
	if len(key) > queue.MaxKeyLen {
		return newError(http.StatusBadRequest, CodeInvalid, HeaderIdempotencyKey, fmt.Sprintf("at most %d characters", queue.MaxKeyLen))
	}
	if key == "" {
		status, out, err := s.queueAdd(c.UserContext(), body)
		if err != nil {
			return err
		}
		return sendJSON(c, status, out)
	}
	return s.queueAddKeyed(c, client(c), key, body)
}

// sendJSON sends a JSON answer made before.
func sendJSON(c *fiber.Ctx, status int, out []byte) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(status).Send(out)
}

// keyReused is the answer to a key sent again with another body.
func keyReused(key string) error {
	return newError(http.StatusUnprocessableEntity, CodeKeyReused, HeaderIdempotencyKey,
		fmt.Sprintf("Idempotency-Key %q was used with a different body; give each request its own key", key))
}

// stillRunning is the answer to a retry while the first request runs.
func stillRunning() error {
	return &apiError{Status: http.StatusConflict, Code: CodeConflict, RetryAfter: 1, Field: HeaderIdempotencyKey,
		Message: "the first request with this Idempotency-Key is still running; retry shortly"}
}

// queueAddKeyed is POST /v1/queue with an Idempotency-Key. Requests with
// one key in this process wait for the first (s.idem); the store, when it
// remembers keys, makes the answer last across restarts and replicas: a
// retry on another replica finds it there, or waits while the first
// replica still runs the request.
func (s *Server) queueAddKeyed(c *fiber.Ctx, cl, key string, body []byte) error {
	ctx := c.UserContext()
	hash := sha256.Sum256(body)
	k := cl + "\x00" + key // one caller's key never answers another's
	prev, first := s.idem.begin(k, hash, s.now())
	if !first {
		if prev.hash != hash {
			return keyReused(key)
		}
		wctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout)
		defer cancel()
		select {
		case <-prev.done:
		case <-wctx.Done():
			return stillRunning()
		}
		if prev.out == nil {
			return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, RetryAfter: 1,
				Message: "the first request with this Idempotency-Key failed; retry"}
		}
		c.Set(HeaderReplayed, "true")
		return sendJSON(c, prev.status, prev.out)
	}
	shared := s.queue.RemembersRequests()
	if shared {
		held, claimed, err := s.claimKey(ctx, cl, key, body)
		if err != nil {
			s.idem.abandon(k)
			return err
		}
		if !claimed {
			switch hex.EncodeToString(hash[:]) {
			case held.Hash:
				s.idem.finish(k, held.Status, held.Response, false)
				c.Set(HeaderReplayed, "true")
				return sendJSON(c, held.Status, held.Response)
			default:
				s.idem.abandon(k)
				return keyReused(key)
			}
		}
	}
	// The answer is stored even when the caller has gone: its retry reads it.
	sctx := context.WithoutCancel(ctx)
	status, out, err := s.queueAdd(ctx, body)
	if err != nil {
		p := problem(err)
		if p.Status >= 500 || p.Status == http.StatusTooManyRequests {
			if shared {
				if err := s.queue.DropRequest(sctx, cl, key, body); err != nil {
					s.log.Warn("idempotency key not dropped", "key", key, "err", err)
				}
			}
			s.idem.abandon(k)
			return err
		}
		// A refusal (bad input) is the answer: a retry gets it again.
		out, _ = json.Marshal(p)
		if shared {
			s.finishKey(sctx, cl, key, body, p.Status, out)
		}
		s.idem.finish(k, p.Status, out, !shared)
		return err
	}
	if shared {
		s.finishKey(sctx, cl, key, body, status, out)
	}
	s.idem.finish(k, status, out, !shared)
	return sendJSON(c, status, out)
}

// claimKey claims the key in the store. While another replica runs the
// request, it waits (up to the check timeout) for that answer, or for the
// claim to lapse and become this request's.
func (s *Server) claimKey(ctx context.Context, cl, key string, body []byte) (queue.KeyedRequest, bool, error) {
	wctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout)
	defer cancel()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		held, claimed, err := s.queue.ClaimRequest(ctx, cl, key, body)
		if err != nil || claimed || held.Done || held.Hash != queue.RequestHash(body) {
			return held, claimed, err
		}
		select {
		case <-wctx.Done():
			return held, false, stillRunning()
		case <-tick.C:
		}
	}
}

// finishKey stores a keyed request's answer; a store that fails here
// leaves the claim to lapse (KeyLease), and the answer still goes out.
func (s *Server) finishKey(ctx context.Context, cl, key string, body []byte, status int, out []byte) {
	if err := s.queue.FinishRequest(ctx, cl, key, body, status, out); err != nil {
		s.log.Warn("idempotency key answer not stored", "key", key, "err", err)
	}
}

// queueAdd decodes, validates and queues the posts of a body.
func (s *Server) queueAdd(ctx context.Context, body []byte) (int, []byte, error) {
	body = bytes.TrimSpace(body)
	var raws []json.RawMessage
	if len(body) > 0 && body[0] == '[' {
		if err := json.Unmarshal(body, &raws); err != nil {
			return 0, nil, jsonError(err)
		}
		if len(raws) == 0 {
			return 0, nil, newError(http.StatusBadRequest, CodeEmptyBody, "", "the batch is empty")
		}
		if len(raws) > maxQueueBatch {
			return 0, nil, newError(http.StatusRequestEntityTooLarge, CodeTooLarge, "", fmt.Sprintf("%d posts; one request queues at most %d", len(raws), maxQueueBatch))
		}
	} else {
		raws = []json.RawMessage{body}
	}
	posts := make([]checker.Post, 0, len(raws))
	for i, r := range raws {
		p, err := decodePost(r)
		if err == nil {
			err = validatePost(&p)
		}
		if err == nil && strings.TrimSpace(p.ID) == "" {
			err = newError(http.StatusBadRequest, CodeInvalid, "id", "required to queue a post: the scheduler's id for it")
		}
		if err == nil && p.ScheduledAt.IsZero() {
			err = newError(http.StatusBadRequest, CodeInvalid, "scheduled_at", "required to queue a post")
		}
		if err != nil {
			if len(raws) > 1 {
				p := problem(err)
				p.Message = fmt.Sprintf("post %d: %s", i+1, p.Message)
				return 0, nil, p
			}
			return 0, nil, err
		}
		posts = append(posts, p)
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.CheckTimeout*time.Duration(min(len(posts), 50)))
	defer cancel()
	es, err := s.queue.Add(ctx, posts, "api")
	if err != nil {
		return 0, nil, queueError(err)
	}
	out, err := json.Marshal(queueAnswer{Entries: es})
	return http.StatusOK, out, err
}

// handleQueueList is GET /v1/queue.
func (s *Server) handleQueueList(c *fiber.Ctx) error {
	f, err := queueFilter(c)
	if err != nil {
		return err
	}
	es, err := s.queue.Store().List(c.UserContext(), f)
	if err != nil {
		return err
	}
	if es == nil {
		es = []queue.Entry{}
	}
	return c.JSON(fiber.Map{"entries": es})
}

// maxListed caps a queue listing.
const maxListed = 5000

func queueFilter(c *fiber.Ctx) (queue.Filter, error) {
	f := queue.Filter{Brand: c.Query("brand"), Region: strings.ToUpper(c.Query("region")), Limit: maxListed}
	for _, st := range postio.SplitList(c.Query("status")) {
		v, err := queue.ParseStatus(st)
		if err != nil {
			return f, newError(http.StatusBadRequest, CodeInvalid, "status", err.Error())
		}
		f.Statuses = append(f.Statuses, v)
	}
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if v := c.Query(t.name); v != "" {
			tm, err := parseDateOrTime(v)
			if err != nil {
				return f, newError(http.StatusBadRequest, CodeBadTime, t.name, err.Error())
			}
			*t.dst = tm
		}
	}
	if f.Region != "" && (len(f.Region) != 2 || strings.Trim(f.Region, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		return f, newError(http.StatusBadRequest, CodeBadRegion, "region", fmt.Sprintf("%q is not a two-letter region code", c.Query("region")))
	}
	return f, nil
}

// handleQueueGet is GET /v1/queue/:id.
func (s *Server) handleQueueGet(c *fiber.Ctx) error {
	e, err := s.queue.Store().Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return queueError(err)
	}
	return c.JSON(e)
}

// actionBody is the optional body of the post actions.
type actionBody struct {
	Reason string    `json:"reason"`
	Until  time.Time `json:"until"`
}

func readAction(c *fiber.Ctx) (actionBody, error) {
	var a actionBody
	b := bytes.TrimSpace(c.Body())
	if len(b) == 0 {
		return a, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return a, jsonError(err)
	}
	return a, nil
}

// handleQueueAction is POST /v1/queue/:id/{hold,release,cancel,published}.
func (s *Server) handleQueueAction(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		a, err := readAction(c)
		if err != nil {
			return err
		}
		e, err := s.queueAct(c.UserContext(), c.Params("id"), action, actor(c), a)
		if err != nil {
			return err
		}
		return c.JSON(e)
	}
}

// queueAct does one post action; the API and the queue page share it.
func (s *Server) queueAct(ctx context.Context, id, action, by string, a actionBody) (queue.Entry, error) {
	var e queue.Entry
	var err error
	switch action {
	case "hold":
		if strings.TrimSpace(a.Reason) == "" {
			return e, newError(http.StatusBadRequest, CodeInvalid, "reason", "required: say why (it is shown to whoever releases the post)")
		}
		e, err = s.queue.Hold(ctx, id, by, a.Reason, a.Until)
	case "release":
		e, err = s.queue.Release(ctx, id, by, a.Reason)
	case "cancel":
		e, err = s.queue.Cancel(ctx, id, by, a.Reason)
	case "published":
		e, err = s.queue.Published(ctx, id, by)
	default:
		return e, newError(http.StatusNotFound, CodeNotFound, "", fmt.Sprintf("no queue action %q (hold, release, cancel, published)", action))
	}
	return e, queueError(err)
}

// handleQueueRecheck is POST /v1/queue/recheck: re-check every post in the
// window now.
func (s *Server) handleQueueRecheck(c *fiber.Ctx) error {
	var sum queue.RecheckSummary
	var err error
	if s.recheck != nil {
		sum, err = s.recheck(c.UserContext())
	} else {
		sum, err = s.queue.Recheck(c.UserContext(), "request", nil)
	}
	if err != nil {
		return err
	}
	if sum.Held == nil {
		sum.Held = []string{}
	}
	return c.JSON(sum)
}

// handleReplay is POST /v1/audit/:seq/replay: judge an audit record's post
// again with the news known then, through the index this service holds
// (the CLI's replay comes here while the service runs).
func (s *Server) handleReplay(c *fiber.Ctx) error {
	if s.replay == nil {
		return newError(http.StatusServiceUnavailable, CodeUnavailable, "", "this service does not replay verdicts")
	}
	seq, err := strconv.ParseInt(c.Params("seq"), 10, 64)
	if err != nil || seq <= 0 {
		return newError(http.StatusBadRequest, CodeInvalid, "seq", fmt.Sprintf("%q is not an audit record number", c.Params("seq")))
	}
	res, err := s.replay(c.UserContext(), seq)
	if err != nil {
		return queueError(err)
	}
	return c.JSON(res)
}

// suppressBody is POST /v1/queue/:id/suppress's body.
type suppressBody struct {
	Rule  string    `json:"rule"`
	Why   string    `json:"why"`
	Until time.Time `json:"until"`
}

// handleSuppress is POST /v1/queue/:id/suppress: "reviewed, publish
// anyway" for one finding on one post.
func (s *Server) handleSuppress(c *fiber.Ctx) error {
	var b suppressBody
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return jsonError(err)
	}
	sp, err := s.queue.Suppress(c.UserContext(), queue.Suppression{PostID: c.Params("id"), Rule: b.Rule, Why: b.Why, Until: b.Until, By: actor(c)})
	if err != nil {
		return queueError(err)
	}
	return c.JSON(sp)
}

// crisisBody is POST /v1/crises's body.
type crisisBody struct {
	Regions   []string  `json:"regions"`
	Brands    []string  `json:"brands"`
	Platforms []string  `json:"platforms"`
	Tags      []string  `json:"tags"`
	Until     time.Time `json:"until"`
	Reason    string    `json:"reason"`
}

// crisisAnswer is a crisis with the posts a change to it held or lifted.
type crisisAnswer struct {
	Crisis queue.Crisis `json:"crisis"`
	Posts  []string     `json:"posts"`
}

func crisisResult(c queue.Crisis, es []queue.Entry) crisisAnswer {
	ids := make([]string, 0, len(es))
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return crisisAnswer{Crisis: c, Posts: ids}
}

// handleCrisisStart is POST /v1/crises: declare a crisis in force.
func (s *Server) handleCrisisStart(c *fiber.Ctx) error {
	var b crisisBody
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return jsonError(err)
	}
	cr, held, err := s.queue.StartCrisis(c.UserContext(), queue.Crisis{Regions: b.Regions, Brands: b.Brands, Platforms: b.Platforms,
		Tags: b.Tags, Until: b.Until, Reason: b.Reason, By: actor(c)})
	if err != nil {
		return queueError(err)
	}
	return c.JSON(crisisResult(cr, held))
}

// handleCrisisList is GET /v1/crises (?all=true includes ended ones).
func (s *Server) handleCrisisList(c *fiber.Ctx) error {
	cs, ok := s.queue.Store().(queue.CrisisStore)
	if !ok {
		return queueError(queue.ErrNoCrisisStore)
	}
	list, err := cs.Crises(c.UserContext(), c.QueryBool("all"))
	if err != nil {
		return err
	}
	if list == nil {
		list = []queue.Crisis{}
	}
	return c.JSON(fiber.Map{"crises": list})
}

// handleCrisisAction is POST /v1/crises/:id/{confirm,end}.
func (s *Server) handleCrisisAction(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		cr, es, err := s.crisisAct(c.UserContext(), c.Params("id"), action, actor(c))
		if err != nil {
			return err
		}
		return c.JSON(crisisResult(cr, es))
	}
}

func (s *Server) crisisAct(ctx context.Context, id, action, by string) (queue.Crisis, []queue.Entry, error) {
	var cr queue.Crisis
	var es []queue.Entry
	var err error
	switch action {
	case "confirm":
		cr, es, err = s.queue.ConfirmCrisis(ctx, id, by)
	case "end":
		cr, es, err = s.queue.EndCrisis(ctx, id, by)
	default:
		return cr, nil, newError(http.StatusNotFound, CodeNotFound, "", fmt.Sprintf("no crisis action %q (confirm, end)", action))
	}
	return cr, es, queueError(err)
}

// idempotency coordinates POST /v1/queue requests with one key inside
// this process: later ones wait for the first. Without a store that
// remembers keys it also keeps the answers, bounded in number and age (the
// oldest go first; one still running is kept).
type idempotency struct {
	mu    sync.Mutex
	byKey map[string]*idemEntry
	order []*idemEntry
	max   int
	ttl   time.Duration
}

type idemEntry struct {
	key    string
	hash   [32]byte
	at     time.Time
	done   chan struct{}
	status int
	out    []byte
}

func newIdempotency(max int, ttl time.Duration) *idempotency {
	return &idempotency{byKey: map[string]*idemEntry{}, max: max, ttl: ttl}
}

// begin returns the entry for key and whether this call is the first.
func (m *idempotency) begin(key string, hash [32]byte, now time.Time) (*idemEntry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.order) > 0 {
		old := m.order[0]
		live := m.byKey[old.key] == old
		if live && len(m.order) < m.max && now.Sub(old.at) < m.ttl {
			break
		}
		if live {
			delete(m.byKey, old.key)
		}
		m.order = m.order[1:]
	}
	if e, ok := m.byKey[key]; ok {
		return e, false
	}
	e := &idemEntry{key: key, hash: hash, at: now, done: make(chan struct{})}
	m.byKey[key] = e
	m.order = append(m.order, e)
	return e, true
}

// finish gives the waiters the answer; keep remembers it for later
// retries (when the store does not).
func (m *idempotency) finish(key string, status int, out []byte, keep bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byKey[key]; ok && e.out == nil {
		e.status, e.out = status, out
		close(e.done)
		if !keep {
			delete(m.byKey, key)
		}
	}
}

// abandon forgets a key whose first request failed on the server's side,
// so a retry runs again.
func (m *idempotency) abandon(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.byKey[key]; ok && e.out == nil {
		delete(m.byKey, key)
		close(e.done)
	}
}

// hookEvent is what a hook delivery asks: check a post about to go out
// (the default), register or update a scheduled post in the queue, report
// it cancelled, or report it published.
type hookEvent int

const (
	hookCheck hookEvent = iota
	hookRegister
	hookCancel
	hookPublished
)

// hookEventNames are the fields that carry a delivery's event type
// ("post.scheduled", "message.updated", …), in the post or its envelope.
var hookEventNames = []string{"event", "event_type", "type", "trigger", "action"}

// eventOf reads the delivery's event type.
func eventOf(hb hookBody) hookEvent {
	for _, obj := range hb {
		for _, n := range hookEventNames {
			v, _ := obj[normKey(n)].(string)
			v = strings.ToLower(v)
			switch {
			case v == "":
				continue
			case strings.Contains(v, "prepublish") || strings.Contains(v, "pre_publish") || strings.Contains(v, "before"):
				return hookCheck
			case strings.Contains(v, "unschedul"):
				return hookCancel
			case strings.Contains(v, "schedul") || strings.Contains(v, "creat") || strings.Contains(v, "updated") || strings.Contains(v, "edit"):
				// "updated", not "update": Buffer calls every post an update.
				return hookRegister
			case strings.Contains(v, "cancel") || strings.Contains(v, "delet"):
				return hookCancel
			case strings.Contains(v, "published") || strings.Contains(v, "sent"):
				return hookPublished
			}
		}
	}
	return hookCheck
}

// hookQueue is the queue's part of a hook answer.
type hookQueue struct {
	ID     string       `json:"id"`
	Status queue.Status `json:"status"`
	Hold   *queue.Hold  `json:"hold,omitempty"`
}

// hookQueueEvent handles a registration, cancellation or publication sent
// through the hook; the answer is the queue entry's report plus action.
func (s *Server) hookQueueEvent(c *fiber.Ctx, ev hookEvent, p checker.Post) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(c.UserContext(), s.opts.CheckTimeout)
	defer cancel()
	var e queue.Entry
	var err error
	switch ev {
	case hookRegister:
		if p.ScheduledAt.IsZero() {
			return 0, nil, newError(http.StatusBadRequest, CodeInvalid, "scheduled_at", "required to register a scheduled post")
		}
		if err = validatePost(&p); err != nil {
			return 0, nil, err
		}
		var es []queue.Entry
		if es, err = s.queue.Add(ctx, []checker.Post{p}, "hook"); err == nil {
			e = es[0]
		}
	case hookCancel:
		e, err = s.queue.Cancel(ctx, p.ID, "scheduler", "cancelled in the scheduler")
	case hookPublished:
		e, err = s.queue.Published(ctx, p.ID, "scheduler")
	}
	if err != nil {
		return 0, nil, queueError(err)
	}
	act := hookResponse{Action: "publish", Reason: "queued: " + string(e.Status), Queue: &hookQueue{ID: e.ID, Status: e.Status, Hold: e.Hold}}
	if e.Status == queue.StatusHeld || e.Status == queue.StatusCancelled {
		act.Action = "hold"
		if e.Hold != nil {
			act.Reason = "held: " + e.Hold.Reason
		}
	}
	head, err := json.Marshal(act)
	if err != nil {
		return 0, nil, err
	}
	rep := e.Report
	if len(rep) == 0 {
		rep = []byte(`{"verdict":"pass","score":0,"findings":[]}`)
	}
	return http.StatusOK, joinObjects(head, rep), nil
}

// queuedHold overrides a pre-publish answer for a post the queue holds (or
// that was cancelled): the scheduler is told to hold it, with the hold's
// reason and evidence.
//
// The check's verdict on a queued post is appended to the audit log.
func (s *Server) queuedHold(ctx context.Context, id string, rep *checker.Report, act *hookResponse) {
	if s.queue == nil || id == "" {
		return
	}
	e, err := s.queue.Store().Get(ctx, id)
	if err != nil {
		return // not queued: the check alone decides
	}
	if rep != nil {
		if err := s.queue.RecordCheck(ctx, *rep, e.Status, "hook", "scheduler"); err != nil {
			s.log.Error("audit of a hook check failed", "post", id, "err", err)
		}
	}
	act.Queue = &hookQueue{ID: e.ID, Status: e.Status, Hold: e.Hold}
	switch e.Status {
	case queue.StatusHeld:
		act.Action = "hold"
		if e.Hold != nil {
			act.Reason = "held in the queue: " + e.Hold.Reason
		}
	case queue.StatusCancelled:
		act.Action, act.Reason = "hold", "cancelled in the queue"
	}
}
