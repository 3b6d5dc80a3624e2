package alert

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/preflight-dev/preflight/queue"
)

// Sink delivers one event somewhere. An error means "try again later".
type Sink interface {
	Name() string
	Send(ctx context.Context, ev queue.Event) error
}

// Slack posts events to a Slack-compatible incoming webhook (Slack,
// Mattermost, Rocket.Chat take {"text": …}).
type Slack struct {
	URL    string
	Client *http.Client
}

// Name names the sink in logs.
func (s *Slack) Name() string { return "slack" }

// Send posts the event as one line of text with its evidence.
func (s *Slack) Send(ctx context.Context, ev queue.Event) error {
	body, err := json.Marshal(map[string]string{"text": Text(ev)})
	if err != nil {
		return err
	}
	return post(ctx, s.Client, s.URL, body, nil)
}

// Text is the human sentence for an event.
func Text(ev queue.Event) string {
	var b strings.Builder
	switch ev.Kind {
	case queue.EventHold:
		fmt.Fprintf(&b, ":octagonal_sign: Preflight held post %s", ev.PostID)
	case queue.EventRelease:
		fmt.Fprintf(&b, ":arrow_forward: Post %s released by %s", ev.PostID, ev.By)
	case queue.EventCrisisProposed:
		fmt.Fprintf(&b, ":rotating_light: Preflight proposes crisis mode %s for %s; confirm it on the queue page", ev.CrisisID, strings.Join(ev.Regions, ", "))
	case queue.EventCrisisStarted:
		fmt.Fprintf(&b, ":rotating_light: Crisis %s in force (%s)", ev.CrisisID, ev.By)
	case queue.EventCrisisEnded:
		fmt.Fprintf(&b, ":white_check_mark: Crisis %s ended by %s", ev.CrisisID, ev.By)
	default:
		fmt.Fprintf(&b, "Preflight: %s", ev.Kind)
	}
	if ev.Brand != "" {
		fmt.Fprintf(&b, " [%s]", ev.Brand)
	}
	if !ev.Scheduled.IsZero() {
		fmt.Fprintf(&b, ", scheduled %s", ev.Scheduled.UTC().Format("2006-01-02 15:04Z"))
	}
	if ev.Reason != "" {
		fmt.Fprintf(&b, ": %s", ev.Reason)
	}
	for i, e := range ev.Evidence {
		if i == 3 {
			fmt.Fprintf(&b, "\n• and %d more", len(ev.Evidence)-3)
			break
		}
		fmt.Fprintf(&b, "\n• %s", e.Title)
		if e.URL != "" {
			fmt.Fprintf(&b, " <%s>", e.URL)
		}
	}
	return b.String()
}

// Webhook posts events as JSON ({"type": kind, "timestamp", "data": event})
// signed as Standard Webhooks with the secret ("whsec_" + base64), so the
// receiver can verify them with any Standard Webhooks library.
type Webhook struct {
	URL    string
	signer *standardwebhooks.Webhook
	Client *http.Client
	// Now is the signing clock (the webhook-timestamp receivers check
	// against theirs); nil means time.Now.
	Now func() time.Time
}

// NewWebhook returns a signed webhook sink.
func NewWebhook(url, secret string) (*Webhook, error) {
	s, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return nil, fmt.Errorf("alert webhook secret: %w", err)
	}
	return &Webhook{URL: url, signer: s}, nil
}

// Name names the sink in logs.
func (w *Webhook) Name() string { return "webhook" }

// Send signs and posts the event. The message id is the event's key, so
// a receiver can drop a retried delivery.
func (w *Webhook) Send(ctx context.Context, ev queue.Event) error {
	body, err := json.Marshal(struct {
		Type      queue.EventKind `json:"type"`
		Timestamp time.Time       `json:"timestamp"`
		Data      queue.Event     `json:"data"`
	}{ev.Kind, ev.At, ev})
	if err != nil {
		return err
	}
	id := messageID(ev)
	now := time.Now()
	if w.Now != nil {
		now = w.Now()
	}
	sig, err := w.signer.Sign(id, now, body)
	if err != nil {
		return err
	}
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	h.Set("webhook-signature", sig)
	return post(ctx, w.Client, w.URL, body, h)
}

