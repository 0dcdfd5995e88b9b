package tenantapi

import (
	"encoding/base64"
	"mime"
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resume"
)

// resumeCSP forbids a downloaded file everything, should a browser render
// it despite the attachment disposition: no script, no plugin, no
// request, a sandbox without origin.
const resumeCSP = "default-src 'none'; sandbox; frame-ancestors 'none'"

// applicationResume serves GET /api/v1/tenant/applications/{id}/resume:
// the file as uploaded, with the type sniffed when it arrived, always as
// an attachment, never to be sniffed again or run by a browser.
func (h *Handler) applicationResume(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	id, err := pathID(r)
	var f resume.File
	if err == nil {
		f, err = resume.Load(r.Context(), h.pool, t, id)
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName}))
	hd.Set("Content-Length", strconv.Itoa(len(f.Content)))
	hd.Set("Repr-Digest", "sha-256=:"+base64.StdEncoding.EncodeToString(f.SHA256[:])+":")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", resumeCSP)
	hd.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.Content)
	}
}
