package webhooks

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// ErrForbiddenAddress says a webhook URL names or resolves to an address the
// server must not reach: loopback, private, link-local, unspecified and the
// like, unless the configuration allows them.
var ErrForbiddenAddress = errors.New("webhook address is loopback, private, link-local or otherwise not public")

// ErrBadURL says a webhook URL is not an absolute http or https URL with a host.
var ErrBadURL = errors.New("webhook URL must be an absolute http or https URL with a host and no credentials")

// MaxResponseBody bounds what is read from a receiver's answer.
const MaxResponseBody = 64 << 10

// Guard decides which addresses deliveries may reach. The zero value refuses
// every non-public address; AllowPrivate is for tests and closed networks.
type Guard struct {
	AllowPrivate bool
}

// allowed reports whether one IP address may be dialled.
func (g Guard) allowed(a netip.Addr) bool {
	if g.AllowPrivate {
		return true
	}
	a = a.Unmap()
	return a.IsGlobalUnicast() && !a.IsPrivate() && !a.IsLoopback() &&
		!a.IsLinkLocalUnicast() && !sharedOrReserved(a)
}

// nonPublic lists ranges IsGlobalUnicast accepts that are still not the public
// internet: carrier-grade NAT, benchmarking, documentation, 6to4 relays and
// NAT64 (which can embed a private IPv4 address).
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2002::/16"),
}

func sharedOrReserved(a netip.Addr) bool {
	for _, p := range nonPublic {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// CheckURL validates a URL at registration: its shape, and every address its
// host resolves to now. Dial time checks again, since DNS may change.
func (g Guard) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return ErrBadURL
	}
	if g.AllowPrivate {
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil {
		return fmt.Errorf("webhook host %q: %w", u.Hostname(), err)
	}
	for _, a := range addrs {
		if !g.allowed(a) {
			return fmt.Errorf("webhook host %q resolves to %s: %w", u.Hostname(), a, ErrForbiddenAddress)
		}
	}
	return nil
}

// control runs after DNS resolution, on the very address being dialled, so a
// host that resolved to a public address at registration and to 127.0.0.1
// now (DNS rebinding) is still refused.
func (g Guard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("webhook dial %s: %w", address, ErrForbiddenAddress)
	}
	if !g.allowed(ap.Addr()) {
		return fmt.Errorf("webhook dial %s: %w", ap.Addr(), ErrForbiddenAddress)
	}
	return nil
}

// Client returns the HTTP client deliveries use: guarded dialer, no proxy
// (a proxy would dial on our behalf, past the guard), no redirects followed,
// and a timeout on the whole exchange.
func (g Guard) Client(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// readBounded reads at most MaxResponseBody bytes of a response and drains
// nothing more, so a receiver cannot make us hold a huge answer.
func readBounded(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, MaxResponseBody))
}
