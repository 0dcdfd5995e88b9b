package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// Round is SyncIDs for the ids of many tenants at once, in shared round
// trips: every read in one (Read), and every write in another, one upsert
// and one removal per catalog across all the tenants (QueueWrites), rather
// than a round trip per statement and statements per tenant. It is the
// incremental sync of a worker batch, whose transaction holds the sync lock
// of every tenant added, taken before Read; a failure anywhere fails the
// whole round, and the caller redoes its work with SyncIsolated.
type Round struct {
	reads  pgx.Batch
	parts  []*part
	writes []*writes
}

// part is the sync of one tenant's ids of one catalog: its reads, queued
// on a batch, and what they found.
type part struct {
	t         domain.Tenant
	c         kind.Catalog
	ids       []int64
	fps       source.Fingerprints
	read      func(priors) projected
	hold      map[int64]held
	stored    priors
	listening bool
	p         projected
}

// queuePart queues the reads of one sync: the fingerprints first (see
// source.QueueJobFingerprints), the source rows, whether the tenant listens
// for listing events, then what the catalog holds of the rows and their
// stored HTML for the projection to reuse.
func queuePart(b *pgx.Batch, t domain.Tenant, c kind.Catalog, ids []int64, opts Options) *part {
	x := queueSources(b, t, c, ids)
	b.Queue(hashesSQL(c), t.ID, ids).Query(func(rows pgx.Rows) error { return scanHashes(c, rows, x.hold) })
	if ops := catalogs[c]; !opts.Full && len(ops.htmlColumns) > 0 {
		queuePriors(b, c, ops.htmlColumns, t.ID, ids, x.stored)
	}
	return x
}

// queueSources queues the reads of a part from the tenant's schema.
func queueSources(b *pgx.Batch, t domain.Tenant, c kind.Catalog, ids []int64) *part {
	ops := catalogs[c]
	x := &part{t: t, c: c, ids: ids, fps: source.Fingerprints{}, hold: make(map[int64]held, len(ids)), stored: priors{}}
	ops.queueFingerprints(b, t, fingerprintSalt(t), ids, x.fps)
	x.read = ops.queueRead(b, t, ids)
	notify.QueueListening(b, t.ID, &x.listening)
	return x
}

// project decides the rows read, once the batch has run.
func (x *part) project() {
	x.p = x.read(x.stored)
	for i := range x.p.items {
		it := &x.p.items[i]
		it.fp = x.fps[it.sourceID]
		it.keep = keptHTML(x.c, it.values, x.stored.of(it.sourceID))
	}
}

// Add queues the sync of these source ids of tenant t's catalog c (jobs or
// providers).
func (r *Round) Add(t domain.Tenant, c kind.Catalog, ids []int64) {
	if len(ids) > 0 {
		r.parts = append(r.parts, queueSources(&r.reads, t, c, ids))
	}
}

// Read runs every queued read in one round trip and projects the rows.
func (r *Round) Read(ctx context.Context, q pgq.Querier) error {
	if len(r.parts) == 0 {
		return nil
	}
	for _, c := range []kind.Catalog{kind.Jobs, kind.Providers} {
		r.queueHeld(c)
	}
	if err := q.SendBatch(ctx, &r.reads).Close(); err != nil {
		return err
	}
	for _, x := range r.parts {
		x.project()
	}
	return nil
}

