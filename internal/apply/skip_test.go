package apply_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// skipFixture is one tenant with 3 public jobs (one in a category), a
// draft, and 2 providers (one public with a skill and a category, one not
// on the marketplace), bulk synced once.
type skipFixture struct {
	pool              *pgxpool.Pool
	tn                domain.Tenant
	jobCat, provCat   int64
	jobs              []domain.JobPosting
	draft             domain.JobPosting
	provider, private domain.ServiceProvider
}

func newSkipFixture(t *testing.T) *skipFixture {
	f := &skipFixture{pool: testdb.New(t)}
	f.tn = testfactory.Tenant(t, f.pool, nil)
	f.jobCat = testfactory.JobCategory(t, f.pool, f.tn, nil).ID
	f.provCat = testfactory.ProviderCategory(t, f.pool, f.tn, nil).ID
	f.jobs = append(f.jobs, testfactory.Job(t, f.pool, f.tn, &testfactory.JobOpts{CategoryID: &f.jobCat}))
	f.jobs = append(f.jobs, testfactory.Job(t, f.pool, f.tn, nil), testfactory.Job(t, f.pool, f.tn, nil))
	f.draft = testfactory.Job(t, f.pool, f.tn, &testfactory.JobOpts{Status: "draft"})
	f.provider = testfactory.Provider(t, f.pool, f.tn, &testfactory.ProviderOpts{
		Skills: []testfactory.SkillOpts{{Name: "Go", Level: "expert", Years: 6}}, CategoryIDs: []int64{f.provCat}})
	f.private = testfactory.Provider(t, f.pool, f.tn, &testfactory.ProviderOpts{MarketplaceEnabled: new(false)})
	f.sync(t, resync.Options{})
	return f
}

// sync bulk-syncs the tenant (pages of 2) and returns the totals.
func (f *skipFixture) sync(t *testing.T, opts resync.Options) map[kind.Catalog]apply.Stats {
	t.Helper()
	opts.TenantSlugs, opts.BatchSize = []string{f.tn.Slug}, 2
	rep, err := resync.Run(context.Background(), f.pool, opts)
	if err != nil || rep.Err() != nil {
		t.Fatalf("resync: %v %v", err, rep.Err())
	}
	return rep.Totals
}

func (f *skipFixture) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := f.pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func (f *skipFixture) table(name string) string {
	return pgx.Identifier{f.tn.SchemaName, name}.Sanitize()
}

// wantRead checks how many source rows of each catalog the sync read (the
// rest it skipped by fingerprint), and that the catalog is exact.
func wantRead(t *testing.T, f *skipFixture, st map[kind.Catalog]apply.Stats, jobs, providers int) {
	t.Helper()
	if got := 4 - st[kind.Jobs].Skipped; got != jobs {
		t.Errorf("jobs read %d, want %d (%+v)", got, jobs, st[kind.Jobs])
	}
	if got := 2 - st[kind.Providers].Skipped; got != providers {
		t.Errorf("providers read %d, want %d (%+v)", got, providers, st[kind.Providers])
	}
	testfactory.RequireConverged(t, f.pool)
}

// A second bulk sync with nothing changed reads no source row, public or
// not; each kind of input change makes it read exactly the rows made from
// it, whoever wrote it, triggers or not.
func TestBulkSyncSkipsByInputFingerprint(t *testing.T) {
	t.Parallel()
	f := newSkipFixture(t)
	st := f.sync(t, resync.Options{})
	wantRead(t, f, st, 0, 0)
	if st[kind.Jobs].Unchanged != 3 || st[kind.Providers].Unchanged != 1 || st[kind.Jobs].Written != 0 {
		t.Fatalf("second sync %+v, want the public rows counted unchanged", st)
	}

	steps := []struct {
		name            string
		sql             string
		jobs, providers int
	}{
		{"a job edited", `UPDATE %s SET title = 'Edited' WHERE id = $1`, 1, 0},
		{"the draft published", `UPDATE %s SET status = 'open' WHERE id = $1`, 1, 0},
		{"a job category renamed", `UPDATE %s SET name = 'Renamed' WHERE id = $1`, 1, 0},
		{"a skill added", `INSERT INTO %s (provider_id, name) VALUES ($1, 'SQL')`, 0, 1},
		{"a category link removed", `DELETE FROM %s WHERE provider_id = $1`, 0, 1},
		{"a provider category renamed", `UPDATE %s SET name = 'Renamed' WHERE id = $1`, 0, 0},
		{"the private provider enabled", `UPDATE %s SET marketplace_enabled = true WHERE id = $1`, 0, 1},
	}
	tables := []string{"job_postings", "job_postings", "job_categories", "provider_skills", "provider_category_links", "provider_categories", "service_providers"}
	args := []int64{f.jobs[1].ID, f.draft.ID, f.jobCat, f.provider.ID, f.provider.ID, f.provCat, f.private.ID}
	for i, s := range steps {
		f.exec(t, fmt.Sprintf(s.sql, f.table(tables[i])), args[i])
		wantRead(t, f, f.sync(t, resync.Options{}), s.jobs, s.providers)
	}

	// A write no trigger saw (a loader with session_replication_role =
	// replica): xmin changed all the same.
	err := pgx.BeginFunc(context.Background(), f.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(context.Background(), `SET LOCAL session_replication_role = replica`); err != nil {
			return err
		}
		_, err := tx.Exec(context.Background(), `UPDATE `+f.table("job_postings")+` SET title = 'Behind the back' WHERE id = $1`, f.jobs[2].ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wantRead(t, f, f.sync(t, resync.Options{}), 1, 0)

	// A renamed tenant: every row's inputs changed.
	f.exec(t, `UPDATE public.tenants SET name = 'Renamed Co' WHERE id = $1`, f.tn.ID)
	wantRead(t, f, f.sync(t, resync.Options{}), 4, 2)

	// --full reads everything whatever the fingerprints say.
	wantRead(t, f, f.sync(t, resync.Options{Full: true}), 4, 2)
}

// A new projection version forces a full pass: no stored fingerprint
// matches it. Not parallel: it changes the package's projection version.
func TestNewProjectionVersionForcesAFullPass(t *testing.T) {
	f := newSkipFixture(t)
	wantRead(t, f, f.sync(t, resync.Options{}), 0, 0)
	restore := apply.SetProjectionVersion(1 << 20)
	defer restore()
	wantRead(t, f, f.sync(t, resync.Options{}), 4, 2)
	wantRead(t, f, f.sync(t, resync.Options{}), 0, 0)
}
