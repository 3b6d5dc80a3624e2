package news

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// errPrivateAddress is returned when a feed (or a redirect) resolves to an
// address the poller may not reach.
var errPrivateAddress = errors.New("refusing a private, loopback or link-local address (set news_index.allow_private_feeds to allow it)")

// maxRedirects bounds the redirects one feed request follows.
const maxRedirects = 5

// guardedClient is the poller's default client. Unless allowPrivate, its
// dialer refuses every connection to a private, loopback, link-local,
// multicast or unspecified address: the check runs on the address DNS
// resolved to, at connect time, so neither a hostname that resolves
// inward nor a redirect to one gets through. No proxy is used, since a
// proxy would connect on the poller's behalf where the check cannot see.
func guardedClient(timeout time.Duration, allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("dial %s: %w", address, err)
			}
			if blockedAddr(ap.Addr()) {
				return fmt.Errorf("dial %s: %w", address, errPrivateAddress)
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          20,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: timeout,
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %q: only http and https are followed", req.URL.Scheme)
			}
			if !allowPrivate {
				// A literal address is refused here already; names are
				// checked by the dialer once resolved.
				if a, err := netip.ParseAddr(req.URL.Hostname()); err == nil && blockedAddr(a) {
					return fmt.Errorf("redirect to %s: %w", req.URL.Host, errPrivateAddress)
				}
			}
			return nil
		},
	}
}

// blockedAddr says whether the poller must not connect to a.
func blockedAddr(a netip.Addr) bool {
	a = a.Unmap()
	return !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || sharedOrReserved(a)
}

// Ranges that net/netip does not call private but that are not the public
// internet: carrier-grade NAT (100.64/10, 'shared'), 0/8, the IPv4
// benchmarking and reserved ranges, and NAT64 / 6to4 prefixes that embed
// an IPv4 address.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2002::/16"),
}

func sharedOrReserved(a netip.Addr) bool {
	for _, p := range reserved {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
