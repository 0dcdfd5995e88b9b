package web

import (
	"cmp"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// maxFormBytes bounds a form body: the largest fields (a pasted résumé of
// 50,000 bytes and a 20,000-byte letter) fit with room for encoding.
const maxFormBytes = 256 << 10

// honeypotField is a text input hidden from people (off-screen, skipped by
// the tab order, hidden from screen readers) that form-filling bots fill.
const honeypotField = "website"

// formView is a form's state when shown again: the visitor's input kept,
// errors next to the fields they concern.
type formView struct {
	Action   string
	Values   map[string]string
	Errors   map[string]string
	Alert    string
	Currency string
	// ResumeUpload offers the résumé file input (the apply form).
	ResumeUpload bool
	// FileAgain asks for the file once more: the form is shown again and
	// a browser never refills a file input.
	FileAgain bool
	// Questions are the job's application questions (the apply form).
	Questions []questionView
}

func newForm(action string) formView {
	return formView{Action: action, Values: map[string]string{}, Errors: map[string]string{}, Currency: "USD"}
}

// form guards a POST handler of a form without files (see within).
func (h *Handler) form(next http.HandlerFunc) http.Handler { return h.within(maxFormBytes, next) }

// within guards a POST handler whose multipart body may take up to upload
// bytes; any other body, up to maxFormBytes. CSRF: http.CrossOriginProtection refuses
// cross-origin browser requests by their Sec-Fetch-Site (or Origin) header,
// which every current browser sends; it needs no token, no cookie and no
// session, so the pages that carry the forms stay cacheable. Then the
// per-address rate limit and the body size limit apply, before any work.
// A multipart body is read whole into memory (upload bounds it), so no
// part of an upload is left in a temporary file.
func (h *Handler) within(upload int64, next http.HandlerFunc) http.Handler {
	return h.csrf.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.limiter != nil && !h.limiter.Allow(r) {
			h.renderError(w, r, http.StatusTooManyRequests)
			return
		}
		limit, multipart := int64(maxFormBytes), false
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
			limit, multipart = upload, true
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		err := r.ParseForm()
		if err == nil && multipart {
			err = r.ParseMultipartForm(limit)
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				h.renderError(w, r, http.StatusRequestEntityTooLarge)
				return
			}
			h.renderError(w, r, http.StatusBadRequest)
			return
		}
		next(w, r)
	}))
}

// isBot reports whether the honeypot was filled. Bots are answered as if
// they succeeded, so they learn nothing, and nothing is stored.
func isBot(r *http.Request) bool { return r.PostForm.Get(honeypotField) != "" }

// field reads a posted value, trimmed.
func field(r *http.Request, name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }

// refill keeps what the visitor typed for the form shown again; invalid
// UTF-8 is replaced so that it can be shown at all.
func refill(f *formView, r *http.Request, names ...string) {
	for _, n := range names {
		f.Values[n] = strings.ToValidUTF8(r.PostForm.Get(n), "\uFFFD")
	}
}

// fieldErrors puts each invalid field's message next to it; an error with
// no known field becomes the alert above the form.
func fieldErrors(f *formView, err error, known ...string) {
	for _, de := range check.Fields(err) {
		if de.Code != domain.CodeInvalid {
			continue
		}
		if msg := fieldMessage(de); slices.Contains(known, de.Field) {
			f.Errors[de.Field] = msg
		} else {
			f.Alert = msg
		}
	}
	if f.Alert == "" && len(f.Errors) == 0 {
		f.Alert = domain.ErrorMessage(err)
	}
	if len(f.Errors) > 0 && f.Alert == "" {
		f.Alert = "Please correct the fields marked below."
	}
}

// fieldMessage turns "email: is required" into "Email is required.".
func fieldMessage(de *domain.Error) string {
	name := cmp.Or(fieldNames[de.Field], "This field")
	if strings.HasPrefix(de.Field, "answers.") {
		name = "This answer"
	}
	return name + " " + strings.TrimSuffix(de.Message, ".") + "."
}

var fieldNames = map[string]string{"name": "Name", "email": "Email", "phone": "Phone", "resume": "A résumé", "resume_file": "The file", "resume_url": "Résumé link",
	"resume_text": "Résumé text", "cover_letter": "Cover letter", "message": "Message", "budget": "Budget", "currency": "Currency"}
