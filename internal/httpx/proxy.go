package httpx

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the networks of the reverse proxies in front of the server.
// Only a request that arrives from one of them may say, in X-Forwarded-For
// and X-Forwarded-Proto, who the visitor is and whether they used HTTPS;
// from anywhere else those headers are the client's own invention.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of networks (10.0.0.0/8) or
// addresses (192.0.2.7).
func ParseProxies(list string) (Proxies, error) {
	var out Proxies
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: want an address or a network like 10.0.0.0/8", f)
			}
			f = netip.PrefixFrom(a, a.BitLen()).String()
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: want an address or a network like 10.0.0.0/8", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (ps Proxies) trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

type httpsKey struct{}

// IsHTTPS reports whether the visitor's request came over HTTPS: to this
// server's TLS, or to a trusted proxy that said so (see RealClient).
func IsHTTPS(r *http.Request) bool {
	return r.TLS != nil || r.Context().Value(httpsKey{}) == true
}

// RealClient rewrites, for requests from a trusted proxy, RemoteAddr to the
// visitor's address (the right-most X-Forwarded-For entry that is not a
// trusted proxy: entries left of it are whatever the visitor sent) and
// records X-Forwarded-Proto: https for IsHTTPS. Rate limits and logs then
// see each visitor, not the proxy. With no proxies it changes nothing.
func RealClient(ps Proxies) Middleware {
	return func(next http.Handler) http.Handler {
		if len(ps) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			peer, ok := remoteIP(r.RemoteAddr)
			if !ok || !ps.trusts(peer) {
				next.ServeHTTP(w, r)
				return
			}
			r2 := r.Clone(r.Context())
			if client, ok := ps.forwardedClient(r.Header.Values("X-Forwarded-For")); ok {
				r2.RemoteAddr = net.JoinHostPort(client.String(), "0")
			}
			if strings.EqualFold(lastValue(r.Header.Values("X-Forwarded-Proto")), "https") {
				r2 = r2.WithContext(context.WithValue(r2.Context(), httpsKey{}, true))
			}
			next.ServeHTTP(w, r2)
		})
	}
}

// forwardedClient walks the X-Forwarded-For entries from the right past
// the trusted proxies.
func (ps Proxies) forwardedClient(headers []string) (netip.Addr, bool) {
	var entries []string
	for _, h := range headers {
		entries = append(entries, strings.Split(h, ",")...)
	}
	for i := len(entries) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(entries[i]))
		if err != nil {
			return netip.Addr{}, false // garbage: keep the proxy's own address
		}
		if !ps.trusts(a) {
			return a.Unmap(), true
		}
	}
	return netip.Addr{}, false
}

func lastValue(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	parts := strings.Split(vs[len(vs)-1], ",")
	return strings.TrimSpace(parts[len(parts)-1])
}

func remoteIP(addr string) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(addr)
	if err == nil {
		return ap.Addr(), true
	}
	a, err := netip.ParseAddr(addr)
	return a, err == nil
}
