// Package hootsuite makes Preflight an external reviewer in Hootsuite's
// approval flow: Hootsuite sends a message event when a post waits for
// approval; the reviewer fetches the message (GET /v1/messages/{id}),
// queues it for a check, and approves it, or rejects it with the hold's
// reason, which Hootsuite shows to the author (POST
// /v1/messages/{id}/approve or /reject, reviewerType EXTERNAL).
package hootsuite

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/connect/internal/api"
	"github.com/preflight-dev/preflight/queue"
)

// DefaultAPI is Hootsuite's REST API.
const DefaultAPI = "https://platform.hootsuite.com"

// Config is the "connect.hootsuite" section of preflight.yaml.
type Config struct {
	// Token is an OAuth access token of the app registered as an external
	// reviewer (or ${ENV_NAME}).
	Token string `yaml:"token"`
	// EventSecret is the value the event URL carries as ?secret=…, so only
	// Hootsuite (given that URL) can send events (or ${ENV_NAME}).
	EventSecret string `yaml:"event_secret"`
	// API overrides DefaultAPI (tests, a proxy).
	API string `yaml:"api"`
	// Brand, Regions and Platform are given to every message.
	Brand    string           `yaml:"brand"`
	Regions  []string         `yaml:"regions"`
	Platform checker.Platform `yaml:"platform"`
}

// Setup says what the connector needs, for `preflight connect hootsuite`.
const Setup = `Hootsuite: Preflight reviews posts in Hootsuite's approval flow as an
external reviewer. When a message waits for approval, Hootsuite sends an
event; Preflight fetches the message, checks it, and approves it or
rejects it with the reason, which the author sees in Hootsuite.

It needs:
  1. A Hootsuite developer app (developer.hootsuite.com) with the message
     review permission, added to the organization as an external reviewer
     in the approval rules (Organization > Social networks > Custom approvals).
  2. An OAuth access token of that app for the organization.
  3. The app's webhook URL set to this service's event address with a
     secret of your choosing:  https://preflight.example/hootsuite/events?secret=…

In preflight.yaml:
  connect:
    hootsuite:
      token: ${PREFLIGHT_HOOTSUITE_TOKEN}
      event_secret: ${PREFLIGHT_HOOTSUITE_EVENT_SECRET}
      brand: Acme              # optional
      regions: [GB]            # optional
      platform: x              # optional: the network the approval rule covers

Then: preflight connect hootsuite --test`

// Reviewer answers Hootsuite's approval requests.
type Reviewer struct {
	cfg    Config
	api    api.Client
	secret string
	queue  Queue
}

// Queue is what the reviewer needs of queue.Queue.
type Queue interface {
	Add(ctx context.Context, posts []checker.Post, source string) ([]queue.Entry, error)
}

// New checks the configuration and returns a reviewer feeding q (nil for
// --test); hc may be nil.
func New(cfg Config, q Queue, hc *http.Client) (*Reviewer, error) {
	token := api.Secret(cfg.Token)
	if token == "" {
		return nil, errors.New("connect.hootsuite.token: missing (an OAuth token of the reviewer app; see preflight connect hootsuite)")
	}
	base := strings.TrimSpace(cfg.API)
	if base == "" {
		base = DefaultAPI
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("connect.hootsuite.api: want an address like %s (got %q)", DefaultAPI, cfg.API)
	}
	if cfg.Platform != "" {
		p, err := checker.ParsePlatform(string(cfg.Platform))
		if err != nil {
			return nil, fmt.Errorf("connect.hootsuite.platform: %w", err)
		}
		cfg.Platform = p
	}
	return &Reviewer{cfg: cfg, api: api.Client{Base: strings.TrimRight(base, "/"), Token: token, HTTP: hc},
		secret: api.Secret(cfg.EventSecret), queue: q}, nil
}

// Verify checks the token and returns the member it belongs to.
func (r *Reviewer) Verify(ctx context.Context) (string, error) {
	var me struct {
		Data struct {
			ID       string `json:"id"`
			FullName string `json:"fullName"`
			Email    string `json:"email"`
		} `json:"data"`
	}
	if _, err := r.api.Do(ctx, http.MethodGet, "/v1/me", nil, &me); err != nil {
		return "", err
	}
	if r.secret == "" {
		return "", errors.New("connect.hootsuite.event_secret: missing: events could not be told from forgeries")
	}
	return strings.TrimSpace(me.Data.FullName + " <" + me.Data.Email + ">"), nil
}

// Event is one of Hootsuite's message events.
type Event struct {
	Type string `json:"type"`
	Data struct {
		State   string `json:"state"`
		Message struct {
			ID string `json:"id"`
		} `json:"message"`
		Timestamp time.Time `json:"timestamp"`
	} `json:"data"`
}

// Message is a message as GET /v1/messages/{id} returns it.
type Message struct {
	ID                string    `json:"id"`
	State             string    `json:"state"`
	Text              string    `json:"text"`
	ScheduledSendTime time.Time `json:"scheduledSendTime"`
	SequenceNumber    *int      `json:"sequenceNumber"`
	SocialProfile     struct {
		ID string `json:"id"`
	} `json:"socialProfile"`
	Media []struct {
		ID string `json:"id"`
	} `json:"media"`
	MediaURLs []struct {
		URL string `json:"url"`
	} `json:"mediaUrls"`
}

