package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
)

// message is the body of every one-message page: errors, 410, thank-you.
type message struct {
	Success bool
	Code    string
	Heading string
	Text    string
	Notice  string
	Links   []link
	Kept    []keptField   // what the visitor typed, when it could not be sent
	Groups  []suggestions // rows still public, on a 410 page
}

type link struct {
	URL     string
	Label   string
	Primary bool
}

var homeLinks = []link{{URL: "/careers/", Label: "Browse jobs", Primary: true}, {URL: "/browse-freelancers/", Label: "Browse freelancers"}}

// errorTexts are what a visitor reads for each status; internal details
// never reach the page.
var errorTexts = map[int][2]string{
	http.StatusBadRequest:            {"That request did not make sense", "A search parameter was not valid. Check the address or start a new search."},
	http.StatusForbidden:             {"This form was sent from another site", "For your safety we only accept forms sent from this site. Please open the page again and resend."},
	http.StatusNotFound:              {"Page not found", "This page does not exist, or the job or profile is no longer listed."},
	http.StatusMethodNotAllowed:      {"That cannot be done here", "This address does not take that kind of request. Open the page from the site and try again."},
	http.StatusGone:                  {"No longer available", "This listing was closed or removed, so it no longer takes applications or inquiries."},
	http.StatusRequestEntityTooLarge: {"That was too long", "What you sent is larger than we accept. Please shorten it and try again."},
	http.StatusTooManyRequests:       {"Slow down a little", "You sent many requests in a short time. Please wait a minute and try again."},
	http.StatusInternalServerError:   {"Something went wrong", "We could not show this page. Please try again in a moment."},
	http.StatusServiceUnavailable:    {"Temporarily unavailable", "We are busy or under maintenance and could not answer just now. Nothing you sent was lost or half-saved: please try again in a few seconds."},
}

// ErrorPage writes the site's page for status to a request no route of the
// site took (the server's fallback calls it for unknown paths and wrong
// methods); headers the caller set, such as Allow, are kept.
func (h *Handler) ErrorPage(w http.ResponseWriter, r *http.Request, status int) {
	h.renderError(w, r, status)
}

// renderError writes the friendly page for status.
func (h *Handler) renderError(w http.ResponseWriter, r *http.Request, status int) {
	h.renderErrorDetail(w, r, status, "")
}

// renderErrorDetail writes the page for status with a safe detail line,
// such as the bad parameter's name and what is wrong with it.
func (h *Handler) renderErrorDetail(w http.ResponseWriter, r *http.Request, status int, detail string) {
	txt, ok := errorTexts[status]
	if !ok {
		txt = errorTexts[http.StatusInternalServerError]
	}
	switch status {
	case http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "60")
	case http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", httpx.RetryAfter)
	}
	w.Header().Set("Cache-Control", "no-store")
	m := message{Code: strconv.Itoa(status), Heading: txt[0], Text: txt[1], Notice: detail, Links: homeLinks}
	h.render(w, r, status, "message", page{Title: txt[0] + " · " + h.cfg.SiteName, Description: txt[1], NoIndex: true, Data: m})
}

// fail answers with the page for err's code: a bad parameter is a 400
// naming it, an unknown id a 404; anything else is logged and a 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpx.StatusFor(httpx.CodeOf(err))
	if status >= 500 {
		switch {
		case r.Context().Err() == context.Canceled: // a visitor who left is no failure of ours
		case status == http.StatusServiceUnavailable:
			h.log.WarnContext(r.Context(), "public page refused: database unavailable", "path", r.URL.Path, "error", err)
		default:
			h.log.ErrorContext(r.Context(), "public page failed", "path", r.URL.Path, "error", err)
		}
		h.renderError(w, r, status)
		return
	}
	var de *domain.Error
	detail := ""
	if errors.As(err, &de) && de.Code == domain.CodeInvalid {
		detail = de.Message
		if de.Field != "" {
			detail = "Parameter “" + de.Field + "” " + de.Message + "."
		}
	}
	h.renderErrorDetail(w, r, status, detail)
}
