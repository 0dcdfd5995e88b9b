package webhooks

import (
	"crypto/hmac"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultTolerance is how far a delivery's timestamp may stray from the
// receiver's clock; older deliveries are refused so a captured request cannot
// be replayed later, and the seen-id memory need only cover this window.
const DefaultTolerance = 5 * time.Minute

// Verifier is the receiver's side: it checks the signature and timestamp and
// refuses an id it has already accepted within the tolerance window. It is
// what a tenant's endpoint does, and what the tests use as their receiver.
type Verifier struct {
	Secret    string
	Tolerance time.Duration
	Now       func() time.Time

	mu   sync.Mutex
	seen map[string]time.Time
}

// Verify accepts one delivery's headers and body, or says why not.
func (v *Verifier) Verify(h http.Header, body []byte) error {
	id, ts, err := v.checkTime(h)
	if err != nil {
		return err
	}
	want, err := Sign(v.Secret, id, ts, body)
	if err != nil {
		return err
	}
	if !anyMatch(h.Get(HeaderSignature), want) {
		return ErrNoSignature
	}
	return v.remember(id, ts)
}

func (v *Verifier) checkTime(h http.Header) (string, time.Time, error) {
	id := h.Get(HeaderID)
	secs, err := strconv.ParseInt(h.Get(HeaderTimestamp), 10, 64)
	if id == "" || err != nil {
		return "", time.Time{}, ErrBadTimestamp
	}
	ts := time.Unix(secs, 0)
	tol := v.tolerance()
	if d := v.now().Sub(ts); d > tol || d < -tol {
		return "", time.Time{}, ErrBadTimestamp
	}
	return id, ts, nil
}

// anyMatch compares every space-separated v1 signature in constant time.
func anyMatch(header, want string) bool {
	for _, sig := range strings.Fields(header) {
		if strings.HasPrefix(sig, "v1,") && hmac.Equal([]byte(sig), []byte(want)) {
			return true
		}
	}
	return false
}

// remember records an accepted id and forgets those past the window.
func (v *Verifier) remember(id string, ts time.Time) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen == nil {
		v.seen = map[string]time.Time{}
	}
	if _, dup := v.seen[id]; dup {
		return ErrReplayed
	}
	cutoff := v.now().Add(-2 * v.tolerance())
	for k, t := range v.seen {
		if t.Before(cutoff) {
			delete(v.seen, k)
		}
	}
	v.seen[id] = ts
	return nil
}

func (v *Verifier) tolerance() time.Duration {
	if v.Tolerance <= 0 {
		return DefaultTolerance
	}
	return v.Tolerance
}

func (v *Verifier) now() time.Time {
	if v.Now == nil {
		return time.Now()
	}
	return v.Now()
}
