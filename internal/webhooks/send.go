package webhooks

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Delivery is one attempt's input: the event id stays the same across retries
// and replays so a receiver can tell a repeat from a new event.
type Delivery struct {
	URL     string
	ID      string
	Secrets []string
	Body    []byte
	At      time.Time
}

// Result is what the delivery log records of one attempt.
type Result struct {
	Status  int
	Latency time.Duration
	Body    []byte
	Err     error
}

// OK reports whether the receiver accepted the delivery (any 2xx).
func (r Result) OK() bool { return r.Err == nil && r.Status >= 200 && r.Status < 300 }

// Send signs and posts one delivery with the given client.
func Send(ctx context.Context, c *http.Client, d Delivery) Result {
	sig, err := SignAll(d.Secrets, d.ID, d.At, d.Body)
	if err != nil {
		return Result{Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Body))
	if err != nil {
		return Result{Err: fmt.Errorf("webhook request: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "zumodra-webhooks")
	req.Header.Set(HeaderID, d.ID)
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(d.At.Unix(), 10))
	req.Header.Set(HeaderSignature, sig)
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return Result{Latency: time.Since(start), Err: fmt.Errorf("webhook post: %w", err)}
	}
	defer resp.Body.Close()
	body, err := readBounded(resp.Body)
	res := Result{Status: resp.StatusCode, Latency: time.Since(start), Body: body, Err: err}
	if err == nil && !res.OK() {
		res.Err = fmt.Errorf("webhook receiver answered %d", resp.StatusCode)
	}
	return res
}

// Backoff returns the wait before retry n (1-based): exponential from base,
// capped, with full jitter drawn by rnd in [0,1) so a burst of failures does
// not retry in lockstep.
func Backoff(n int, base, limit time.Duration, rnd func() float64) time.Duration {
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + time.Duration(rnd()*float64(d/2))
}
