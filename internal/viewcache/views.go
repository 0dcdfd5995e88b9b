package viewcache

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/kind"
)

// Feed is what keys the cache: the process's change feed follower
// (*changefeed.Follower).
type Feed interface {
	Position() int64
	RowVersion(c kind.Catalog, id int64) int64
	Hint()
}

// Views wraps the public read handlers of one site (pages or API).
type Views struct {
	cache *Cache
	feed  Feed // nil: nothing is stored (no version to key by)
	store *catalog.Store
}

// NewViews returns the wrappers storing in cache (nil stores nothing),
// keyed by feed (nil stores nothing), computing in store's snapshots.
func NewViews(cache *Cache, feed Feed, store *catalog.Store) *Views {
	return &Views{cache: cache, feed: feed, store: store}
}

// List serves next, which reads many catalog rows (a list, its count,
// facets and stats; a sitemap; a feed), from one snapshot, and keeps its
// 200 under the snapshot's version.
func (v *Views) List(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		pos := v.position()
		due, _ := v.store.Due(pos)
		v.cache.Serve(w, r, v.listKey(r, pos, due), func(w http.ResponseWriter, r *http.Request) string {
			var key string
			ran := false
			err := v.store.Snapshot(r.Context(), func(ctx context.Context) error {
				ran = true
				next(w, r.WithContext(ctx))
				if sv, ok := catalog.SnapshotVersion(ctx); ok {
					due, _ := catalog.SnapshotDue(ctx)
					key = v.listKey(r, sv, due)
					if v.feed != nil && sv > v.feed.Position() {
						v.feed.Hint() // the follower is behind what this snapshot saw
					}
				}
				return nil
			})
			if err != nil && !ran { // no snapshot (the database is down): let next answer it
				next(w, r)
			}
			if err != nil {
				return ""
			}
			return key
		})
	}
}

// Row serves next, which shows one catalog row of c (the id that starts
// the {id} path value, as in "45" or "45-its-slug"), keyed by the version
// of that row's last change and the catalog's due time (a deadline reached
// turns the page into a 410 with no new version).
func (v *Views) Row(c kind.Catalog, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := ""
		if id, err := strconv.ParseInt(leadingID(r.PathValue("id")), 10, 64); err == nil && v.feed != nil {
			if rv := v.feed.RowVersion(c, id); rv >= 0 {
				key = v.rowKey(r, c, rv)
			}
		}
		v.cache.Serve(w, r, key, func(w http.ResponseWriter, r *http.Request) string {
			next(w, r)
			return key // what it read is at least as new as the row's key
		})
	}
}

// rowKey names a view of one row at row version rv, or "" when the due
// time cannot be read (nothing is stored then).
func (v *Views) rowKey(r *http.Request, c kind.Catalog, rv int64) string {
	due, ok := v.store.Due(v.position())
	if !ok {
		var err error
		if due, err = v.store.CurrentDue(r.Context()); err != nil {
			return ""
		}
	}
	return "R" + string(c) + "\x00" + strconv.FormatInt(rv, 10) + "@" + catalog.DueKey(due) + "\x00" + requestKey(r)
}

// leadingID is the id before a path segment's slug.
func leadingID(seg string) string {
	id, _, _ := strings.Cut(seg, "-")
	return id
}

func (v *Views) position() int64 {
	if v.feed == nil {
		return -1
	}
	return v.feed.Position()
}

// listKey names a list of version whose due time is due (zero: not known,
// nothing to look up): once the clock reaches it, the list may show other
// rows with no new version.
func (v *Views) listKey(r *http.Request, version int64, due time.Time) string {
	if v.feed == nil || version < 0 || due.IsZero() {
		return ""
	}
	return "L" + strconv.FormatInt(version, 10) + "@" + catalog.DueKey(due) + "\x00" + requestKey(r)
}

// requestKey is what a response depends on besides the catalog: the scheme
// and host (absolute links come from them when no base URL is set), the
// method (HEAD has no body) and the full request URI.
func requestKey(r *http.Request) string {
	scheme := "http://"
	if httpx.IsHTTPS(r) {
		scheme = "https://"
	}
	return r.Method + " " + scheme + r.Host + r.URL.RequestURI()
}