// Decision is what the reviewer did with one message.
type Decision struct {
	MessageID string `json:"message_id"`
	Approved  bool   `json:"approved"`
	Reason    string `json:"reason,omitempty"`
}

// maxEvents caps the events read from one delivery.
const maxEvents = 100

// Handle reads one delivery of events (a JSON array) and reviews each
// message that waits for approval; other events are ignored.
func (r *Reviewer) Handle(ctx context.Context, body []byte) ([]Decision, error) {
	var evs []Event
	if err := json.Unmarshal(body, &evs); err != nil {
		return nil, fmt.Errorf("hootsuite events: want a JSON array of events: %w", err)
	}
	if len(evs) > maxEvents {
		return nil, fmt.Errorf("hootsuite events: %d events in one delivery, at most %d", len(evs), maxEvents)
	}
	var out []Decision
	for i, ev := range evs {
		if ev.Type != "com.hootsuite.messages.event.v1" || ev.Data.State != "PENDING_APPROVAL" {
			continue
		}
		if ev.Data.Message.ID == "" {
			return out, fmt.Errorf("hootsuite events: event %d: data.message.id missing", i+1)
		}
		d, err := r.Review(ctx, ev.Data.Message.ID)
		if err != nil {
			return out, fmt.Errorf("message %s: %w", ev.Data.Message.ID, err)
		}
		out = append(out, d)
	}
	return out, nil
}

// Review fetches one message, queues it and approves or rejects it.
func (r *Reviewer) Review(ctx context.Context, id string) (Decision, error) {
	var got struct {
		Data []Message `json:"data"`
	}
	if _, err := r.api.Do(ctx, http.MethodGet, "/v1/messages/"+url.PathEscape(id), nil, &got); err != nil {
		return Decision{}, err
	}
	if len(got.Data) == 0 {
		return Decision{}, errors.New("Hootsuite returned no message")
	}
	m := got.Data[0]
	if r.queue == nil {
		return Decision{}, errors.New("hootsuite: this reviewer has no queue (made for --test)")
	}
	if m.State != "PENDING_APPROVAL" {
		return Decision{MessageID: id, Approved: true, Reason: "no longer waiting for approval (" + m.State + ")"}, nil
	}
	es, err := r.queue.Add(ctx, []checker.Post{r.Post(m)}, "hootsuite")
	if err != nil {
		return Decision{}, err
	}
	d := Decision{MessageID: id, Approved: es[0].Status != queue.StatusHeld}
	body := map[string]any{"reviewerType": "EXTERNAL"}
	if m.SequenceNumber != nil {
		body["sequenceNumber"] = *m.SequenceNumber
	}
	action := "approve"
	if !d.Approved {
		action = "reject"
		d.Reason = Reason(es[0].Hold)
		body["reason"] = d.Reason
	}
	if _, err := r.api.Do(ctx, http.MethodPost, "/v1/messages/"+url.PathEscape(id)+"/"+action, body, nil); err != nil {
		return Decision{}, fmt.Errorf("%s: %w", action, err)
	}
	return d, nil
}

// Post maps a message to the post Preflight checks; its ID is "hootsuite:"
// and the message's.
func (r *Reviewer) Post(m Message) checker.Post {
	p := checker.Post{ID: "hootsuite:" + m.ID, Text: m.Text, ScheduledAt: m.ScheduledSendTime.UTC(),
		Platform: r.cfg.Platform, Brand: r.cfg.Brand, Regions: r.cfg.Regions}
	for _, u := range m.MediaURLs {
		p.Media = append(p.Media, checker.Media{URL: u.URL})
	}
	return p
}

// maxReason keeps the reason within what an author reads in a dialog.
const maxReason = 1000

// Reason is what the author reads: why the post is held and the news or
// days behind it.
func Reason(h *queue.Hold) string {
	if h == nil {
		return "Held by Preflight."
	}
	var b strings.Builder
	b.WriteString("Preflight held this post: " + h.Reason)
	for i, ev := range h.Evidence {
		if i == 3 {
			fmt.Fprintf(&b, " (and %d more)", len(h.Evidence)-3)
			break
		}
		b.WriteString("\n- " + ev.Title)
		if ev.URL != "" {
			b.WriteString(" " + ev.URL)
		}
	}
	s := b.String()
	if len(s) > maxReason {
		s = strings.ToValidUTF8(s[:maxReason], "") + "…"
	}
	return s
}

// ServeHTTP receives Hootsuite's event deliveries: POST with the event
// secret as ?secret=…; it answers 200 with the decisions.
func (r *Reviewer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost {
		http.Error(w, "POST events here", http.StatusMethodNotAllowed)
		return
	}
	if r.secret == "" || subtle.ConstantTimeCompare([]byte(req.URL.Query().Get("secret")), []byte(r.secret)) != 1 {
		http.Error(w, "wrong or missing secret", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	ds, err := r.Handle(req.Context(), body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"decisions": ds})
}
