package web

import (
	"embed"
	"fmt"
	"html/template"
	"maps"
	"net/http"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/viewcache"
)

//go:embed templates
var templateFS embed.FS

// pageNames are the templates that define "content"; each is parsed into
// its own copy of the layout so their "content" blocks never collide.
var pageNames = []string{"home", "jobs", "job", "providers", "provider", "company", "message"}

// page is what the layout needs around every page's content.
type page struct {
	Site        string
	Title       string
	Description string
	Canonical   string
	Section     string // "careers" or "freelancers": marks the current nav item
	OGType      string
	OGImage     string
	NoIndex     bool
	JSONLD      any // marshalled and escaped by html/template's JS context
	PrevURL     string
	NextURL     string
	Year        int
	Data        any
}

func parseTemplates(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{"asset": a.url}
	maps.Copy(funcs, listFuncs)
	maps.Copy(funcs, cardFuncs)
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 page instead of half a page with a 200 status.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Site = h.cfg.SiteName
	p.Year = h.cfg.Now().Year()
	if p.OGImage == "" { // a link shared in a chat shows the site's card, not nothing
		p.OGImage = h.abs(r, h.assets.paths["share.jpg"])
	}
	buf := httpx.GetBuffer()
	defer httpx.PutBuffer(buf)
	if err := h.pages[name].ExecuteTemplate(buf, "layout", p); err != nil {
		h.log.ErrorContext(r.Context(), "render page", "page", name, "error", err)
		if name != "message" {
			h.renderError(w, r, http.StatusInternalServerError)
		} else {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
		return
	}
	writeHTML(w, status, buf.Bytes())
}

// cacheControl lets browsers and CDNs keep a page (it holds nothing
// personal: the forms need no token) but revalidate it on every view: its
// ETag makes that a 304 without a body while the page is unchanged, and a
// catalog change shows on the next view. Anything but a 200 is not stored.
func cacheControl(status int) string {
	if status == http.StatusOK {
		return viewcache.CacheControl
	}
	return "no-store"
}
