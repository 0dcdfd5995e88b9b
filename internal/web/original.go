package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/filters"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/viewcache"
)

// maxPageWalk is the highest of the original's page numbers a link lands
// on: keyset pages are reached by walking from the first, one query each,
// so a higher number lands on the first page instead of costing more.
const maxPageWalk = 10

// listing is what listParams needs of one of the two lists.
type listing struct {
	catalog kind.Catalog
	path    string
	// check reports every problem of a query string as the catalog would.
	check func(*filters.Params) error
	// next returns the cursor of the page after the one at cursor.
	next func(ctx context.Context, p *filters.Params, cursor string) (string, error)
}

func (h *Handler) jobListing() listing {
	return listing{catalog: kind.Jobs, path: jobsPath,
		check: func(p *filters.Params) error { q, _ := jobQuery(p); p.Also(q.Validate()); return p.Err() },
		next: func(ctx context.Context, p *filters.Params, cursor string) (string, error) {
			q, _ := jobQuery(p)
			q.Cursor = cursor
			res, err := h.catalog.SearchJobs(ctx, q)
			return res.Next, err
		}}
}

func (h *Handler) providerListing() listing {
	return listing{catalog: kind.Providers, path: providersPath,
		check: func(p *filters.Params) error { q, _ := providerQuery(p); p.Also(q.Validate()); return p.Err() },
		next: func(ctx context.Context, p *filters.Params, cursor string) (string, error) {
			q, _ := providerQuery(p)
			q.Cursor = cursor
			res, err := h.catalog.SearchProviders(ctx, q)
			return res.Next, err
		}}
}

// listParams parses a listing's query string leniently, answering the
// request itself when it cannot go on: a 400 for nonsense, and a 301 to
// the same list in our parameter names for a link of the original site.
func (h *Handler) listParams(w http.ResponseWriter, r *http.Request, l listing) (*filters.Params, bool) {
	p := filters.Lenient(r.URL.RawQuery)
	err := p.Err()
	if err == nil {
		var o filters.Original
		var found bool
		if o, found, err = filters.Translate(l.catalog, p.Values()); err == nil && found {
			err = h.redirectOriginal(w, r, l, o)
		}
		if err == nil && found {
			return nil, false
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	return p, true
}

// redirectOriginal answers a link of the original site with a permanent
// redirect to its canonical address, once its place is looked up and its
// page found. A link whose translation the list would refuse (an order we
// do not offer) is that error, never a redirect to a 400.
func (h *Handler) redirectOriginal(w http.ResponseWriter, r *http.Request, l listing, o filters.Original) error {
	if err := h.placeFilters(r.Context(), l.catalog, o); err != nil {
		return err
	}
	p := filters.Lenient(o.Values.Encode())
	if err := l.check(p); err != nil {
		return err
	}
	v := cloneValues(p.Values())
	if o.Page > 1 && v.Get("cursor") == "" {
		cursor, err := walkPages(r.Context(), o.Page, func(ctx context.Context, c string) (string, error) { return l.next(ctx, p, c) })
		if err != nil {
			return err
		}
		if cursor != "" {
			v.Set("cursor", cursor)
		}
	}
	// Revalidated like the page itself: where a place or a page lands
	// follows the catalog.
	w.Header().Set("Cache-Control", viewcache.CacheControl)
	http.Redirect(w, r, listURL(l.path, v), http.StatusMovedPermanently)
	return nil
}

// walkPages returns the cursor of page n (the last page when there are
// fewer), "" for the first page and for n beyond maxPageWalk.
func walkPages(ctx context.Context, n int, next func(context.Context, string) (string, error)) (string, error) {
	if n > maxPageWalk {
		return "", nil
	}
	cursor := ""
	for range n - 1 {
		c, err := next(ctx, cursor)
		if err != nil || c == "" {
			return cursor, err
		}
		cursor = c
	}
	return cursor, nil
}

// placeFilters puts the original's free-text location into our exact
// place filters, those the link does not set itself: the country, state or
// city it names among the list's public rows, ignoring case; else up to
// three comma-separated parts ("Austin, TX", "Austin, TX, United States")
// that each name a different one of them; else the whole text as a city,
// so the page shows the filter as asked and whether anything matches.
func (h *Handler) placeFilters(ctx context.Context, c kind.Catalog, o filters.Original) error {
	if o.Location == "" {
		return nil
	}
	found, err := h.findPlaces(ctx, c, o.Location)
	if err != nil {
		return err
	}
	if found == nil {
		found = map[string]string{catalog.PlaceCity: o.Location}
	}
	for field, value := range found {
		if o.Values.Get(field) == "" {
			o.Values.Set(field, value)
		}
	}
	return nil
}

// findPlaces looks a location up whole, then by its comma-separated parts;
// nil when it names no place of the list.
func (h *Handler) findPlaces(ctx context.Context, c kind.Catalog, location string) (map[string]string, error) {
	places, err := h.catalog.Places(ctx, c)
	if err != nil {
		return nil, err
	}
	whole, err := places.Find("location", location)
	if err != nil || whole.Field != "" {
		return map[string]string{whole.Field: whole.Value}, err
	}
	parts := strings.Split(location, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, nil
	}
	found := map[string]string{}
	for _, part := range parts {
		pl, _ := places.Find("location", part) // a part of a valid whole is valid
		if _, twice := found[pl.Field]; pl.Field == "" || twice {
			return nil, nil
		}
		found[pl.Field] = pl.Value
	}
	return found, nil
}
