package webhooks

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestGuardAddresses(t *testing.T) {
	for _, c := range []struct {
		addr string
		ok   bool
	}{
		{"8.8.8.8", true}, {"2606:4700:4700::1111", true},
		{"127.0.0.1", false}, {"::1", false}, {"0.0.0.0", false}, {"::", false},
		{"10.1.2.3", false}, {"172.16.0.1", false}, {"192.168.1.1", false}, {"fd00::1", false},
		{"169.254.169.254", false}, {"fe80::1", false}, {"100.64.0.1", false},
		{"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false}, {"64:ff9b::a00:1", false},
		{"224.0.0.1", false}, {"255.255.255.255", false}, {"192.0.2.10", false},
	} {
		if got := (Guard{}).allowed(netip.MustParseAddr(c.addr)); got != c.ok {
			t.Errorf("allowed(%s) = %v, want %v", c.addr, got, c.ok)
		}
	}
}

func TestCheckURL(t *testing.T) {
	ctx := context.Background()
	for _, raw := range []string{"", "ftp://example.com/", "/relative", "http://", "https://user:pw@example.com/", "javascript:alert(1)", "http://exa mple.com/"} {
		if err := (Guard{}).CheckURL(ctx, raw); !errors.Is(err, ErrBadURL) {
			t.Errorf("CheckURL(%q) = %v, want ErrBadURL", raw, err)
		}
	}
	for _, raw := range []string{"http://127.0.0.1:8080/", "http://localhost/hook", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/"} {
		if err := (Guard{}).CheckURL(ctx, raw); !errors.Is(err, ErrForbiddenAddress) {
			t.Errorf("CheckURL(%q) = %v, want ErrForbiddenAddress", raw, err)
		}
		if err := (Guard{AllowPrivate: true}).CheckURL(ctx, raw); err != nil {
			t.Errorf("CheckURL(%q) with private allowed = %v", raw, err)
		}
	}
}

// receiver is a real HTTP endpoint that verifies what it gets the way a
// tenant's would, and can be told to fail its first answers.
type receiver struct {
	v        *Verifier
	mu       sync.Mutex
	failures int
	got      []error
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.failures > 0 {
		r.failures--
		http.Error(w, "try later", http.StatusServiceUnavailable)
		return
	}
	err := r.v.Verify(req.Header, body)
	r.got = append(r.got, err)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func delivery(url string) Delivery {
	return Delivery{URL: url, ID: "evt_1", Secrets: []string{vecSecret}, Body: []byte(`{"type":"application.created"}`), At: time.Now()}
}

func TestSendRefusesLoopbackAtDialTime(t *testing.T) {
	rec := &receiver{v: &Verifier{Secret: vecSecret}}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := Guard{}.Client(5 * time.Second)
	// Both the literal address and a hostname resolving to 127.0.0.1: the
	// check sits on the dialled address, so no name can route around it.
	for _, u := range []string{srv.URL, strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)} {
		res := Send(context.Background(), c, delivery(u))
		if !errors.Is(res.Err, ErrForbiddenAddress) {
			t.Errorf("Send(%s) err = %v, want ErrForbiddenAddress", u, res.Err)
		}
	}
	if len(rec.got) != 0 {
		t.Fatalf("receiver got %d requests, want none", len(rec.got))
	}
}

func TestSendSignsRetriesAndReplaysAreDetected(t *testing.T) {
	rec := &receiver{v: &Verifier{Secret: vecSecret}, failures: 2}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	c := Guard{AllowPrivate: true}.Client(5 * time.Second)
	d := delivery(srv.URL)
	var res Result
	for attempt := 1; attempt <= 3; attempt++ {
		res = Send(context.Background(), c, d)
		if attempt < 3 && (res.OK() || res.Status != http.StatusServiceUnavailable) {
			t.Fatalf("attempt %d: %+v, want a 503 failure", attempt, res)
		}
	}
	if !res.OK() || res.Status != http.StatusNoContent {
		t.Fatalf("third attempt: %+v, want 204", res)
	}
	// The same delivery sent again (a captured request) is refused by the receiver.
	again := Send(context.Background(), c, d)
	if again.Status != http.StatusBadRequest || !strings.Contains(string(again.Body), ErrReplayed.Error()) {
		t.Fatalf("replayed send: status %d body %q, want 400 replayed", again.Status, again.Body)
	}
}

func TestSendFollowsNoRedirectAndBoundsBody(t *testing.T) {
	var hits int
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits++ }))
	defer inner.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	huge := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(strings.Repeat("x", 4*MaxResponseBody)))
	}))
	defer huge.Close()
	c := Guard{AllowPrivate: true}.Client(5 * time.Second)
	if res := Send(context.Background(), c, delivery(redirect.URL)); res.OK() || res.Status != http.StatusTemporaryRedirect || hits != 0 {
		t.Fatalf("redirect: %+v, inner hits %d; want 307 reported and no hit", res, hits)
	}
	if res := Send(context.Background(), c, delivery(huge.URL)); !res.OK() || len(res.Body) != MaxResponseBody {
		t.Fatalf("huge body: ok=%v len=%d, want ok and %d", res.OK(), len(res.Body), MaxResponseBody)
	}
}
