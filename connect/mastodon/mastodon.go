// Package mastodon connects Preflight to a Mastodon (or compatible)
// server's scheduled posts: it reads them (GET /api/v1/scheduled_statuses),
// queues them for checks, holds a held post by moving its scheduled_at far
// ahead (PUT /api/v1/scheduled_statuses/:id) and moves it back when a
// person releases it.
//
// Nothing but the queue remembers a parked post's time: a post is parked
// when the server's time is exactly ParkShift after the queued time, so a
// restart, or another replica, finds the original time in the queue.
package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/connect/internal/api"
	"github.com/preflight-dev/preflight/queue"
)

// Config is the "connect.mastodon" section of preflight.yaml.
type Config struct {
	// Server is the instance's address, https://mastodon.example.
	Server string `yaml:"server"`
	// Token is an access token with the scopes read:statuses and
	// write:statuses (or ${ENV_NAME} to read it from the environment).
	Token string `yaml:"token"`
	// Brand and Regions are given to every post from this account.
	Brand   string   `yaml:"brand"`
	Regions []string `yaml:"regions"`
}

// Setup says what the connector needs, for `preflight connect mastodon`.
const Setup = `Mastodon: reads the account's scheduled posts, queues them for checks,
holds a held post by moving it a year ahead and moves it back on release.

It needs an access token of the account that schedules the posts:
  1. On the server: Preferences > Development > New application.
  2. Scopes: read:statuses and write:statuses (read:accounts for --test).
  3. Copy "Your access token".

In preflight.yaml:
  connect:
    mastodon:
      server: https://mastodon.example
      token: ${PREFLIGHT_MASTODON_TOKEN}   # or the token itself
      brand: Acme                          # optional: the brand of its posts
      regions: [GB]                        # optional: its audience

Then: preflight connect mastodon --test`

// ParkShift is how far ahead a held post is moved.
const ParkShift = 365 * 24 * time.Hour

// MinAhead is the least time ahead Mastodon accepts for scheduled_at; a
// released post whose time has passed is scheduled this far ahead (plus a
// minute) instead.
const MinAhead = 5 * time.Minute

// maxPages caps the scheduled posts read in one sync (40 a page).
const maxPages = 250

// Client talks to one account on one server.
type Client struct {
	cfg Config
	api api.Client
	now func() time.Time
}

// New checks the configuration and returns a client; hc and now may be
// nil (a 30-second client, time.Now).
func New(cfg Config, hc *http.Client, now func() time.Time) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.Server))
	if cfg.Server == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("connect.mastodon.server: want the server's address, like https://mastodon.example (got %q)", cfg.Server)
	}
	token := api.Secret(cfg.Token)
	if token == "" {
		return nil, errors.New("connect.mastodon.token: missing (an access token with read:statuses and write:statuses; see preflight connect mastodon)")
	}
	if now == nil {
		now = time.Now
	}
	return &Client{cfg: cfg, api: api.Client{Base: strings.TrimRight(u.String(), "/"), Token: token, HTTP: hc}, now: now}, nil
}

// Verify checks the token and returns the account's name.
func (c *Client) Verify(ctx context.Context) (string, error) {
	var acct struct {
		Acct string `json:"acct"`
	}
	if _, err := c.api.Do(ctx, http.MethodGet, "/api/v1/accounts/verify_credentials", nil, &acct); err != nil {
		return "", err
	}
	if _, err := c.api.Do(ctx, http.MethodGet, "/api/v1/scheduled_statuses?limit=1", nil, nil); err != nil {
		return "", fmt.Errorf("the token cannot read scheduled posts (scope read:statuses): %w", err)
	}
	return acct.Acct, nil
}

// Scheduled is a scheduled status as the API returns it.
type Scheduled struct {
	ID          string    `json:"id"`
	ScheduledAt time.Time `json:"scheduled_at"`
	Params      struct {
		Text        string          `json:"text"`
		SpoilerText string          `json:"spoiler_text"`
		Language    string          `json:"language"`
		InReplyToID json.RawMessage `json:"in_reply_to_id"` // a string, or a number on older servers
	} `json:"params"`
	MediaAttachments []struct {
		URL         string `json:"url"`
		Description string `json:"description"`
	} `json:"media_attachments"`
}

// nextLink reads the "next" page from a Link header.
var nextLink = regexp.MustCompile(`<([^>]+)>;\s*rel="next"`)

// List reads every scheduled post, following the pages.
func (c *Client) List(ctx context.Context) ([]Scheduled, error) {
	var all []Scheduled
	path := "/api/v1/scheduled_statuses?limit=40"
	for range maxPages {
		var page []Scheduled
		h, err := c.api.Do(ctx, http.MethodGet, path, nil, &page)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		m := nextLink.FindStringSubmatch(h.Get("Link"))
		if len(page) == 0 || m == nil {
			return all, nil
		}
		next, err := url.Parse(m[1])
		if err != nil || next.Host != "" && !strings.HasPrefix(m[1], c.api.Base) {
			return nil, fmt.Errorf("scheduled_statuses: next page %q is not on %s", m[1], c.api.Base)
		}
		path = next.RequestURI()
	}
	return nil, fmt.Errorf("scheduled_statuses: more than %d pages", maxPages)
}

