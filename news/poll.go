package news

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/internal/strictyaml"
)

// Feed is one news feed the poller reads.
type Feed struct {
	Name     string `yaml:"name" json:"name"`
	URL      string `yaml:"url" json:"url"`
	Language string `yaml:"language,omitempty" json:"language,omitempty"`
	// Regions are given to the feed's articles that name no place the
	// gazetteer knows: a national broadcaster's domestic news.
	Regions []string `yaml:"regions,omitempty" json:"regions,omitempty"`
	// MaxItems and MaxBytes override the poller's per-feed limits for this
	// feed (items taken per poll, bytes per response); zero keeps them.
	MaxItems int   `yaml:"max_items,omitempty" json:"max_items,omitempty"`
	MaxBytes int64 `yaml:"max_bytes,omitempty" json:"max_bytes,omitempty"`
}

//go:embed data/feeds.yaml
var defaultFeedsYAML []byte

// DefaultFeeds returns the built-in list of major public RSS and Atom feeds.
func DefaultFeeds() []Feed {
	fs, err := ParseFeeds(defaultFeedsYAML)
	if err != nil {
		panic("news: embedded feeds.yaml: " + err.Error()) // a build defect, caught by tests
	}
	return fs
}

// ParseFeeds reads a feed list: YAML (a list of {name, url, language,
// regions}, or {feeds: [...]}) or plain text with one URL a line.
func ParseFeeds(b []byte) ([]Feed, error) {
	var list []Feed
	if err := strictyaml.Decode(b, &list); err != nil {
		var doc struct {
			Feeds []Feed `yaml:"feeds"`
		}
		if err2 := strictyaml.Decode(b, &doc); err2 != nil || len(doc.Feeds) == 0 {
			// Plain text: one URL a line.
			list = nil
			for _, line := range strings.Split(string(b), "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				if !strings.HasPrefix(line, "http://") && !strings.HasPrefix(line, "https://") {
					return nil, fmt.Errorf("feed list: %q is not an http(s) URL", line)
				}
				list = append(list, Feed{Name: line, URL: line})
			}
			if len(list) == 0 {
				return nil, fmt.Errorf("feed list: %w", err)
			}
			return list, nil
		}
		list = doc.Feeds
	}
	for i, f := range list {
		if !strings.HasPrefix(f.URL, "http://") && !strings.HasPrefix(f.URL, "https://") {
			return nil, fmt.Errorf("feed list: entry %d: url %q is not http(s)", i+1, f.URL)
		}
		if f.Name == "" {
			list[i].Name = f.URL
		}
	}
	return list, nil
}

// PollOptions configures the poller. Zero values mean the defaults.
type PollOptions struct {
	Every      time.Duration // between rounds; default 5m
	Timeout    time.Duration // per request; default 20s
	MaxBytes   int64         // per response body; default 8 MiB (Feed.MaxBytes overrides)
	MaxItems   int           // articles taken from one feed per poll, newest first; default 200 (Feed.MaxItems overrides)
	MaxBackoff time.Duration // longest wait after repeated failures; default 6h
	// Retention prunes polled articles older than this after each round
	// (see Options.Retention); zero uses the index's own option, which is
	// off by default.
	Retention time.Duration
	// AllowPrivate lets the default client reach private, loopback and
	// link-local addresses (Options.AllowPrivateFeeds). Without it every
	// connection, redirects included, is checked after DNS resolution.
	AllowPrivate bool
	// Client replaces the default client; its transport then decides which
	// addresses it may reach.
	Client    *http.Client     // default: a guarded client with Timeout
	Logger    *slog.Logger     // default: slog.Default()
	Now       func() time.Time // default: time.Now
	UserAgent string           // default: "preflight-news/1 (+https://github.com/preflight-dev/preflight)"
}

// PollStats counts one round of polling.
type PollStats struct {
	Feeds       int `json:"feeds"`
	Fetched     int `json:"fetched"`
	NotModified int `json:"not_modified"`
	Failed      int `json:"failed"`
	BackingOff  int `json:"backing_off"`
	// Capped counts feed items left out because a feed had more than its
	// per-poll limit.
	Capped int `json:"capped"`
	AddStats
}

// feedState is what the poller remembers about a feed between rounds.
type feedState struct {
	etag, lastModified string
	failures           int
	next               time.Time // no request before this (backoff)
}

// Poller fetches feeds into an index: conditional GET (ETag,
// Last-Modified), a timeout and a size limit per request, and exponential
// backoff per feed after failures. The CLI's `news poll` and the service
// run the same poller.
type Poller struct {
	idx   *Index
	feeds []Feed
	opts  PollOptions
	mu    sync.Mutex
	state map[string]*feedState
}

// NewPoller returns a poller for feeds into idx.
func NewPoller(idx *Index, feeds []Feed, opts PollOptions) *Poller {
	if opts.Every <= 0 {
		opts.Every = 5 * time.Minute
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 20 * time.Second
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = idx.opts.MaxFeedBytes
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 8 << 20
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = idx.opts.MaxItemsPerFeed
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = 200
	}
	opts.AllowPrivate = opts.AllowPrivate || idx.opts.AllowPrivateFeeds
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 6 * time.Hour
	}
	if opts.Client == nil {
		opts.Client = guardedClient(opts.Timeout, opts.AllowPrivate)
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "preflight-news/1 (+https://github.com/preflight-dev/preflight)"
	}
	return &Poller{idx: idx, feeds: feeds, opts: opts, state: map[string]*feedState{}}
}

