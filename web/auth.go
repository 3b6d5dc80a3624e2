package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// keyring holds the API keys as hashes, compared in constant time.
type keyring struct {
	hashes [][32]byte
}

func newKeyring(keys []string) *keyring {
	k := &keyring{}
	for _, key := range keys {
		if key = strings.TrimSpace(key); key != "" {
			k.hashes = append(k.hashes, sha256.Sum256([]byte(key)))
		}
	}
	return k
}

// match returns the index of the key, or -1.
func (k *keyring) match(key string) int {
	h := sha256.Sum256([]byte(key))
	found := -1
	for i, kh := range k.hashes {
		if subtle.ConstantTimeCompare(h[:], kh[:]) == 1 && found < 0 {
			found = i
		}
	}
	return found
}

// presentedKey finds the API key a request carries: Authorization: Bearer,
// X-API-Key, or HTTP Basic with the key as password (what a browser sends
// after its login prompt, so the form works without JavaScript).
func presentedKey(c *fiber.Ctx) string {
	if k := strings.TrimSpace(c.Get("X-API-Key")); k != "" {
		return k
	}
	auth := strings.TrimSpace(c.Get(fiber.HeaderAuthorization))
	scheme, rest, ok := strings.Cut(auth, " ")
	if !ok {
		return ""
	}
	switch strings.ToLower(scheme) {
	case "bearer":
		return strings.TrimSpace(rest)
	case "basic":
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(rest))
		if err != nil {
			return ""
		}
		_, pass, _ := strings.Cut(string(b), ":")
		return pass
	}
	return ""
}

// authenticate is the API-key middleware. It stores the client identity
// (key number or IP) for the rate limiter. With no keys configured only
// loopback clients are served.
func (s *Server) authenticate(page bool) fiber.Handler {
	realm := `Bearer realm="preflight"`
	if page {
		realm = `Basic realm="Preflight", charset="UTF-8"`
	}
	return func(c *fiber.Ctx) error {
		if s.isLocalToken(presentedKey(c)) {
			// The data folder's own user (the CLI going through a running
			// service): trusted like a key, and not rate-limited.
			c.Locals(clientKey, localClient)
			return c.Next()
		}
		if len(s.keys.hashes) == 0 {
			// A request relayed by a reverse proxy on this machine comes
			// from loopback too; proxy headers mean it is not local.
			if !s.isLocal(c.Context().RemoteIP()) || proxied(c) {
				return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Realm: realm,
					Message: "this service has no API keys configured, so it only answers requests from this machine; set service.api_keys in preflight.yaml to open it to the network"}
			}
			c.Locals(clientKey, "ip:"+c.IP())
			return c.Next()
		}
		key := presentedKey(c)
		if key == "" {
			return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Realm: realm,
				Message: "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY"}
		}
		i := s.keys.match(key)
		if i < 0 {
			return &apiError{Status: http.StatusUnauthorized, Code: CodeUnauthorized, Realm: realm,
				Message: "the API key is not valid"}
		}
		c.Locals(clientKey, "key:"+itoa(i))
		return c.Next()
	}
}

// proxied reports whether a request carries the headers reverse proxies add.
func proxied(c *fiber.Ctx) bool {
	for _, h := range []string{fiber.HeaderXForwardedFor, "Forwarded", "X-Real-Ip", "X-Forwarded-Host"} {
		if c.Get(h) != "" {
			return true
		}
	}
	return false
}

type localsKey int

const (
	clientKey localsKey = iota
	requestIDKey
)

func isLoopback(ip net.IP) bool { return ip != nil && ip.IsLoopback() }

// client names the caller for rate limiting: the API key's number, else the IP.
func client(c *fiber.Ctx) string {
	if v, ok := c.Locals(clientKey).(string); ok {
		return v
	}
	return "ip:" + c.IP()
}
