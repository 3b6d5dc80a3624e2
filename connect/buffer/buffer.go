// Package buffer connects Preflight to Buffer's queue. Buffer sends no
// webhooks, so the connector polls each profile's pending updates
// (GET /1/profiles/{id}/updates/pending.json), queues them for checks, and
// reports the held ones; a person pauses or edits them in Buffer.
package buffer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/connect/internal/api"
	"github.com/preflight-dev/preflight/queue"
)

// DefaultAPI is Buffer's REST API.
const DefaultAPI = "https://api.bufferapp.com/1"

// Config is the "connect.buffer" section of preflight.yaml.
type Config struct {
	// Token is a Buffer access token (or ${ENV_NAME}).
	Token string `yaml:"token"`
	// Profiles limits the poll to these profile IDs; empty polls every
	// profile the token can see.
	Profiles []string `yaml:"profiles"`
	// API overrides DefaultAPI (tests, a proxy).
	API string `yaml:"api"`
	// Brand and Regions are given to every update.
	Brand   string   `yaml:"brand"`
	Regions []string `yaml:"regions"`
}

// Setup says what the connector needs, for `preflight connect buffer`.
const Setup = `Buffer: Buffer has no webhooks, so Preflight polls each profile's queue of
pending updates, checks them, and reports the ones it holds (pause or edit
them in Buffer; the report says why).

It needs a Buffer access token:
  1. Register an app at buffer.com/developers/apps (or use your account's
     access token where your plan offers one).
  2. Copy the access token.

In preflight.yaml:
  connect:
    buffer:
      token: ${PREFLIGHT_BUFFER_TOKEN}
      profiles: []          # optional: only these profile IDs
      brand: Acme           # optional
      regions: [GB]         # optional

Then: preflight connect buffer --test`

// maxPages caps the pages read from one profile (100 updates a page).
const maxPages = 100

// Client polls one Buffer account.
type Client struct {
	cfg   Config
	api   api.Client
	token string
}

// New checks the configuration and returns a client; hc may be nil.
func New(cfg Config, hc *http.Client) (*Client, error) {
	token := api.Secret(cfg.Token)
	if token == "" {
		return nil, errors.New("connect.buffer.token: missing (a Buffer access token; see preflight connect buffer)")
	}
	base := strings.TrimSpace(cfg.API)
	if base == "" {
		base = DefaultAPI
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("connect.buffer.api: want an address like %s (got %q)", DefaultAPI, cfg.API)
	}
	// Buffer's API takes the token as a query parameter.
	return &Client{cfg: cfg, api: api.Client{Base: strings.TrimRight(base, "/"), HTTP: hc}, token: token}, nil
}

func (c *Client) path(p string, q url.Values) string {
	if q == nil {
		q = url.Values{}
	}
	q.Set("access_token", c.token)
	return p + "?" + q.Encode()
}

