package admin

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/outbox"
)

//go:embed templates/*.html static/admin.css
var files embed.FS

var pageTemplate = template.Must(template.New("").Funcs(template.FuncMap{
	"when":    fmtWhen,
	"seconds": func(d time.Duration) string { return d.Round(time.Second).String() },
	"alive":   func(w outbox.Worker) bool { return w.Alive(0) },
}).ParseFS(files, "templates/*.html"))

// pageTenants caps the tenants the page lists; the JSON API has them all.
const pageTenants = 200

// pageData is what the page template renders.
type pageData struct {
	Overview
	CSRF  string
	Flash string
	Now   time.Time
	More  int // tenants left off the page
}

// needsAttention orders tenants for the page: those with dead letters,
// discrepancies or pending changes first, the rest by id.
func needsAttention(ts []TenantStats) []TenantStats {
	score := func(t TenantStats) int {
		n := 0
		if t.Dead > 0 {
			n += 4
		}
		for _, c := range t.Catalogs {
			if v := c.Verified; v != nil && v.Missing+v.Stale+v.Drifted > 0 {
				n += 2
				break
			}
		}
		if t.Pending > 0 {
			n++
		}
		return n
	}
	out := slices.Clone(ts)
	slices.SortStableFunc(out, func(a, b TenantStats) int { return score(b) - score(a) })
	return out
}

// pageOrLogin shows the page to an authenticated caller and the login
// form, with 401, to anyone else.
func (h *Handler) pageOrLogin(w http.ResponseWriter, r *http.Request) {
	c, ok := h.authenticate(r)
	if !ok {
		h.renderLogin(w, http.StatusUnauthorized, "")
		return
	}
	ov, err := h.overview(r.Context())
	if err != nil && httpx.CodeOf(err) == domain.CodeUnavailable {
		h.log.WarnContext(r.Context(), "admin page: database unavailable", "error", err)
		w.Header().Set("Retry-After", httpx.RetryAfter)
		h.renderMessage(w, http.StatusServiceUnavailable, "Database unavailable", "The database is busy or unreachable; reload in a few seconds.")
		return
	}
	if err != nil {
		h.log.ErrorContext(r.Context(), "admin page", "error", err)
		h.renderMessage(w, http.StatusInternalServerError, "Something went wrong", "The admin page could not be built; the server log says why.")
		return
	}
	data := pageData{Overview: ov, Flash: limit(r.URL.Query().Get("flash"), 200), Now: h.now()}
	data.Tenants = needsAttention(ov.Tenants)
	if len(data.Tenants) > pageTenants {
		data.More = len(data.Tenants) - pageTenants
		data.Tenants = data.Tenants[:pageTenants]
	}
	if c.session != nil {
		data.CSRF = h.keys.csrf(*c.session)
	}
	h.render(w, http.StatusOK, "page.html", data)
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.authenticate(r); ok {
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return
	}
	h.renderLogin(w, http.StatusOK, "")
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	if !h.logins.Allow(r) {
		h.renderLogin(w, http.StatusTooManyRequests, "Too many attempts: wait a minute.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<12)
	if !tokenMatches(h.token, r.PostFormValue("token")) {
		h.log.WarnContext(r.Context(), "admin: failed login", "client", h.logins.ClientKey(r))
		h.renderLogin(w, http.StatusUnauthorized, "Wrong token.")
		return
	}
	v, err := h.keys.newSession(h.now())
	if err != nil {
		http.Error(w, "could not start a session", http.StatusInternalServerError)
		return
	}
	h.setSession(w, r, v, int(SessionTTL.Seconds()))
	http.Redirect(w, r, "/admin/", http.StatusSeeOther)
}

// logout needs the CSRF token too: a forged logout is a nuisance, not a
// risk, but it costs nothing to refuse.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, ok := h.authenticate(r); ok && h.mayChange(r, c) {
		h.setSession(w, r, "", -1)
	}
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// renderMessage is the admin's page for an error: the operator's own
// style, not a plain-text body.
func (h *Handler) renderMessage(w http.ResponseWriter, status int, title, text string) {
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, status, "message.html", map[string]string{"Title": title, "Text": text})
}

func (h *Handler) renderLogin(w http.ResponseWriter, status int, msg string) {
	h.render(w, status, "login.html", map[string]string{"Error": msg})
}

// render executes into a buffer first, so a template error is a clean 500
// rather than half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := h.page.ExecuteTemplate(&buf, name, data); err != nil {
		h.log.Error("admin template", "template", name, "error", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	css, _ := files.ReadFile("static/admin.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	_, _ = w.Write(css)
}

func fmtWhen(t any) string {
	switch v := t.(type) {
	case time.Time:
		return v.UTC().Format("2006-01-02 15:04:05 UTC")
	case *time.Time:
		if v != nil {
			return v.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	}
	return "never"
}

func limit(s string, n int) string {
	s = strings.ToValidUTF8(s, "")
	if len([]rune(s)) > n {
		return string([]rune(s)[:n])
	}
	return s
}
