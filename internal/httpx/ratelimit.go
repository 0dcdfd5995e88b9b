package httpx

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// RateLimiter limits requests per client address with a token bucket per
// address. Idle buckets are forgotten so memory stays bounded under a
// spray of addresses. Limits are per process: with several serve processes
// behind a balancer each enforces its own share.
type RateLimiter struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	clients map[string]*client
	sweep   time.Time
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxClients bounds the table; past it the oldest idle entries are swept.
const maxClients = 100_000

// NewRateLimiter allows perMinute requests per minute per client, with
// bursts of burst.
func NewRateLimiter(perMinute float64, burst int) *RateLimiter {
	return &RateLimiter{limit: rate.Limit(perMinute / 60), burst: burst, clients: map[string]*client{}}
}

// Allow reports whether the client of r may make a request now.
func (l *RateLimiter) Allow(r *http.Request) bool {
	key := l.ClientKey(r)
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.clients[key]
	if !ok {
		if len(l.clients) >= maxClients || now.Sub(l.sweep) > time.Minute {
			l.forgetIdle(now)
		}
		c = &client{lim: rate.NewLimiter(l.limit, l.burst)}
		l.clients[key] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}

// forgetIdle drops clients idle long enough for their bucket to be full
// again: forgetting them changes nothing.
func (l *RateLimiter) forgetIdle(now time.Time) {
	l.sweep = now
	refill := time.Duration(float64(l.burst)/float64(l.limit)*float64(time.Second)) + time.Second
	for k, c := range l.clients {
		if now.Sub(c.seen) > refill {
			delete(l.clients, k)
		}
	}
}

// ClientKey is the address requests are counted against: the IP, with IPv6
// addresses grouped by /64 since one client usually holds a whole /64.
// Behind trusted proxies RealClient has put the visitor's address in
// RemoteAddr; forwarding headers are never read here.
func (l *RateLimiter) ClientKey(r *http.Request) string {
	addr := r.RemoteAddr
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}

// Limit answers 429 with Retry-After to clients over the limit. onLimit,
// when set, writes the refusal instead (an HTML page, say); it must answer
// with status 429 itself.
func (l *RateLimiter) Limit(onLimit http.Handler) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if l.Allow(r) {
				next.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int(1/float64(l.limit)))))
			if onLimit != nil {
				onLimit.ServeHTTP(w, r)
				return
			}
			WriteProblem(w, Problem{Status: http.StatusTooManyRequests, Detail: "too many requests; slow down and retry later", Instance: r.URL.Path})
		})
	}
}