// Post maps a scheduled status to the post Preflight checks; its ID is
// "mastodon:" and the status's.
func (c *Client) Post(s Scheduled) checker.Post {
	text := s.Params.Text
	if s.Params.SpoilerText != "" {
		text = s.Params.SpoilerText + "\n\n" + text // the content warning is read first
	}
	p := checker.Post{ID: ID(s.ID), Text: text, ScheduledAt: s.ScheduledAt.UTC(), Platform: checker.PlatformMastodon,
		Kind: checker.KindPost, Brand: c.cfg.Brand, Regions: c.cfg.Regions, Language: s.Params.Language}
	if id := strings.Trim(string(s.Params.InReplyToID), `"`); id != "" && id != "null" {
		p.Kind, p.InReplyTo = checker.KindReply, id
	}
	for _, m := range s.MediaAttachments {
		p.Media = append(p.Media, checker.Media{URL: m.URL, Alt: m.Description})
	}
	return p
}

// ID is the queue's ID of a Mastodon scheduled status.
func ID(statusID string) string { return "mastodon:" + statusID }

// Queue is what the connector needs of queue.Queue.
type Queue interface {
	Add(ctx context.Context, posts []checker.Post, source string) ([]queue.Entry, error)
	Store() queue.Store
}

// Summary says what one sync did.
type Summary struct {
	Read     int      `json:"read"`
	Queued   int      `json:"queued"`
	Parked   []string `json:"parked"`   // held: moved ParkShift ahead
	Restored []string `json:"restored"` // released: moved back
	Waiting  int      `json:"waiting"`  // parked and still held
}

// Sync reads the scheduled posts, queues (and so checks) those that are
// new or edited, parks each held post and restores each parked post a
// person released.
func (c *Client) Sync(ctx context.Context, q Queue) (Summary, error) {
	list, err := c.List(ctx)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Read: len(list)}
	var fresh []checker.Post
	known := make(map[string]queue.Entry, len(list))
	parked := map[string]bool{}
	for _, s := range list {
		e, err := q.Store().Get(ctx, ID(s.ID))
		if err != nil && !errors.Is(err, queue.ErrNotFound) {
			return sum, err
		}
		if err == nil && s.ScheduledAt.Sub(e.Post.ScheduledAt).Round(time.Second) == ParkShift {
			known[e.ID], parked[e.ID] = e, true
			continue
		}
		p := c.Post(s)
		if err == nil && same(p, e.Post) {
			// Unchanged since queued: the queue re-checks it when the news
			// changes; queuing it again would judge a released post afresh.
			known[e.ID] = e
			continue
		}
		fresh = append(fresh, p)
	}
	queued, err := q.Add(ctx, fresh, "mastodon")
	if err != nil {
		return sum, err
	}
	sum.Queued = len(queued)
	for _, e := range queued {
		known[e.ID] = e
	}
	for _, s := range list {
		e := known[ID(s.ID)]
		held := e.Status == queue.StatusHeld
		switch {
		case !parked[e.ID] && held:
			if err := c.move(ctx, s.ID, e.Post.ScheduledAt.Add(ParkShift)); err != nil {
				return sum, fmt.Errorf("hold %s: %w", e.ID, err)
			}
			sum.Parked = append(sum.Parked, e.ID)
		case !parked[e.ID]:
		case held || e.Status == queue.StatusCancelled || e.Status == queue.StatusPublished:
			sum.Waiting++ // a cancelled post stays parked: a person deletes it
		default:
			at := e.Post.ScheduledAt
			if earliest := c.now().Add(MinAhead + time.Minute); at.Before(earliest) {
				at = earliest
			}
			if err := c.move(ctx, s.ID, at); err != nil {
				return sum, fmt.Errorf("release %s: %w", e.ID, err)
			}
			sum.Restored = append(sum.Restored, e.ID)
		}
	}
	return sum, nil
}

// move reschedules one status.
func (c *Client) move(ctx context.Context, statusID string, at time.Time) error {
	form := url.Values{"scheduled_at": {at.UTC().Format(time.RFC3339)}}
	_, err := c.api.Do(ctx, http.MethodPut, "/api/v1/scheduled_statuses/"+url.PathEscape(statusID), form, nil)
	return err
}

// same reports whether the scheduler's post is the one queued.
func same(a, b checker.Post) bool {
	return a.Text == b.Text && a.ScheduledAt.Equal(b.ScheduledAt) && a.Language == b.Language &&
		a.InReplyTo == b.InReplyTo && slices.Equal(a.Media, b.Media)
}
