package outbox

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// ClaimTenants claims, in one statement, the available rows of up to
// maxTenants tenants, at most limit rows in all: the tenants of the oldest
// available rows, in that order, each whose sync lock tryLock (the SQL
// expression of tenant_id that tries it without waiting) takes; a tenant
// another transaction holds is passed over. Tenants fill the limit in turn,
// each with its oldest rows first. A tenant with a tenant-wide row (a full
// pass) is the last one taken, so that a batch carries at most one whole
// catalog of work, as a batch of one tenant at a time would. found reports
// whether any row was available, claimed or not. Rows come with FOR UPDATE
// SKIP LOCKED, as QueueClaim's do.
func ClaimTenants(ctx context.Context, q pgq.Querier, now Clock, maxTenants, limit int, tryLock string) (entries []Entry, found bool, err error) {
	rows, err := q.Query(ctx, claimTenantsSQL(tryLock), now.Arg(), limit, maxTenants)
	if err != nil {
		return nil, false, fmt.Errorf("outbox: claim: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var claimed bool
		var e Entry
		if err := rows.Scan(&found, &claimed, &e.ID, &e.TenantID, &e.TenantSlug, &e.Entity, &e.SourceID,
			&e.EnqueuedAt, &e.AvailableAt, &e.Attempts, &e.LastError, &e.DeadAt); err != nil {
			return nil, false, fmt.Errorf("outbox: claim: %w", err)
		}
		if claimed { // else the one row saying whether anything was found
			entries = append(entries, e)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("outbox: claim: %w", err)
	}
	return entries, found, nil
}

// claimTenantsSQL: head is the oldest available rows, cand their tenants
// by age. walk tries the candidates' locks one at a time, in that order,
// and stops once maxTenants are held, or enough to hold every row of head,
// or a tenant with a tenant-wide row is held: a lock is never tried for a
// tenant the batch has no room for. The LATERAL claim takes each locked
// tenant's rows in turn (tenant-wide ones only from the tenant that ended
// the walk), and the outer LIMIT stops it, and its row locks, at limit. The
// LEFT JOIN from found yields one row of zero values when nothing was
// claimed.
func claimTenantsSQL(tryLock string) string {
	return `WITH RECURSIVE head AS MATERIALIZED (
		SELECT tenant_id, entity, row_number() OVER (ORDER BY available_at, id) AS age FROM (
			SELECT tenant_id, entity, available_at, id FROM public.sync_outbox
			WHERE dead_at IS NULL AND available_at <= coalesce($1::timestamptz, clock_timestamp())
			ORDER BY available_at, id LIMIT $2) h),
	cand AS MATERIALIZED (
		SELECT tenant_id, row_number() OVER (ORDER BY min(age)) AS i, count(*) AS n,
			bool_or(entity NOT IN ` + singleEntities + `) AS wide
		FROM head GROUP BY tenant_id),
	walk AS (
		SELECT 0::bigint AS i, 0::bigint AS tenant_id, false AS locked, false AS wide,
			0::bigint AS tenants, 0::bigint AS rows, false AS stop
		UNION ALL
		SELECT c.i, c.tenant_id, x.locked, c.wide, w.tenants + x.locked::int,
			w.rows + CASE WHEN x.locked THEN c.n ELSE 0 END, x.locked AND c.wide
		FROM walk w JOIN cand c ON c.i = w.i + 1
		CROSS JOIN LATERAL (SELECT ` + tryLock + ` AS locked FROM (SELECT c.tenant_id) k) x
		WHERE NOT w.stop AND w.tenants < $3 AND w.rows < $2),
	claimed AS (
		SELECT c.* FROM walk l, LATERAL (
			SELECT o.*, l.i AS turn FROM public.sync_outbox o
			WHERE o.tenant_id = l.tenant_id AND o.dead_at IS NULL
			  AND o.available_at <= coalesce($1::timestamptz, clock_timestamp())
			  AND (l.wide OR o.entity IN ` + singleEntities + `)
			ORDER BY o.id LIMIT $2
			FOR UPDATE OF o SKIP LOCKED) c
		WHERE l.locked
		LIMIT $2)
	SELECT f.found, o.id IS NOT NULL, coalesce(o.id, 0), coalesce(o.tenant_id, 0), coalesce(t.slug, ''),
		coalesce(o.entity, ''), coalesce(o.source_id, 0), coalesce(o.enqueued_at, 'epoch'),
		coalesce(o.available_at, 'epoch'), coalesce(o.attempts, 0), coalesce(o.last_error, ''), o.dead_at
	FROM (SELECT EXISTS (SELECT FROM head) AS found) f
	LEFT JOIN claimed o ON true
	LEFT JOIN public.tenants t ON t.id = o.tenant_id
	ORDER BY o.turn, o.id`
}

// singleEntities are the entities of one row each (the others are whole
// passes), as an SQL list.
const singleEntities = `('job', 'provider', 'company')`

// QueueDelete is Delete queued on a batch, to share its round trip.
func QueueDelete(b *pgx.Batch, ids []int64) {
	if len(ids) == 0 {
		return
	}
	b.Queue(deleteSQL, ids)
}
