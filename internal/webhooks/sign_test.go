package webhooks

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// The Standard Webhooks published test vector.
const (
	vecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vecID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vecTS     = 1614265330
	vecBody   = `{"test": 2432232314}`
	vecSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignMatchesPublishedVector(t *testing.T) {
	got, err := Sign(vecSecret, vecID, time.Unix(vecTS, 0), []byte(vecBody))
	if err != nil {
		t.Fatal(err)
	}
	if got != vecSig {
		t.Fatalf("Sign = %q, want %q", got, vecSig)
	}
}

func TestSignRefusesBadSecrets(t *testing.T) {
	for _, s := range []string{"", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_!!!not base64", "whsec_\xff\xfe"} {
		if _, err := Sign(s, "id", time.Unix(1, 0), nil); !errors.Is(err, ErrBadSecret) {
			t.Errorf("Sign(secret %q) err = %v, want ErrBadSecret", s, err)
		}
	}
}

func TestNewSecretSignsAndDiffers(t *testing.T) {
	a, err := NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewSecret()
	if a == b {
		t.Fatal("two secrets are equal")
	}
	if _, err := Sign(a, "id", time.Now(), []byte("x")); err != nil {
		t.Fatalf("fresh secret does not sign: %v", err)
	}
}

func vecHeaders(sig string) http.Header {
	h := http.Header{}
	h.Set(HeaderID, vecID)
	h.Set(HeaderTimestamp, strconv.Itoa(vecTS))
	h.Set(HeaderSignature, sig)
	return h
}

func TestVerifier(t *testing.T) {
	at := func(d time.Duration) func() time.Time {
		return func() time.Time { return time.Unix(vecTS, 0).Add(d) }
	}
	other, _ := NewSecret()
	otherSig, _ := Sign(other, vecID, time.Unix(vecTS, 0), []byte(vecBody))
	cases := []struct {
		name   string
		now    func() time.Time
		header http.Header
		body   string
		want   error
	}{
		{"vector accepted", at(time.Minute), vecHeaders(vecSig), vecBody, nil},
		{"rotation: old and new signatures, one matches", at(0), vecHeaders(otherSig + " " + vecSig), vecBody, nil},
		{"body altered", at(0), vecHeaders(vecSig), `{"test": 2432232315}`, ErrNoSignature},
		{"signature from another secret", at(0), vecHeaders(otherSig), vecBody, ErrNoSignature},
		{"no signature", at(0), vecHeaders(""), vecBody, ErrNoSignature},
		{"wrong version tag", at(0), vecHeaders("v2" + vecSig[2:]), vecBody, ErrNoSignature},
		{"too old", at(6 * time.Minute), vecHeaders(vecSig), vecBody, ErrBadTimestamp},
		{"from the future", at(-6 * time.Minute), vecHeaders(vecSig), vecBody, ErrBadTimestamp},
		{"no id", at(0), func() http.Header { h := vecHeaders(vecSig); h.Del(HeaderID); return h }(), vecBody, ErrBadTimestamp},
		{"timestamp not a number", at(0), func() http.Header { h := vecHeaders(vecSig); h.Set(HeaderTimestamp, "1614265330; DROP"); return h }(), vecBody, ErrBadTimestamp},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := &Verifier{Secret: vecSecret, Now: c.now}
			if err := v.Verify(c.header, []byte(c.body)); !errors.Is(err, c.want) && err != c.want {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
		})
	}
}

func TestVerifierRefusesReplayedSignature(t *testing.T) {
	v := &Verifier{Secret: vecSecret, Now: func() time.Time { return time.Unix(vecTS, 0) }}
	if err := v.Verify(vecHeaders(vecSig), []byte(vecBody)); err != nil {
		t.Fatalf("first delivery: %v", err)
	}
	if err := v.Verify(vecHeaders(vecSig), []byte(vecBody)); !errors.Is(err, ErrReplayed) {
		t.Fatalf("replayed delivery err = %v, want ErrReplayed", err)
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	base, limit := time.Second, time.Minute
	for n, wantMax := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 20: time.Minute} {
		lo := Backoff(n, base, limit, func() float64 { return 0 })
		hi := Backoff(n, base, limit, func() float64 { return 0.999999 })
		if lo != wantMax/2 || hi > wantMax || hi <= lo {
			t.Errorf("Backoff(%d) in [%v,%v], want [%v,%v)", n, lo, hi, wantMax/2, wantMax)
		}
	}
}