// messageID is a stable id per event (so retries carry the same id).
func messageID(ev queue.Event) string {
	sum := sha256.Sum256([]byte(ev.Key() + "|" + ev.At.UTC().Format(time.RFC3339Nano)))
	return "msg_" + hex.EncodeToString(sum[:12])
}

// errPermanent marks a delivery that retrying cannot fix (a 4xx answer).
type errPermanent struct{ error }

func post(ctx context.Context, c *http.Client, url string, body []byte, h http.Header) error {
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return errPermanent{err}
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "preflight-alert")
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	switch {
	case resp.StatusCode < 300:
		return nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return fmt.Errorf("%s answered %s", url, resp.Status)
	}
	return errPermanent{fmt.Errorf("%s answered %s", url, resp.Status)}
}

// Options tune a Dispatcher; zero values take the defaults.
type Options struct {
	// Dedupe drops an event whose Key was sent within this long (default 1 h).
	Dedupe time.Duration
	// PerMinute caps the alerts sent per sink per minute (default 30);
	// the rest wait their turn in the queue.
	PerMinute int
	// Retries is how many times a failed delivery is tried again (default 5),
	// waiting Backoff, then twice that, … up to MaxBackoff.
	Retries    int
	Backoff    time.Duration // default 1 s
	MaxBackoff time.Duration // default 1 min
	// Buffer is how many events may wait (default 1000); past it new
	// events are dropped and counted (the holds themselves are stored).
	Buffer int
	Logger *slog.Logger
	// Now and Sleep are the clock (tests pin them); nil means the real one.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// Dispatcher sends events to its sinks in the background. It implements
// queue.Notifier.
type Dispatcher struct {
	sinks []Sink
	o     Options
	in    chan queue.Event

	mu      sync.Mutex
	sent    map[string]time.Time // event key → when it was last accepted
	windows map[string][]time.Time
	stats   Stats
}

// Stats count what a Dispatcher did.
type Stats struct {
	Sent, Deduplicated, Dropped, Failed, Retried int
}

// New returns a dispatcher over sinks; call Run to start sending.
func New(o Options, sinks ...Sink) *Dispatcher {
	if o.Dedupe <= 0 {
		o.Dedupe = time.Hour
	}
	if o.PerMinute <= 0 {
		o.PerMinute = 30
	}
	if o.Retries <= 0 {
		o.Retries = 5
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = time.Minute
	}
	if o.Buffer <= 0 {
		o.Buffer = 1000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	return &Dispatcher{sinks: sinks, o: o, in: make(chan queue.Event, o.Buffer), sent: map[string]time.Time{}, windows: map[string][]time.Time{}}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Notify queues an event, dropping it when the same one was queued within
// the dedupe window or the buffer is full. It never blocks.
func (d *Dispatcher) Notify(ev queue.Event) {
	now := d.o.Now()
	d.mu.Lock()
	if t, ok := d.sent[ev.Key()]; ok && now.Sub(t) < d.o.Dedupe {
		d.stats.Deduplicated++
		d.mu.Unlock()
		return
	}
	d.sent[ev.Key()] = now
	if len(d.sent) > 4*d.o.Buffer {
		for k, t := range d.sent {
			if now.Sub(t) >= d.o.Dedupe {
				delete(d.sent, k)
			}
		}
	}
	d.mu.Unlock()
	select {
	case d.in <- ev:
	default:
		d.mu.Lock()
		d.stats.Dropped++
		d.mu.Unlock()
		d.o.Logger.Warn("alert dropped: too many waiting", "kind", ev.Kind, "post", ev.PostID)
	}
}

// Stats returns the counts so far.
func (d *Dispatcher) Stats() Stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stats
}

// Run sends queued events until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev := <-d.in:
			for _, s := range d.sinks {
				d.deliver(ctx, s, ev)
			}
		}
	}
}

