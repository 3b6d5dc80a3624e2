// Package api is the HTTP client the connectors share: JSON requests with
// a bearer token, a size cap on answers, and errors that name the call and
// the scheduler's own message.
package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// MaxBody caps one answer from a scheduler.
const MaxBody = 8 << 20

// Client calls one scheduler's API.
type Client struct {
	Base  string // https://mastodon.example (no trailing slash)
	Token string // sent as "Authorization: Bearer …"; empty: none
	HTTP  *http.Client
}

// Error is a scheduler's refusal: the status and what it said.
type Error struct {
	Method, Path string
	Status       int
	Message      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s %s: %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Message)
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// Do sends body (JSON-encoded unless it is url.Values, which is sent as a
// form; nil: no body) and decodes a JSON answer into out (nil: ignored).
// It returns the answer's headers (for paging).
func (c *Client) Do(ctx context.Context, method, path string, body, out any) (http.Header, error) {
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, ctype = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		rd, ctype = bytes.NewReader(raw), "application/json"
	}
	u := path
	if !strings.HasPrefix(path, "http://") && !strings.HasPrefix(path, "https://") {
		u = strings.TrimRight(c.Base, "/") + path
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, redactQuery(path), err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its message repeats the URL, which may carry a token
		}
		return nil, fmt.Errorf("%s %s: %w", method, redactQuery(path), err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, redactQuery(path), err)
	}
	if len(raw) > MaxBody {
		return nil, fmt.Errorf("%s %s: answer larger than %d bytes", method, redactQuery(path), MaxBody)
	}
	if resp.StatusCode/100 != 2 {
		return nil, &Error{Method: method, Path: redactQuery(path), Status: resp.StatusCode, Message: message(raw)}
	}
	if out != nil && len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, fmt.Errorf("%s %s: unexpected answer: %w", method, redactQuery(path), err)
		}
	}
	return resp.Header, nil
}

// message pulls the scheduler's explanation out of an error body.
func message(raw []byte) string {
	var m struct {
		Error   any    `json:"error"`
		Message string `json:"message"`
		Errors  []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if json.Unmarshal(raw, &m) == nil {
		switch {
		case m.Message != "":
			return m.Message
		case len(m.Errors) > 0 && m.Errors[0].Message != "":
			return m.Errors[0].Message
		case m.Error != nil:
			return fmt.Sprint(m.Error)
		}
	}
	s := strings.TrimSpace(string(raw))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// redactQuery drops a query string (it may carry a token) from a path
// shown in an error.
func redactQuery(path string) string {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		return path[:i]
	}
	return path
}

// Secret reads a credential as written in preflight.yaml: ${NAME} is the
// environment variable NAME (so the file need not hold the secret), any
// other value is used as written.
func Secret(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") {
		return strings.TrimSpace(os.Getenv(s[2 : len(s)-1]))
	}
	return s
}
