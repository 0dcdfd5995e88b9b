package admin

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/httpx"
)

// SessionCookie is the name of the admin session cookie.
const SessionCookie = "zumodra_admin"

// SessionTTL is how long a login lasts.
const SessionTTL = 12 * time.Hour

// keys derives the MAC key from the admin token: a session proves its
// holder knew the token, without the cookie carrying it.
type keys struct{ mac []byte }

func newKeys(token string) keys {
	sum := sha256.Sum256([]byte("zumodra-admin-session-v1\x00" + token))
	return keys{mac: sum[:]}
}

func (k keys) sign(parts ...[]byte) []byte {
	m := hmac.New(sha256.New, k.mac)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// session is a parsed, valid session cookie.
type session struct{ nonce []byte }

// newSession returns a cookie value: expiry (8 bytes), nonce (16), MAC (32).
func (k keys) newSession(now time.Time) (string, error) {
	buf := make([]byte, 24)
	binary.BigEndian.PutUint64(buf, uint64(now.Add(SessionTTL).Unix()))
	if _, err := rand.Read(buf[8:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(append(buf, k.sign([]byte("session"), buf)...)), nil
}

// parseSession checks a cookie value's MAC and expiry.
func (k keys) parseSession(v string, now time.Time) (session, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(v)
	if err != nil || len(raw) != 24+sha256.Size {
		return session{}, false
	}
	body, mac := raw[:24], raw[24:]
	if !hmac.Equal(mac, k.sign([]byte("session"), body)) {
		return session{}, false
	}
	if now.Unix() > int64(binary.BigEndian.Uint64(body[:8])) {
		return session{}, false
	}
	return session{nonce: body[8:]}, true
}

// csrf is the session's CSRF token, embedded in every form.
func (k keys) csrf(s session) string {
	return base64.RawURLEncoding.EncodeToString(k.sign([]byte("csrf"), s.nonce))
}

func (k keys) checkCSRF(s session, got string) bool {
	return subtle.ConstantTimeCompare([]byte(k.csrf(s)), []byte(got)) == 1
}

// tokenMatches compares a presented token with the configured one in
// constant time; hashing first hides the length too.
func tokenMatches(configured, presented string) bool {
	a := sha256.Sum256([]byte(configured))
	b := sha256.Sum256([]byte(presented))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1 && presented != ""
}

// caller is how a request authenticated.
type caller struct {
	bearer  bool     // Authorization: Bearer, from a program: no CSRF possible
	session *session // a browser session
}

// authenticate returns the request's caller, or false.
func (h *Handler) authenticate(r *http.Request) (caller, bool) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		tok, ok := strings.CutPrefix(auth, "Bearer ")
		return caller{bearer: true}, ok && tokenMatches(h.token, strings.TrimSpace(tok))
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return caller{}, false
	}
	s, ok := h.keys.parseSession(c.Value, h.now())
	if !ok {
		return caller{}, false
	}
	return caller{session: &s}, true
}

// mayChange checks that a state-changing request is not forged: bearer
// callers are programs (a browser never adds that header on its own); a
// session needs the CSRF token, as a form field or an X-CSRF-Token header.
func (h *Handler) mayChange(r *http.Request, c caller) bool {
	if c.bearer {
		return true
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return c.session != nil && h.keys.checkCSRF(*c.session, got)
}

func (h *Handler) setSession(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: value, Path: "/admin/", MaxAge: maxAge,
		HttpOnly: true, Secure: httpx.IsHTTPS(r), SameSite: http.SameSiteStrictMode,
	})
}
