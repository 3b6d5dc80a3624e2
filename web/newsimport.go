package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// NewsImporter adds the news in r to the index, reading every format
// `preflight news import` reads (JSONL, RSS, Atom, JSON Feed, detected by
// content). An error wrapping ErrUnreadableNews means the input could not
// be read at all (a 400); any other error is the index's (a 503).
type NewsImporter func(ctx context.Context, r io.Reader) (NewsImportResult, error)

// ErrUnreadableNews marks input a NewsImporter could not read at all.
var ErrUnreadableNews = errors.New("unreadable news input")

// NewsImportResult is the answer of POST /v1/news/import: what was added,
// and the records that were not, by line (JSONL) or item (feeds).
type NewsImportResult struct {
	Format     string              `json:"format"`
	Added      int                 `json:"added"`
	Duplicates int                 `json:"duplicates"`
	Rejected   int                 `json:"rejected"`
	Clamped    int                 `json:"clamped,omitempty"`
	Problems   []NewsImportProblem `json:"problems"`
	// Articles is how many articles the index holds afterwards.
	Articles uint64 `json:"articles"`
}

// NewsImportProblem is one record that was not imported.
type NewsImportProblem struct {
	Line    int    `json:"line,omitempty"`
	Item    int    `json:"item,omitempty"`
	Message string `json:"message"`
}

// MaxImportProblems bounds the problems one answer lists; Rejected still
// counts them all.
const MaxImportProblems = 100

// newsImport is the import endpoint's configuration.
type newsImport struct {
	run   NewsImporter
	token [32]byte // sha256 of the local token; zero when none
	has   bool
}

// EnableNewsImport turns on POST /v1/news/import, so a running service can
// take news while it holds the index. The endpoint always needs a
// credential, even from loopback: an API key, or localToken (the random
// token `preflight serve` writes to its discovery file, readable only by
// the user who started it). Call it before Serve.
func (s *Server) EnableNewsImport(run NewsImporter, localToken string) {
	ni := &newsImport{run: run}
	if localToken != "" {
		ni.token, ni.has = sha256.Sum256([]byte(localToken)), true
	}
	s.imports = ni
}

// authenticateImport accepts an API key or the local token; unlike the
// other API routes it never serves an anonymous loopback client, so a web
// page in the user's browser cannot post news into the index.
func (s *Server) authenticateImport(c *fiber.Ctx) error {
	if s.imports == nil {
		return newError(http.StatusNotFound, CodeNotFound, "", "news import is not enabled on this service")
	}
	key := presentedKey(c)
	if key == "" {
		return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Realm: `Bearer realm="preflight"`,
			Message: "news import needs a credential: an API key, or the local token in the data folder's serve.json (Authorization: Bearer ...)"}
	}
	if i := s.keys.match(key); i >= 0 {
		c.Locals(clientKey, "key:"+itoa(i))
		return c.Next()
	}
	if s.isLocalToken(key) {
		c.Locals(clientKey, localClient)
		return c.Next()
	}
	return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Realm: `Bearer realm="preflight"`,
		Message: "the credential is neither an API key nor this service's local token"}
}

// localClient is the rate-limit identity of requests carrying the local
// token: the machine's own user, whom the limits do not slow.
const localClient = "local"

// isLocalToken reports whether key is this service's local token (from the
// data folder's serve.json), compared in constant time.
func (s *Server) isLocalToken(key string) bool {
	if key == "" || s.imports == nil || !s.imports.has {
		return false
	}
	h := sha256.Sum256([]byte(key))
	return subtle.ConstantTimeCompare(h[:], s.imports.token[:]) == 1
}

// handleNewsImport is POST /v1/news/import: the body is a JSONL, RSS, Atom
// or JSON Feed file. Articles come in with origin "api", so retention
// never prunes them.
func (s *Server) handleNewsImport(c *fiber.Ctx) error {
	body, err := rawBody(c)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return newError(http.StatusBadRequest, CodeEmptyBody, "", "send news as JSONL (one article a line), RSS, Atom or JSON Feed")
	}
	if ct := strings.ToLower(c.Get(fiber.HeaderContentType)); strings.HasPrefix(ct, "multipart/") || strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "", "send the file itself as the body, not a form")
	}
	res, err := s.imports.run(c.UserContext(), bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, ErrUnreadableNews) {
			return &apiError{Status: http.StatusBadRequest, Code: CodeInvalid, Message: err.Error(), err: err}
		}
		return &apiError{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Message: "the news index could not take the articles", err: err}
	}
	if res.Problems == nil {
		res.Problems = []NewsImportProblem{}
	}
	return c.JSON(res)
}
