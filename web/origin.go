package web

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Browser-facing defences: a state-changing form post must come from this
// service's own pages (cross-site request forgery would otherwise ride on a
// browser's cached Basic credentials or its loopback address), a request
// must name a host this service answers to (DNS rebinding), and every body
// must be of a type its route reads.

// sameOrigin refuses cross-site POSTs to the pages, the way
// net/http.CrossOriginProtection does: a browser's Sec-Fetch-Site must say
// same-origin (or none, for a user's own navigation); without it, an Origin
// header must match the Host. A request with neither comes from a
// non-browser client (curl, a script), which has no ambient credentials to
// abuse.
func (s *Server) sameOrigin(c *fiber.Ctx) error {
	refuse := func(why string) error {
		return newError(http.StatusForbidden, CodeUnauthorized, "",
			"cross-site form posts are refused ("+why+"); open the form on this service and submit it from there")
	}
	switch site := strings.ToLower(strings.TrimSpace(c.Get("Sec-Fetch-Site"))); site {
	case "same-origin", "none":
		return c.Next()
	case "":
	default:
		return refuse("Sec-Fetch-Site: " + site)
	}
	origin := strings.TrimSpace(c.Get(fiber.HeaderOrigin))
	if origin == "" {
		return c.Next()
	}
	_, host, ok := strings.Cut(origin, "://")
	if !ok || !strings.EqualFold(host, string(c.Request().Host())) {
		return refuse("Origin: " + origin)
	}
	return c.Next()
}

// contentTypes returns middleware that answers 415 unless the body's media
// type is one of types. With allowMissing, a request without Content-Type
// passes (the hook: Standard Webhooks senders always send JSON).
func contentTypes(allowMissing bool, types ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		raw := strings.TrimSpace(c.Get(fiber.HeaderContentType))
		if raw == "" && allowMissing {
			return c.Next()
		}
		mt, _, err := mime.ParseMediaType(raw)
		if err == nil && (slices.Contains(types, mt) || slices.Contains(types, "+json") && strings.HasSuffix(mt, "+json")) {
			return c.Next()
		}
		var want []string
		for _, t := range types {
			if t != "+json" {
				want = append(want, t)
			}
		}
		got := raw
		if got == "" {
			got = "none"
		}
		return newError(http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "Content-Type",
			fmt.Sprintf("Content-Type %s is not accepted here; send %s", got, strings.Join(want, " or ")))
	}
}

// checkHost refuses a request whose Host header names a host this service
// does not answer to, so a page on another site cannot reach it through a
// name that resolves to this machine (DNS rebinding). Allowed: the names in
// service.allowed_hosts ("*" for any, ".example.com" for its subdomains);
// IP literals the service listens on; localhost when it listens on
// loopback or every interface; and, when API keys are configured and no
// allowed_hosts are set, any name (a rebinding page has no key). Before
// Serve knows the address (app.Test, embedding), only allowed_hosts apply.
func (s *Server) checkHost(c *fiber.Ctx) error {
	host := string(c.Request().Host())
	if s.hostAllowed(host) {
		return c.Next()
	}
	return newError(http.StatusMisdirectedRequest, CodeInvalid, "Host",
		fmt.Sprintf("this service does not answer to the host %q; add it to service.allowed_hosts in preflight.yaml if it is this service's name", host))
}

func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	for _, a := range s.opts.AllowedHosts {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "*" || a == host || strings.HasPrefix(a, ".") && strings.HasSuffix(host, a) {
			return true
		}
	}
	addr := s.listenAddr.Load()
	if addr == nil {
		return len(s.opts.AllowedHosts) == 0
	}
	wildcard := addr.IP.IsUnspecified()
	if ip := net.ParseIP(host); ip != nil {
		return wildcard || ip.Equal(addr.IP) || addr.IP.IsLoopback() && ip.IsLoopback()
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return wildcard || addr.IP.IsLoopback()
	}
	return len(s.keys.hashes) > 0 && len(s.opts.AllowedHosts) == 0
}