// Drain sends every event already queued, then returns (tests, shutdown).
func (d *Dispatcher) Drain(ctx context.Context) {
	for {
		select {
		case ev := <-d.in:
			for _, s := range d.sinks {
				d.deliver(ctx, s, ev)
			}
		default:
			return
		}
	}
}

// deliver sends one event to one sink within its rate, retrying with
// doubling backoff a bounded number of times.
func (d *Dispatcher) deliver(ctx context.Context, s Sink, ev queue.Event) {
	if err := d.waitTurn(ctx, s.Name()); err != nil {
		return
	}
	wait := d.o.Backoff
	for attempt := 0; ; attempt++ {
		err := s.Send(ctx, ev)
		if err == nil {
			d.count(func(st *Stats) { st.Sent++ })
			return
		}
		var perm errPermanent
		if errors.As(err, &perm) || attempt == d.o.Retries || ctx.Err() != nil {
			d.count(func(st *Stats) { st.Failed++ })
			d.o.Logger.Error("alert not delivered", "sink", s.Name(), "kind", ev.Kind, "post", ev.PostID, "attempts", attempt+1, "err", err)
			return
		}
		d.count(func(st *Stats) { st.Retried++ })
		if d.o.Sleep(ctx, wait) != nil {
			return
		}
		wait = min(2*wait, d.o.MaxBackoff)
	}
}

func (d *Dispatcher) count(f func(*Stats)) {
	d.mu.Lock()
	f(&d.stats)
	d.mu.Unlock()
}

// waitTurn waits until the sink has sent fewer than PerMinute alerts in
// the last minute.
func (d *Dispatcher) waitTurn(ctx context.Context, sink string) error {
	for {
		now := d.o.Now()
		d.mu.Lock()
		w := d.windows[sink]
		for len(w) > 0 && now.Sub(w[0]) >= time.Minute {
			w = w[1:]
		}
		if len(w) < d.o.PerMinute {
			d.windows[sink] = append(w, now)
			d.mu.Unlock()
			return nil
		}
		next := w[0].Add(time.Minute).Sub(now)
		d.windows[sink] = w
		d.mu.Unlock()
		if err := d.o.Sleep(ctx, next); err != nil {
			return err
		}
	}
}

var _ queue.Notifier = (*Dispatcher)(nil)

// Config is the alerts part of preflight.yaml's queue section.
type Config struct {
	// SlackURL is a Slack-compatible incoming webhook.
	SlackURL string `yaml:"slack_url"`
	// WebhookURL receives every event as JSON signed with WebhookSecret
	// ("whsec_" + base64; also from PREFLIGHT_ALERT_SECRET).
	WebhookURL    string `yaml:"webhook_url"`
	WebhookSecret string `yaml:"webhook_secret"`
	// PerMinute caps the alerts per destination per minute (default 30).
	PerMinute int `yaml:"per_minute"`
}

// SecretEnv is the environment variable with the outgoing webhook's secret.
const SecretEnv = "PREFLIGHT_ALERT_SECRET"

// Sinks builds the configured destinations; getenv reads SecretEnv.
func (c Config) Sinks(getenv func(string) string) ([]Sink, error) {
	var out []Sink
	if c.SlackURL != "" {
		if !strings.HasPrefix(c.SlackURL, "https://") && !strings.HasPrefix(c.SlackURL, "http://") {
			return nil, fmt.Errorf("queue.alerts.slack_url: %q is not an http(s) URL", c.SlackURL)
		}
		out = append(out, &Slack{URL: c.SlackURL})
	}
	if c.WebhookURL != "" {
		secret := c.WebhookSecret
		if secret == "" && getenv != nil {
			secret = getenv(SecretEnv)
		}
		if secret == "" {
			return nil, fmt.Errorf("queue.alerts.webhook_url is set but no secret: set queue.alerts.webhook_secret or %s (whsec_<base64>)", SecretEnv)
		}
		w, err := NewWebhook(c.WebhookURL, secret)
		if err != nil {
			return nil, fmt.Errorf("queue.alerts.webhook_secret: %w", err)
		}
		out = append(out, w)
	}
	return out, nil
}