// Verify checks the token and returns the user's name and how many
// profiles it can see.
func (c *Client) Verify(ctx context.Context) (string, error) {
	var user struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if _, err := c.api.Do(ctx, http.MethodGet, c.path("/user.json", nil), nil, &user); err != nil {
		return "", err
	}
	ps, err := c.Profiles(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s (%d profiles)", user.Name, len(ps)), nil
}

// Profile is one social account in Buffer.
type Profile struct {
	ID       string `json:"id"`
	Service  string `json:"service"`
	Username string `json:"formatted_username"`
}

// Profiles lists the profiles the connector polls.
func (c *Client) Profiles(ctx context.Context) ([]Profile, error) {
	var all []Profile
	if _, err := c.api.Do(ctx, http.MethodGet, c.path("/profiles.json", nil), nil, &all); err != nil {
		return nil, err
	}
	if len(c.cfg.Profiles) == 0 {
		return all, nil
	}
	var out []Profile
	for _, p := range all {
		if slices.Contains(c.cfg.Profiles, p.ID) {
			out = append(out, p)
		}
	}
	for _, id := range c.cfg.Profiles {
		if !slices.ContainsFunc(out, func(p Profile) bool { return p.ID == id }) {
			return nil, fmt.Errorf("connect.buffer.profiles: %q is not a profile this token can see", id)
		}
	}
	return out, nil
}

// Update is a pending update as Buffer returns it.
type Update struct {
	ID             string `json:"id"`
	Text           string `json:"text"`
	DueAt          int64  `json:"due_at"` // Unix seconds
	ProfileID      string `json:"profile_id"`
	ProfileService string `json:"profile_service"`
	Media          *struct {
		Link        string `json:"link"`
		Picture     string `json:"picture"`
		AltText     string `json:"alt_text"`
		Description string `json:"description"`
	} `json:"media"`
}

// Pending reads every pending update of one profile.
func (c *Client) Pending(ctx context.Context, profileID string) ([]Update, error) {
	var all []Update
	for page := 1; page <= maxPages; page++ {
		var got struct {
			Total   int      `json:"total"`
			Updates []Update `json:"updates"`
		}
		q := url.Values{"page": {fmt.Sprint(page)}, "count": {"100"}}
		if _, err := c.api.Do(ctx, http.MethodGet, c.path("/profiles/"+url.PathEscape(profileID)+"/updates/pending.json", q), nil, &got); err != nil {
			return nil, err
		}
		all = append(all, got.Updates...)
		if len(got.Updates) == 0 || len(all) >= got.Total {
			return all, nil
		}
	}
	return nil, fmt.Errorf("profile %s: more than %d pages of pending updates", profileID, maxPages)
}

// Post maps an update to the post Preflight checks; its ID is "buffer:"
// and the update's.
func (c *Client) Post(u Update) checker.Post {
	p := checker.Post{ID: "buffer:" + u.ID, Text: u.Text, ScheduledAt: time.Unix(u.DueAt, 0).UTC(),
		Brand: c.cfg.Brand, Regions: c.cfg.Regions}
	if pl, err := checker.ParsePlatform(u.ProfileService); err == nil {
		p.Platform = pl
	}
	if u.Media != nil && (u.Media.Picture != "" || u.Media.AltText != "") {
		p.Media = []checker.Media{{URL: u.Media.Picture, Alt: u.Media.AltText}}
	}
	return p
}

// Queue is what the connector needs of queue.Queue.
type Queue interface {
	Add(ctx context.Context, posts []checker.Post, source string) ([]queue.Entry, error)
	Store() queue.Store
}

// Held is one held update, as the report shows it.
type Held struct {
	ID      string    `json:"id"`
	Profile string    `json:"profile"`
	DueAt   time.Time `json:"due_at"`
	Text    string    `json:"text"`
	Reason  string    `json:"reason"`
}

// Summary says what one poll did.
type Summary struct {
	Profiles int    `json:"profiles"`
	Read     int    `json:"read"`
	Queued   int    `json:"queued"`
	Held     []Held `json:"held"`
}

// Sync polls every profile, queues the new and edited updates, and
// returns the held ones (new holds and those still held) to report.
// An update without a due time (Buffer's "share next") is not queued.
func (c *Client) Sync(ctx context.Context, q Queue) (Summary, error) {
	ps, err := c.Profiles(ctx)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Profiles: len(ps)}
	var fresh []checker.Post
	var all []queue.Entry
	profile := map[string]string{}
	for _, pr := range ps {
		ups, err := c.Pending(ctx, pr.ID)
		if err != nil {
			return sum, err
		}
		sum.Read += len(ups)
		for _, u := range ups {
			if u.DueAt <= 0 {
				continue
			}
			p := c.Post(u)
			profile[p.ID] = pr.Service + " " + pr.Username
			e, err := q.Store().Get(ctx, p.ID)
			switch {
			case err == nil && e.Post.Text == p.Text && e.Post.ScheduledAt.Equal(p.ScheduledAt) && slices.Equal(e.Post.Media, p.Media):
				all = append(all, e) // unchanged: the queue re-checks it when the news changes
			case err == nil || errors.Is(err, queue.ErrNotFound):
				fresh = append(fresh, p)
			default:
				return sum, err
			}
		}
	}
	queued, err := q.Add(ctx, fresh, "buffer")
	if err != nil {
		return sum, err
	}
	sum.Queued = len(queued)
	for _, e := range append(all, queued...) {
		if e.Status != queue.StatusHeld {
			continue
		}
		h := Held{ID: e.ID, Profile: profile[e.ID], DueAt: e.Post.ScheduledAt, Text: e.Post.Text}
		if e.Hold != nil {
			h.Reason = e.Hold.Reason
		}
		sum.Held = append(sum.Held, h)
	}
	slices.SortFunc(sum.Held, func(a, b Held) int { return a.DueAt.Compare(b.DueAt) })
	return sum, nil
}
