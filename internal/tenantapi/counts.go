package tenantapi

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/kind"
)

// counted names what a resource's rows are counted by: the catalog their
// public views are counted in, and the inbox of the submissions sent to
// them, whose count is given under field.
type counted struct {
	catalog kind.Catalog
	inbox   inbox.Kind
	field   string
}

// rowCounts are a stored row's counts. Views are the public pages'
// (internal/counts: as old as its flush interval); submissions are counted
// exactly in the tenant's schema, whatever sent them. Neither is part of
// the row's version: a view does not change the row.
type rowCounts struct {
	views, submissions int64
	field              string
}

// json is the counts as members of the row's JSON object, comma first.
func (c *rowCounts) json() string {
	if c == nil {
		return ""
	}
	return `,"view_count":` + strconv.FormatInt(c.views, 10) + `,"` + c.field + `":` + strconv.FormatInt(c.submissions, 10)
}

// loadCounts gives recs their counts, in the request's tenant transaction:
// the views by the tenant's own source ids, the submissions from its own
// schema, so no other tenant's counts can be reached.
func (res *resource[F]) loadCounts(ctx context.Context, tx pgx.Tx, t domain.Tenant, recs ...*record[F]) error {
	if res.counted == nil || len(recs) == 0 {
		return nil
	}
	ids := make([]int64, len(recs))
	for i, rec := range recs {
		ids[i] = rec.ID
	}
	views, err := counts.OfSources(ctx, tx, res.counted.catalog, t.ID, ids)
	if err != nil {
		return err
	}
	subs, err := inbox.CountPer(ctx, tx, t, res.counted.inbox, ids)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		rec.Counts = &rowCounts{views: views[rec.ID].Views, submissions: subs[rec.ID], field: res.counted.field}
	}
	return nil
}
