package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

var updateOpsGolden = flag.Bool("update-ops-golden", false, "rewrite testdata/ops/*.golden")

// opsEnv is a migrated test database with the original's two demo tenants
// in small: rows that must be public and rows that must not.
type opsEnv struct {
	url  string
	pool *pgxpool.Pool
	demo domain.Tenant
	hub  domain.Tenant
}

func newOpsEnv(t *testing.T) opsEnv {
	t.Helper()
	url := testdb.NewURL(t)
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	e := opsEnv{url: url, pool: pool}
	e.demo = testfactory.Tenant(t, pool, &testfactory.TenantOpts{Slug: "democompany", Name: "Demo Company"})
	e.hub = testfactory.Tenant(t, pool, &testfactory.TenantOpts{Slug: "freelancerhub", Name: "Freelancer Hub"})
	for range 3 {
		testfactory.Job(t, pool, e.demo, nil)
	}
	testfactory.Job(t, pool, e.demo, &testfactory.JobOpts{Status: "draft"})
	testfactory.Job(t, pool, e.demo, &testfactory.JobOpts{InternalOnly: true})
	testfactory.Provider(t, pool, e.demo, nil)
	testfactory.Provider(t, pool, e.demo, nil)
	testfactory.Job(t, pool, e.hub, nil)
	testfactory.Provider(t, pool, e.hub, nil)
	testfactory.Provider(t, pool, e.hub, &testfactory.ProviderOpts{MarketplaceEnabled: new(false)})
	e.exec(t, `DELETE FROM public.sync_outbox`) // the bulk sync is what these tests exercise
	return e
}

func (e opsEnv) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := e.pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func (e opsEnv) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := e.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// run executes zumodra in-process against the test database.
func (e opsEnv) run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := map[string]string{"DATABASE_URL": e.url, "ZUMODRA_LOG_FORMAT": "text", "ZUMODRA_LOG_LEVEL": "warn"}
	code = Execute(args, &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), code
}