// Run polls every opts.Every until ctx is done, pruning old articles after
// each round. It returns nil when ctx is cancelled.
func (p *Poller) Run(ctx context.Context) error {
	for {
		st := p.PollOnce(ctx)
		p.opts.Logger.Info("news poll round done", "feeds", st.Feeds, "fetched", st.Fetched, "not_modified", st.NotModified,
			"failed", st.Failed, "backing_off", st.BackingOff, "added", st.Added, "duplicates", st.Duplicates)
		p.prune()
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(p.opts.Every):
		}
	}
}

func (p *Poller) prune() {
	o := p.idx.opts
	if p.opts.Retention != 0 {
		o.Retention = p.opts.Retention
	}
	cut, ok := o.RetentionCutoff(p.opts.Now())
	if !ok {
		return
	}
	if n, err := p.idx.Prune(cut); err != nil {
		p.opts.Logger.Error("news prune failed", "err", err)
	} else if n > 0 {
		p.opts.Logger.Info("news pruned", "articles", n, "older_than", cut.Format(time.RFC3339))
	}
}

// PollOnce fetches every feed that is not backing off, once, and indexes
// what is new.
func (p *Poller) PollOnce(ctx context.Context) PollStats {
	var st PollStats
	st.Feeds = len(p.feeds)
	for _, f := range p.feeds {
		if ctx.Err() != nil {
			break
		}
		p.mu.Lock()
		s := p.state[f.URL]
		if s == nil {
			s = &feedState{}
			p.state[f.URL] = s
		}
		p.mu.Unlock()
		now := p.opts.Now()
		if now.Before(s.next) {
			st.BackingOff++
			continue
		}
		log := p.opts.Logger.With("feed", f.Name, "url", f.URL)
		arts, notModified, capped, err := p.fetch(ctx, f, s)
		st.Capped += capped
		switch {
		case err != nil:
			st.Failed++
			s.failures++
			wait := p.opts.Every << min(s.failures, 20)
			if wait > p.opts.MaxBackoff || wait <= 0 {
				wait = p.opts.MaxBackoff
			}
			var re retryAfter
			if errors.As(err, &re) && re.wait > wait {
				wait = min(re.wait, p.opts.MaxBackoff)
			}
			s.next = now.Add(wait)
			log.Warn("news feed failed", "err", err, "failures", s.failures, "retry_in", wait.String())
			continue
		case notModified:
			st.NotModified++
			s.failures, s.next = 0, time.Time{}
			log.Debug("news feed not modified")
			continue
		}
		s.failures, s.next = 0, time.Time{}
		st.Fetched++
		as, err := p.idx.AddFrom(ctx, OriginPoll, arts)
		st.Added += as.Added
		st.Duplicates += as.Duplicates
		st.Rejected += as.Rejected
		if err != nil {
			log.Error("news index write failed", "err", err)
			continue
		}
		log.Info("news feed fetched", "items", len(arts), "added", as.Added, "duplicates", as.Duplicates, "capped", capped, "future_dated", as.Clamped)
	}
	return st
}

type retryAfter struct {
	status int
	wait   time.Duration
}

func (e retryAfter) Error() string {
	return fmt.Sprintf("HTTP %d %s (retry after %s)", e.status, http.StatusText(e.status), e.wait)
}

// fetch GETs one feed conditionally and parses it, keeping at most the
// feed's item limit (the newest); capped counts the items left out.
func (p *Poller) fetch(ctx context.Context, f Feed, s *feedState) (arts []checker.Article, notModified bool, capped int, err error) {
	arts, notModified, err = p.fetchAll(ctx, f, s)
	limit := p.opts.MaxItems
	if f.MaxItems > 0 {
		limit = f.MaxItems
	}
	if len(arts) > limit {
		sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published.After(arts[j].Published) })
		capped = len(arts) - limit
		arts = arts[:limit]
	}
	return arts, notModified, capped, err
}

func (p *Poller) fetchAll(ctx context.Context, f Feed, s *feedState) ([]checker.Article, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", p.opts.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5")
	if s.etag != "" {
		req.Header.Set("If-None-Match", s.etag)
	}
	if s.lastModified != "" {
		req.Header.Set("If-Modified-Since", s.lastModified)
	}
	resp, err := p.opts.Client.Do(req)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, true, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return nil, false, retryAfter{resp.StatusCode, time.Duration(secs) * time.Second}
	case resp.StatusCode != http.StatusOK:
		return nil, false, fmt.Errorf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	maxBytes := p.opts.MaxBytes
	if f.MaxBytes > 0 {
		maxBytes = f.MaxBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > maxBytes {
		return nil, false, fmt.Errorf("feed larger than %d bytes", maxBytes)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, false, fmt.Errorf("parse feed: %w", err)
	}
	arts, probs := FeedArticles(feed, f)
	if len(f.Regions) > 0 {
		for i := range arts {
			if len(arts[i].Regions) == 0 && len(p.idx.der.derive(&arts[i]).regions) == 0 {
				arts[i].Regions = f.Regions
			}
		}
	}
	if len(probs) > 0 {
		p.opts.Logger.Debug("news feed items skipped", "feed", f.Name, "count", len(probs), "first", probs[0].Message)
	}
	s.etag = resp.Header.Get("ETag")
	s.lastModified = resp.Header.Get("Last-Modified")
	return arts, false, nil
}
