package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/preflight-dev/preflight/checker"
	"github.com/preflight-dev/preflight/news"
	"github.com/preflight-dev/preflight/web"
)

// discoveryFile is the file `preflight serve` keeps in the data folder
// while it runs (and holds the news index): where it listens, its process
// id, and a random token that authenticates this machine's user (the file
// is readable by that user only). The CLI's check, news import and news
// search read it and go through the service instead of waiting for the
// index.
const discoveryFile = "serve.json"

// discovery is the content of the discovery file.
type discovery struct {
	Addr    string    `json:"addr"`
	PID     int       `json:"pid"`
	Token   string    `json:"token"`
	Started time.Time `json:"started"`
}

// writeDiscovery writes the discovery file for a service listening on
// addr and returns its token and a function that removes the file (only
// while it is still this service's).
func writeDiscovery(dir string, addr net.Addr) (string, func(), error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	d := discovery{Addr: dialAddr(addr), PID: os.Getpid(), Token: hex.EncodeToString(b), Started: time.Now().UTC()}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, discoveryFile)
	tmp, err := os.CreateTemp(dir, ".serve-*.json")
	if err != nil {
		return "", nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o600); err == nil {
		_, err = tmp.Write(append(data, '\n'))
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", nil, fmt.Errorf("write %s: %w", path, err)
	}
	remove := func() {
		if cur, err := readDiscovery(dir); err == nil && cur.Token == d.Token {
			os.Remove(path)
		}
	}
	return d.Token, remove, nil
}

// dialAddr is how a client on this machine reaches a listener: an
// unspecified address (0.0.0.0, ::) becomes loopback.
func dialAddr(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		if ip != nil && ip.To4() == nil {
			host = "::1"
		} else {
			host = "127.0.0.1"
		}
	}
	return net.JoinHostPort(host, port)
}

func readDiscovery(dir string) (discovery, error) {
	var d discovery
	b, err := os.ReadFile(filepath.Join(dir, discoveryFile))
	if err != nil {
		return d, err
	}
	if len(b) > 4096 {
		return d, errors.New("discovery file too large")
	}
	err = json.Unmarshal(b, &d)
	return d, err
}

// service is a running `preflight serve` on this machine that holds the
// data folder, as the CLI talks to it.
type service struct {
	base   string // http://host:port
	token  string // the local token (news import)
	apiKey string // the first of service.api_keys, when any (check, search)
	client *http.Client
}

// findService returns the service that holds dir, or nil when there is
// none: no discovery file, a stale one (its process is gone, or nothing
// answers at its address), or one that cannot be read. A stale file never
// stops a command; the command then opens the index itself.
func findService(ctx context.Context, dir string, cfg *settings) *service {
	d, err := readDiscovery(dir)
	if err != nil || d.Addr == "" || d.Token == "" {
		return nil
	}
	if d.PID != os.Getpid() && !processAlive(d.PID) {
		return nil
	}
	s := &service{base: "http://" + d.Addr, token: d.Token, client: &http.Client{Timeout: 2 * time.Minute}}
	if cfg != nil && len(cfg.Service.APIKeys) > 0 {
		s.apiKey = cfg.Service.APIKeys[0]
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/healthz", nil)
	if err != nil {
		return nil
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	return s
}

// signalZero asks only whether a process exists.
var signalZero = syscall.Signal(0)

// processAlive says whether a process with this id may still run; when it
// cannot tell (other systems), the address check decides.
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(signalZero), os.ErrProcessDone)
}

// serviceError is the service's JSON error ({code, message, field}).
type serviceError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func (e *serviceError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("the service answered HTTP %d", e.Status)
	}
	return e.Message
}

// maxRetries bounds how often a request waits for the rate limit.
const maxRetries = 30

// do sends a request built by mk (again after a 429, waiting for
// Retry-After), and decodes a 200 answer's JSON into out.
func (s *service) do(ctx context.Context, mk func() (*http.Request, error), out any) error {
	for try := 0; ; try++ {
		req, err := mk()
		if err != nil {
			return err
		}
		req = req.WithContext(ctx)
		resp, err := s.client.Do(req)
		if err != nil {
			return fmt.Errorf("the running service (%s) did not answer: %w", s.base, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("reading the service's answer: %w", err)
		}
		if resp.StatusCode == http.StatusTooManyRequests && try < maxRetries {
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(min(max(wait, 1), 10)) * time.Second):
			}
			continue
		}
		if resp.StatusCode != http.StatusOK {
			se := &serviceError{Status: resp.StatusCode}
			_ = json.Unmarshal(body, se)
			return se
		}
		if err := json.Unmarshal(body, out); err != nil {
			return fmt.Errorf("the service's answer is not what this preflight expects: %w", err)
		}
		return nil
	}
}