// queueHeld reads what the catalog holds of every part's rows of catalog
// c, whatever their tenants, in one statement: hashes, fingerprints and the
// stored HTML with its digests (a row without digests has no prior).
func (r *Round) queueHeld(c kind.Catalog) {
	byTenant := map[int64]*part{}
	var tenants, ids []int64
	for _, x := range r.parts {
		if x.c == c {
			byTenant[x.t.ID] = x
			for _, id := range x.ids {
				tenants, ids = append(tenants, x.t.ID), append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	html := catalogs[c].htmlColumns
	cols := append([]string{"k.tenant_id", "k.source_id", "k.content_hash", "k.input_fingerprint", "k.html_digests"}, prefixed("k.", html)...)
	r.reads.Queue(`SELECT `+strings.Join(cols, ", ")+` FROM `+c.Table()+
		` k JOIN unnest($1::bigint[], $2::bigint[]) v (tenant_id, source_id) USING (tenant_id, source_id)`, tenants, ids).
		Query(func(rows pgx.Rows) error { return scanHeld(c, rows, byTenant, len(html)) })
}

func scanHeld(c kind.Catalog, rows pgx.Rows, byTenant map[int64]*part, nHTML int) error {
	defer rows.Close()
	for rows.Next() {
		var tenantID, id int64
		var h held
		p := &projection.Prior{HTML: make([]string, nHTML)}
		dest := []any{&tenantID, &id, &h.hash, &h.fp, &p.Digests}
		for i := range p.HTML {
			dest = append(dest, &p.HTML[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("apply %s: read held rows: %w", c, err)
		}
		x := byTenant[tenantID]
		x.hold[id] = h
		if p.Digests != nil {
			x.stored[id] = p
		}
	}
	return rows.Err()
}

func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}

// Invalid lists the tenant's rows that Read found holding values the
// catalog cannot take: QueueWrites removes their catalog rows, and the
// caller settles them as failed rows.
func (r *Round) Invalid(tenantID int64) []RowError {
	var out []RowError
	for _, x := range r.parts {
		if x.t.ID == tenantID {
			out = append(out, x.p.invalid...)
		}
	}
	return out
}

// QueueWrites queues the writes of every part on b, per catalog across
// the tenants: the changed rows (writes) and one removal; it adds what
// they do to stats as the batch runs, and Finish the rest.
func (r *Round) QueueWrites(ctx context.Context, q pgq.Querier, b *pgx.Batch, stats map[kind.Catalog]Stats) error {
	for _, c := range []kind.Catalog{kind.Jobs, kind.Providers} {
		g, err := r.gather(c)
		if err != nil {
			return err
		}
		if g.parts == 0 {
			continue
		}
		add(stats, c, g.st)
		w, err := newWrites(ctx, q, c, catalogs[c].columns)
		if err != nil {
			return err
		}
		w.queue(b, g.changed)
		r.writes = append(r.writes, w)
		queueRemoveMany(b, c, g.removeTenants, g.removeIDs, stats)
	}
	return nil
}

// gathered is what a round writes to one catalog, every tenant's together.
type gathered struct {
	parts                    int
	changed                  []item
	removeTenants, removeIDs []int64
	st                       Stats // the counts known before the writes
}

func (r *Round) gather(c kind.Catalog) (gathered, error) {
	var g gathered
	for _, x := range r.parts {
		if x.c != c {
			continue
		}
		ch, _, inserted, err := splitChanged(c, x.t.ID, x.p.items, x.hold)
		if err != nil {
			return g, err
		}
		g.parts++
		g.changed = append(g.changed, ch...)
		g.st.Add(Stats{Eligible: len(x.p.items), Unchanged: len(x.p.items) - len(ch), Inserted: inserted, Errors: len(x.p.invalid)})
		for _, id := range x.p.remove {
			g.removeTenants, g.removeIDs = append(g.removeTenants, x.t.ID), append(g.removeIDs, id)
		}
	}
	return g, nil
}

// Finish completes the round in the caller's transaction once
// QueueWrites' batch has run: it adds what the batch wrote to stats, and
// records the listing events of the tenants that listen.
func (r *Round) Finish(ctx context.Context, q pgq.Querier, stats map[kind.Catalog]Stats) error {
	for _, w := range r.writes {
		if err := w.finish(ctx, q); err != nil {
			return err
		}
		add(stats, w.c, Stats{Written: w.written})
	}
	for _, x := range r.parts {
		if !x.listening {
			continue
		}
		if _, err := (notify.Recorder{}).Record(ctx, q, x.t.ID, listingEvents(x.c, x.p, x.hold)...); err != nil {
			return err
		}
	}
	return nil
}

func add(stats map[kind.Catalog]Stats, c kind.Catalog, st Stats) {
	if st == (Stats{}) {
		return
	}
	sum := stats[c]
	sum.Add(st)
	stats[c] = sum
}

// queueRemoveMany deletes the catalog rows of these (tenant, source id)
// pairs, whatever their tenants.
func queueRemoveMany(b *pgx.Batch, c kind.Catalog, tenants, ids []int64, stats map[kind.Catalog]Stats) {
	if len(ids) == 0 {
		return
	}
	b.Queue(`DELETE FROM `+c.Table()+` k USING unnest($1::bigint[], $2::bigint[]) v(tenant_id, source_id)
		WHERE k.tenant_id = v.tenant_id AND k.source_id = v.source_id`, tenants, ids).Exec(func(tag pgconn.CommandTag) error {
		add(stats, c, Stats{Removed: int(tag.RowsAffected())})
		return nil
	})
}