// drainWorkers applies the outbox with a real worker pool.
func (e opsEnv) drainWorkers(t *testing.T) {
	t.Helper()
	p, err := worker.New(e.pool, worker.Config{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

var (
	durations  = regexp.MustCompile(`\b\d+\.\d\ds\b`)
	pgVersion  = regexp.MustCompile(`PostgreSQL [^\n]+`)
	waitingFor = regexp.MustCompile(`oldest waiting \S+;`)
	beatAgo    = regexp.MustCompile(`heartbeat \S+ ago`)
	nOfM       = regexp.MustCompile(`\b(\d+) of (\d+) (applied|shared tables|indexes)`)
)

// schemaCounts keeps only how far "n of m" is from complete: the number of
// migrations, tables and indexes grows with every new migration.
func schemaCounts(s string) string {
	return nOfM.ReplaceAllStringFunc(s, func(m string) string {
		g := nOfM.FindStringSubmatch(m)
		n, _ := strconv.Atoi(g[1])
		total, _ := strconv.Atoi(g[2])
		if n == total {
			return "N of N " + g[3]
		}
		return fmt.Sprintf("N-%d of N %s", total-n, g[3])
	})
}

// normalise replaces what differs from run to run.
func normalise(s string) string {
	s = durations.ReplaceAllString(s, "X.XXs")
	s = pgVersion.ReplaceAllString(s, "PostgreSQL X")
	s = beatAgo.ReplaceAllString(s, "heartbeat Xs ago")
	s = schemaCounts(s)
	return waitingFor.ReplaceAllString(s, "oldest waiting Xs;")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "ops", name+".golden")
	got = normalise(got)
	if *updateOpsGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-ops-golden to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func wantCode(t *testing.T, what string, code, want int, stderr string) {
	t.Helper()
	if code != want {
		t.Fatalf("%s: exit %d, want %d; stderr:\n%s", what, code, want, stderr)
	}
}

func TestSyncPublicCatalogsCommand(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)

	out, errs, code := e.run(t, "sync-public-catalogs", "--dry-run")
	wantCode(t, "dry run", code, 0, errs)
	golden(t, "sync_dry_run", out)
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog`); n != 0 {
		t.Fatalf("dry run wrote %d catalog rows", n)
	}

	out, errs, code = e.run(t, "sync-public-catalogs")
	wantCode(t, "sync", code, 0, errs)
	golden(t, "sync", out)
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog`) + e.count(t, `SELECT count(*) FROM public.provider_catalog`); n != 7 {
		t.Errorf("%d catalog rows, want 4 jobs and 3 providers", n)
	}

	// A second run skips every unchanged row and removes what is no longer public.
	e.exec(t, `UPDATE t_democompany.job_postings SET status = 'closed' WHERE id = 1`)
	out, errs, code = e.run(t, "sync-public-catalogs", "--tenant=democompany", "--catalog=jobs", "--json")
	wantCode(t, "second run", code, 0, errs)
	var rep struct {
		Tenants []struct {
			Slug     string
			Catalogs map[string]struct{ Eligible, Synced, Removed, Skipped, Errors int }
		}
		OK bool
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	jobs := rep.Tenants[0].Catalogs["jobs"]
	if !rep.OK || len(rep.Tenants) != 1 || jobs.Eligible != 2 || jobs.Skipped != 2 || jobs.Removed != 1 || jobs.Synced != 0 {
		t.Errorf("second run: %+v", rep)
	}
}

func TestSyncPublicCatalogsUsageErrors(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	for _, args := range [][]string{
		{"sync-public-catalogs", "--tenant=nobody"},
		{"sync-public-catalogs", "--catalog=gigs"},
		{"sync-public-catalogs", "--async", "--dry-run"},
		{"verify", "--tenant=nobody"},
		{"verify", "--catalog=gigs"},
	} {
		_, errs, code := e.run(t, args...)
		if code != ExitUsage || !strings.Contains(errs, "error: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
}

// --async queues one full resync per tenant and catalog; a worker applies them.
func TestSyncPublicCatalogsAsync(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	out, errs, code := e.run(t, "sync-public-catalogs", "--async")
	wantCode(t, "async", code, 0, errs)
	golden(t, "sync_async", out)
	if n := e.count(t, `SELECT count(*) FROM public.sync_outbox WHERE entity IN ('tenant_jobs', 'tenant_providers') AND dead_at IS NULL`); n != 4 {
		t.Fatalf("%d resyncs queued, want 4 (2 tenants x 2 catalogs)", n)
	}
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog`); n != 0 {
		t.Fatal("--async synced by itself")
	}
	e.drainWorkers(t)
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog`) + e.count(t, `SELECT count(*) FROM public.provider_catalog`); n != 7 {
		t.Errorf("%d catalog rows after the worker ran, want 7", n)
	}
	if _, errs, code := e.run(t, "verify"); code != 0 {
		t.Errorf("verify after the async resync: exit %d\n%s", code, errs)
	}
}

// The scenario through the command line: a catalog corrupted by
// hand (changed title, extra row, deleted row, row of a suspended tenant).
func TestVerifyCommandFindsAndRepairs(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	if _, errs, code := e.run(t, "sync-public-catalogs"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	out, errs, code := e.run(t, "verify")
	wantCode(t, "verify clean", code, 0, errs)
	golden(t, "verify_clean", out)

	e.exec(t, `UPDATE public.job_catalog SET title = 'Edited by hand' WHERE tenant_id = $1 AND source_id = 1`, e.demo.ID)
	e.exec(t, `DELETE FROM public.job_catalog WHERE tenant_id = $1 AND source_id = 2`, e.demo.ID)
	e.exec(t, `INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash, title, job_type,
		experience_level, remote_policy, company_name, company_slug, published_at)
		SELECT tenant_id, 999, 1, content_hash, 'Extra', job_type, experience_level, remote_policy,
			company_name, company_slug, published_at FROM public.job_catalog WHERE tenant_id = $1 AND source_id = 3`, e.demo.ID)
	e.exec(t, `UPDATE public.tenants SET status = 'suspended' WHERE id = $1`, e.hub.ID)
	e.exec(t, `DELETE FROM public.sync_outbox`) // the suspension's capture lost

	out, errs, code = e.run(t, "verify")
	wantCode(t, "verify corrupted", code, ExitFailure, errs)
	golden(t, "verify_corrupted", out)
	if !strings.Contains(errs, "6 discrepancies; fix them with: zumodra verify --repair") { // the suspended tenant's company row is one
		t.Errorf("stderr %q", errs)
	}

	out, errs, code = e.run(t, "verify", "--repair")
	wantCode(t, "verify --repair", code, 0, errs)
	golden(t, "verify_repair", out)
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog WHERE title = 'Edited by hand' OR source_id = 999 OR tenant_id = $1`, e.hub.ID); n != 0 {
		t.Errorf("%d corrupted rows survived the repair", n)
	}
}

func TestCleanupStaleCommand(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	if _, errs, code := e.run(t, "sync-public-catalogs"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	e.exec(t, `DELETE FROM t_democompany.job_postings WHERE id = 1`)
	e.exec(t, `UPDATE t_democompany.job_postings SET application_deadline = now() - interval '1 day' WHERE id = 2`)
	e.exec(t, `UPDATE public.tenants SET status = 'suspended' WHERE id = $1`, e.hub.ID)
	e.exec(t, `DELETE FROM public.sync_outbox`)
	e.exec(t, `UPDATE public.job_catalog SET application_deadline = now() - interval '1 day' WHERE tenant_id = $1 AND source_id = 2`, e.demo.ID)

	out, errs, code := e.run(t, "cleanup-stale", "--dry-run")
	wantCode(t, "dry run", code, 0, errs)
	golden(t, "cleanup_dry_run", out)
	before := e.count(t, `SELECT count(*) FROM public.job_catalog`)

	out, errs, code = e.run(t, "cleanup-stale")
	wantCode(t, "cleanup", code, 0, errs)
	golden(t, "cleanup", out)
	if after := e.count(t, `SELECT count(*) FROM public.job_catalog`); after != before-3 {
		t.Errorf("jobs %d -> %d, want 3 removed", before, after)
	}
}

// Doctor fails on a dropped index; `migrate` does not bring it back (its
// migration is recorded), as the hint says; `doctor --recreate-indexes` does.
func TestDoctorCommand(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	if _, errs, code := e.run(t, "sync-public-catalogs"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	e.exec(t, `INSERT INTO public.worker_heartbeats (worker_id, hostname, pid) VALUES ('test/0', 'test', 1)`)
	out, errs, code := e.run(t, "doctor")
	wantCode(t, "doctor healthy", code, 0, errs)
	golden(t, "doctor_healthy", out)

	e.exec(t, `DROP INDEX public.provider_catalog_rating`)
	out, errs, code = e.run(t, "doctor")
	wantCode(t, "doctor, index dropped", code, ExitFailure, errs)
	golden(t, "doctor_missing_index", out)

	if _, errs, code := e.run(t, "migrate"); code != 0 {
		t.Fatalf("migrate: %s", errs)
	}
	out, _, code = e.run(t, "doctor")
	if code != ExitFailure || !strings.Contains(out, "missing public.provider_catalog_rating") {
		t.Fatalf("after migrate the index should still be missing (exit %d):\n%s", code, out)
	}

	out, errs, code = e.run(t, "doctor", "--recreate-indexes")
	wantCode(t, "doctor --recreate-indexes", code, 0, errs)
	if !strings.Contains(out, "Recreated public.provider_catalog_rating (from shared 0002_catalog)") {
		t.Errorf("output:\n%s", out)
	}
}

func TestDoctorUnreachableDatabase(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	env := map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", "ZUMODRA_LOG_LEVEL": "error"}
	code := Execute([]string{"doctor", "--json"}, &out, &errb, func(k string) string { return env[k] })
	var rep struct {
		OK     bool
		Checks []struct {
			Name string
			OK   bool
		}
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s / %s", err, out.String(), errb.String())
	}
	if code != ExitFailure || rep.OK || len(rep.Checks) != 10 || rep.Checks[0].Name != "database reachable" || rep.Checks[0].OK {
		t.Errorf("exit %d, report %+v", code, rep)
	}
}

// A row the catalog refuses fails alone: the others are synced, the summary
// counts the error and the exit status is 1.
func TestSyncPublicCatalogsFailedRow(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	e.exec(t, `CREATE FUNCTION public.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.title = 'Poison' THEN RAISE EXCEPTION 'poison row refused'; END IF; RETURN NEW; END $$`)
	e.exec(t, `CREATE TRIGGER refuse_poison BEFORE INSERT ON public.job_catalog FOR EACH ROW EXECUTE FUNCTION public.refuse_poison()`)
	e.exec(t, `UPDATE t_democompany.job_postings SET title = 'Poison' WHERE id = 2`)

	out, errs, code := e.run(t, "sync-public-catalogs", "--catalog=jobs")
	wantCode(t, "sync with a poison row", code, ExitFailure, errs)
	for _, want := range []string{"✗ 2 synced, 0 removed, 0 skipped (unchanged), 1 errors", "✗ jobs 2: ", "poison row refused",
		"  ✗ Errors:  1", "✗ Finished with errors"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM public.job_catalog`); n != 3 {
		t.Errorf("%d jobs synced, want the 3 healthy ones", n)
	}
}