func (s *service) authorize(req *http.Request, credential string) {
	if credential != "" {
		req.Header.Set("Authorization", "Bearer "+credential)
	}
}

// remoteChecker checks posts through the service's /v1/check, filling in
// the command line's defaults first, as the local engine would.
type remoteChecker struct {
	svc   *service
	flags *checkFlags
}

// Check implements postChecker.
func (c remoteChecker) Check(ctx context.Context, p checker.Post) (checker.Report, error) {
	if err := c.flags.fill(&p); err != nil {
		return checker.Report{}, err
	}
	body, err := json.Marshal(p)
	if err != nil {
		return checker.Report{}, err
	}
	var rep checker.Report
	err = c.svc.do(ctx, func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodPost, c.svc.base+"/v1/check", bytes.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
			// The local token, when the service gave one, marks this
			// machine's user: the service does not rate-limit it.
			c.svc.authorize(req, cmp.Or(c.svc.token, c.svc.apiKey))
		}
		return req, err
	}, &rep)
	rep.Post = p
	return rep, err
}

// fill gives a post the command line's defaults where it has none (the
// service's engine adds preflight.yaml's, the same file).
func (f *checkFlags) fill(p *checker.Post) error {
	if p.Brand == "" {
		p.Brand = f.brand
	}
	if len(p.Regions) == 0 && len(f.regions) > 0 {
		p.Regions = checker.NormaliseRegions(f.regions)
	}
	if p.Platform == "" && f.platform != "" {
		pl, err := checker.ParsePlatform(f.platform)
		if err != nil {
			return err
		}
		p.Platform = pl
	}
	if p.ScheduledAt.IsZero() && f.at != "" {
		now, err := f.overrides(&checker.Profile{})
		if err != nil {
			return err
		}
		if now != nil {
			p.ScheduledAt = now()
		}
	}
	return nil
}

// search is GET /v1/news/search.
func (s *service) search(ctx context.Context, q string, at time.Time, limit int) ([]checker.Article, error) {
	v := url.Values{}
	v.Set("q", q)
	v.Set("limit", strconv.Itoa(min(limit, 100)))
	if !at.IsZero() {
		v.Set("at", at.UTC().Format(time.RFC3339Nano))
	}
	var res struct {
		Articles []checker.Article `json:"articles"`
	}
	err := s.do(ctx, func() (*http.Request, error) {
		req, err := http.NewRequest(http.MethodGet, s.base+"/v1/news/search?"+v.Encode(), nil)
		if err == nil {
			s.authorize(req, s.apiKey)
		}
		return req, err
	}, &res)
	return res.Articles, err
}

// importChunk is how much JSONL one import request carries, well under
// the service's default body limit.
const importChunk = 4 << 20

// adder returns an add function that sends articles to POST
// /v1/news/import as JSONL, in requests of at most importChunk bytes; held
// receives the index's size after each request.
func (s *service) adder(held *uint64) func(context.Context, []checker.Article) (news.AddStats, error) {
	return func(ctx context.Context, arts []checker.Article) (news.AddStats, error) {
		var total news.AddStats
		var buf bytes.Buffer
		send := func() error {
			if buf.Len() == 0 {
				return nil
			}
			body := bytes.Clone(buf.Bytes())
			buf.Reset()
			var res web.NewsImportResult
			err := s.do(ctx, func() (*http.Request, error) {
				req, err := http.NewRequest(http.MethodPost, s.base+"/v1/news/import", bytes.NewReader(body))
				if err == nil {
					req.Header.Set("Content-Type", "application/x-ndjson")
					s.authorize(req, s.token)
				}
				return req, err
			}, &res)
			if err != nil {
				return err
			}
			total.Added += res.Added
			total.Duplicates += res.Duplicates
			total.Rejected += res.Rejected
			total.Clamped += res.Clamped
			*held = res.Articles
			return nil
		}
		for i := range arts {
			line, err := json.Marshal(&arts[i])
			if err != nil {
				total.Rejected++
				continue
			}
			if buf.Len() > 0 && buf.Len()+len(line) > importChunk {
				if err := send(); err != nil {
					return total, err
				}
			}
			buf.Write(line)
			buf.WriteByte('\n')
		}
		return total, send()
	}
}

// viaService says on stderr that a command goes through the service.
func viaService(stderr io.Writer, s *service) {
	fmt.Fprintf(stderr, "preflight: a running 'preflight serve' holds this data folder; going through it at %s\n", strings.TrimPrefix(s.base, "http://"))
}
