package tenantapi

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/projection"
)

// Catalog states of a source row.
const (
	statePublic   = "public"   // in the catalog, up to date
	statePending  = "pending"  // the catalog has yet to follow a change
	stateExcluded = "excluded" // kept out of the catalog; reasons say why
)

// Why a row is pending.
const (
	pendingQueued   = "queued"           // an outbox row for it waits for a worker
	pendingDead     = "dead_letter"      // its sync failed repeatedly; see the admin page
	pendingMissing  = "catalog_missing"  // public but not in the catalog yet
	pendingOutdated = "catalog_outdated" // in the catalog with other content
	pendingStale    = "catalog_stale"    // excluded but still in the catalog
)

// statusItem is the catalog state of one job or provider.
type statusItem struct {
	Kind      string   `json:"kind"` // job or provider
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Version   int64    `json:"version"`
	State     string   `json:"state"`
	Reasons   []string `json:"reasons"`
	Pending   []string `json:"pending"`
	CatalogID *int64   `json:"catalog_id"`
}

type statusBody struct {
	TenantStatus string       `json:"tenant_status"`
	Items        []statusItem `json:"items"`
	NextCursor   *string      `json:"next_cursor"`
}

// decide sets State from what the projection says (reasons), what the
// catalog holds and what the outbox still has queued.
func (it *statusItem) decide(hash []byte, cat *catalog.Published, q queueState) {
	public := len(it.Reasons) == 0
	it.Pending = []string{}
	switch {
	case q.dead:
		it.Pending = append(it.Pending, pendingDead)
	case q.queued:
		it.Pending = append(it.Pending, pendingQueued)
	}
	switch {
	case public && cat == nil:
		it.Pending = append(it.Pending, pendingMissing)
	case public && !bytes.Equal(cat.Hash, hash):
		it.Pending = append(it.Pending, pendingOutdated)
	case !public && cat != nil && !onlyClock(it.Reasons):
		it.Pending = append(it.Pending, pendingStale)
	}
	if cat != nil {
		it.CatalogID = &cat.ID
	}
	switch {
	case len(it.Pending) > 0:
		it.State = statePending
	case public:
		it.State = statePublic
	default:
		it.State = stateExcluded
	}
}

// onlyClock reports whether the item fails a clock rule alone (scheduled,
// deadline passed): its catalog row stays, hidden at query time, so it is
// not stale.
func onlyClock(reasons []string) bool {
	return len(reasons) == 1 && (reasons[0] == string(projection.ReasonDeadlinePassed) || reasons[0] == string(projection.ReasonScheduled))
}

// statusCursor is "job:<id>" or "provider:<id>": jobs are listed first,
// then providers, both in id order.
type statusCursor struct {
	kind  string
	after int64
}

func readStatusQuery(r *http.Request) (statusCursor, page, error) {
	c := statusCursor{kind: "job"}
	q := r.URL.Query()
	pg, err := readPage(withoutCursor(r))
	if err != nil {
		return c, pg, err
	}
	if v := q.Get("cursor"); v != "" {
		kind, id, _ := strings.Cut(v, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if (kind != "job" && kind != "provider") || err != nil || n < 0 {
			return c, pg, domain.FieldError("cursor", "must be the next_cursor of a previous page")
		}
		c = statusCursor{kind: kind, after: n}
	}
	return c, pg, nil
}

func withoutCursor(r *http.Request) *http.Request {
	q := r.URL.Query()
	q.Del("cursor")
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	return r2
}

// catalogStatus serves GET /api/v1/tenant/catalog-status.
func (h *Handler) catalogStatus(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	cur, pg, err := readStatusQuery(r)
	var items []statusItem
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			items, err = h.readStatus(r.Context(), tx, t, cur, pg.limit+1)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	body := statusBody{TenantStatus: t.Status, Items: items}
	if len(items) > pg.limit {
		body.Items = items[:pg.limit]
		last := items[pg.limit-1]
		next := last.Kind + ":" + strconv.FormatInt(last.ID, 10)
		body.NextCursor = &next
	}
	if body.Items == nil {
		body.Items = []statusItem{}
	}
	httpx.WriteJSON(w, http.StatusOK, body)
}
