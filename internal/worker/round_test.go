package worker_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// Changes spread over many tenants are claimed, applied and committed in
// one batch, each tenant under its own lock, and the catalog converges.
func TestOneBatchSyncsManyTenants(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	var tenants []domain.Tenant
	var jobs []int64
	for range 5 {
		tn := testfactory.Tenant(t, e.db, nil)
		tenants = append(tenants, tn)
		jobs = append(jobs, testfactory.Job(t, e.db, tn, nil).ID)
	}
	e.drain()
	for i, tn := range tenants {
		e.exec(tn, `UPDATE %s.job_postings SET title = title || ' (edited)' WHERE id = $1`, jobs[i])
	}
	b, err := e.w.ProcessBatch(e.ctx)
	if err != nil || len(b.Tenants) != 5 || b.Claimed != 5 || len(b.Applied) != 5 {
		t.Fatalf("batch = tenants %v, %d claimed, %d applied, %v; want the five tenants' rows in one batch",
			b.Tenants, b.Claimed, len(b.Applied), err)
	}
	if n := e.outboxCount(); n != 0 {
		t.Fatalf("%d outbox rows left after the batch", n)
	}
	testfactory.RequireConverged(t, e.db)
}

// A tenant whose sync lock another transaction holds is passed over: the
// batch takes the others, and the held tenant's rows wait, with no attempt
// counted, for the lock to be free.
func TestBatchPassesOverATenantHeldElsewhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	jobA := testfactory.Job(t, e.db, a, nil)
	testfactory.Job(t, e.db, b, nil)

	holder, err := e.db.Begin(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = holder.Rollback(e.ctx) }()
	if err := apply.LockTenant(e.ctx, holder, a.ID); err != nil {
		t.Fatal(err)
	}
	bt, err := e.w.ProcessBatch(e.ctx)
	if err != nil || !slices.Equal(bt.Tenants, []int64{b.ID}) {
		t.Fatalf("batch = tenants %v, %v; want tenant B alone", bt.Tenants, err)
	}
	if n := e.count(`SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND attempts = 0`, a.ID); n != 1 {
		t.Fatalf("tenant A has %d untouched pending rows, want 1", n)
	}
	if err := holder.Rollback(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if e.jobRow(a, jobA.ID) == nil {
		t.Fatal("tenant A's job was not applied once its lock was free")
	}
}

// The claim tries no lock of a tenant the batch has no room for: with room
// for one row, the second tenant's lock stays free for other workers while
// the batch runs.
func TestClaimLocksOnlyTheTenantsItTakes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{BatchSize: 1})
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	e.drain()
	testfactory.Job(t, e.db, a, nil)
	testfactory.Job(t, e.db, b, nil)

	free := false
	worker.SetBeforeCommit(e.w, func(ctx context.Context) {
		err := pgx.BeginFunc(ctx, e.db, func(tx pgx.Tx) error {
			return tx.QueryRow(ctx, `SELECT `+apply.TenantLockSQL("pg_try_advisory_xact_lock", "$1::bigint"), b.ID).Scan(&free)
		})
		if err != nil {
			t.Error(err)
		}
	})
	bt, err := e.w.ProcessBatch(e.ctx)
	if err != nil || !slices.Equal(bt.Tenants, []int64{a.ID}) {
		t.Fatalf("batch = tenants %v, %v; want tenant A alone", bt.Tenants, err)
	}
	if !free {
		t.Fatal("the batch held the lock of a tenant it claimed nothing of")
	}
}

// A tenant-wide row (a full pass) ends the claim: the batch takes the
// tenants before it and that tenant, and leaves the later ones for the
// next batch.
func TestTenantWideRowIsTheBatchsLastTenant(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	a := testfactory.Tenant(t, e.db, nil)
	b := testfactory.Tenant(t, e.db, nil)
	c := testfactory.Tenant(t, e.db, nil)
	e.drain()
	testfactory.Job(t, e.db, a, nil)
	if _, err := e.db.Exec(e.ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id) VALUES ($1, 'tenant', 0)`, b.ID); err != nil {
		t.Fatal(err)
	}
	testfactory.Job(t, e.db, c, nil)
	bt, err := e.w.ProcessBatch(e.ctx)
	if err != nil || !slices.Equal(bt.Tenants, []int64{a.ID, b.ID}) {
		t.Fatalf("batch = tenants %v, %v; want tenants A and B", bt.Tenants, err)
	}
	e.drain()
	testfactory.RequireConverged(t, e.db)
}
