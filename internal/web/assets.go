package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded file under its content-hashed name.
type asset struct {
	body        []byte
	contentType string
	etag        string
}

// assets maps logical names ("site.css") to hashed URL paths and serves
// them. A hashed name changes whenever the content does, so browsers may
// keep a copy for a year without ever seeing a stale one.
type assets struct {
	paths  map[string]string // "site.css" -> "/static/site.1a2b3c4d5e.css"
	byPath map[string]asset  // "site.1a2b3c4d5e.css" -> content
}

func loadAssets() (*assets, error) {
	a := &assets{paths: map[string]string{}, byPath: map[string]asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read asset %s: %w", p, err)
		}
		a.add(strings.TrimPrefix(p, "static/"), body)
		return nil
	})
	return a, err
}

// ownTypes are the types of extensions Go's table lacks, so that they do
// not depend on the machine's mime.types.
var ownTypes = map[string]string{".ico": "image/x-icon"}

func (a *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:5])
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hash + ext
	ctype := cmp.Or(ownTypes[ext], mime.TypeByExtension(ext), "application/octet-stream")
	a.paths[name] = "/static/" + hashed
	a.byPath[hashed] = asset{body: body, contentType: ctype, etag: `"` + hash + `"`}
}

// url returns the hashed path of a logical asset name; templates call it.
func (a *assets) url(name string) (string, error) {
	p, ok := a.paths[name]
	if !ok {
		return "", fmt.Errorf("unknown asset %q", name)
	}
	return p, nil
}

// static answers GET /static/{name}: immutable for a year, with an ETag
// for clients that revalidate anyway; an unknown name gets the 404 page.
func (h *Handler) static(w http.ResponseWriter, r *http.Request) {
	f, ok := h.assets.byPath[r.PathValue("name")]
	if !ok {
		h.renderError(w, r, http.StatusNotFound)
		return
	}
	f.serve(w, r, "public, max-age=31536000, immutable")
}

// favicon answers the /favicon.ico that browsers and feed readers ask for
// whatever the page links: the site's icon at its fixed address, kept a
// day, since the address cannot change with the content.
func (h *Handler) favicon(w http.ResponseWriter, r *http.Request) {
	f, ok := h.assets.byPath[strings.TrimPrefix(h.assets.paths["favicon.ico"], "/static/")]
	if !ok {
		h.renderError(w, r, http.StatusNotFound)
		return
	}
	f.serve(w, r, "public, max-age=86400")
}

func (f asset) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", cacheControl)
	w.Header().Set("ETag", f.etag)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}
