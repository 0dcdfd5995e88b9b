package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/live"
)

// liveView lets a list page learn of new matches: the stream to open, the
// list to go back to (its first page) and the noun to count.
type liveView struct {
	Stream string
	List   string
	Noun   string
}

// liveView is empty without a hub: the page then renders no hook at all.
func (h *Handler) liveView(path string, v url.Values, noun string) liveView {
	if h.cfg.Live == nil {
		return liveView{}
	}
	list := withParam(path, v, "", "")
	return liveView{Stream: withParam(path+"live", v, "", ""), List: list, Noun: noun}
}

// jobsLive streams the number of new jobs matching the query of a
// /careers/ page (the same parameters).
func (h *Handler) jobsLive(w http.ResponseWriter, r *http.Request) {
	l := h.jobListing()
	l.path += "live"
	p, ok := h.listParams(w, r, l)
	if !ok {
		return
	}
	q, err := jobQuery(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.stream(w, r, kind.Jobs, q, func(ctx context.Context) (live.Match, error) { return h.catalog.LiveJobs(ctx, q) })
}

// providersLive is jobsLive for /browse-freelancers/.
func (h *Handler) providersLive(w http.ResponseWriter, r *http.Request) {
	l := h.providerListing()
	l.path += "live"
	p, ok := h.listParams(w, r, l)
	if !ok {
		return
	}
	q := p.ProviderQuery()
	if err := p.Err(); err != nil {
		h.fail(w, r, err)
		return
	}
	h.stream(w, r, kind.Providers, q, func(ctx context.Context) (live.Match, error) { return h.catalog.LiveProviders(ctx, q) })
}

// stream joins the hub's watch of query (keyed by its parsed form, so
// every visitor of one list shares one watch) and serves it.
func (h *Handler) stream(w http.ResponseWriter, r *http.Request, c kind.Catalog, query any, resolve func(context.Context) (live.Match, error)) {
	key, _ := json.Marshal(query) // parsed parameters: strings, numbers and lists
	wt, err := h.cfg.Live.Watch(r.Context(), httpx.ClientKey(r), c, string(key), resolve)
	if errors.Is(err, live.ErrBusy) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "too many live lists open", http.StatusTooManyRequests)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.cfg.Live.Serve(w, r, wt); err != nil {
		h.log.WarnContext(r.Context(), "live stream failed", "error", err)
	}
}
