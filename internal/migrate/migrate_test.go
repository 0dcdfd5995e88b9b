package migrate_test

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/testdb"
)

var quiet = slog.New(slog.DiscardHandler)

// registerTenants inserts tenant rows without building their schemas, as a
// restore of the public schema would leave them: migrate must build them.
func registerTenants(t *testing.T, pool *pgxpool.Pool, n int) []string {
	t.Helper()
	_, err := pool.Exec(context.Background(), `INSERT INTO public.tenants (slug, name, schema_name)
		SELECT 'tenant_' || g, 'Tenant ' || g, 't_tenant_' || g FROM generate_series(1, $1) g`, n)
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := migrate.TenantSchemas(context.Background(), pool)
	if err != nil {
		t.Fatal(err)
	}
	return schemas
}

func TestMigrateTwiceIsANoop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	registerTenants(t, pool, 3)
	r := &migrate.Runner{Pool: pool, Log: quiet}
	first, err := r.Tenants(ctx, nil)
	if err != nil || first.Err() != nil || first.Migrated != 3 {
		t.Fatalf("first run: %+v %v", first, err)
	}
	applied, err := r.Shared(ctx)
	if err != nil || len(applied) != 0 {
		t.Fatalf("shared again applied %d (%v), want 0", len(applied), err)
	}
	second, err := r.Tenants(ctx, nil)
	if err != nil || second.Migrated != 0 || second.Applied != 0 || second.UpToDate != 3 {
		t.Fatalf("second run: %+v %v", second, err)
	}
}

func TestParallelMigrateOf200Tenants(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schemas := registerTenants(t, pool, 200)
	var calls []int
	r := &migrate.Runner{Pool: pool, Log: quiet, Concurrency: 8, Progress: func(done, total int) {
		if total != 200 {
			t.Errorf("progress total %d", total)
		}
		calls = append(calls, done)
	}}
	res, err := r.Tenants(ctx, nil)
	if err != nil || res.Err() != nil {
		t.Fatal(err, res.Err())
	}
	if res.Migrated != 200 || res.Applied != 200*len(migrate.Tenant()) {
		t.Fatalf("result %+v", res)
	}
	if len(calls) != 200 || !sort.IntsAreSorted(calls) || calls[199] != 200 {
		t.Fatalf("progress calls %d, last %v", len(calls), calls[len(calls)-1])
	}
	_, tenants, err := migrate.Status(ctx, pool, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range tenants {
		if st.Schema != schemas[i] || st.Pending() != 0 {
			t.Fatalf("schema %s: %d pending", st.Schema, st.Pending())
		}
	}
	// Every schema got its own tables and capture triggers.
	var triggers int
	err = pool.QueryRow(ctx, `SELECT count(*) FROM information_schema.triggers
		WHERE trigger_schema LIKE 't\_tenant\_%' AND trigger_name = 'job_postings_capture_ins'`).Scan(&triggers)
	if err != nil || triggers != 200 {
		t.Fatalf("capture triggers in %d schemas (%v), want 200", triggers, err)
	}
}

// A tenant migration whose transaction dies half-way (the backend is
// killed) leaves nothing behind, and the next run completes it.
func TestInterruptedTenantMigrationIsCompletedByTheNextRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schema := registerTenants(t, pool, 1)[0]

	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := migrate.ApplyTenant(ctx, tx, schema); err != nil || n != len(migrate.Tenant()) {
		t.Fatalf("apply in doomed tx: %d %v", n, err)
	}
	pid := conn.Conn().PgConn().PID()
	if _, err := pool.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err == nil {
		t.Fatal("commit on a killed backend succeeded")
	}
	conn.Release()

	var exists bool
	if err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists); err != nil || exists {
		t.Fatalf("schema exists after the killed transaction: %v %v", exists, err)
	}
	res, err := (&migrate.Runner{Pool: pool, Log: quiet}).Tenants(ctx, nil)
	if err != nil || res.Migrated != 1 {
		t.Fatalf("next run: %+v %v", res, err)
	}
}

// A schema that has the first migrations but not the last (an older binary
// built it) gets exactly the missing ones.
func TestPendingTenantMigrationIsApplied(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schema := registerTenants(t, pool, 1)[0]
	r := &migrate.Runner{Pool: pool, Log: quiet}
	if _, err := r.Tenants(ctx, nil); err != nil {
		t.Fatal(err)
	}
	capture := captureMigration(t)
	undoCapture := fmt.Sprintf(`DROP TRIGGER job_postings_capture_ins ON %[1]s.job_postings;
		DELETE FROM %[1]s.schema_migrations WHERE version = %[2]d`, pgx.Identifier{schema}.Sanitize(), capture.Version)
	if _, err := pool.Exec(ctx, dropAllCapture(schema, capture)+undoCapture); err != nil {
		t.Fatal(err)
	}
	_, tenants, _ := migrate.Status(ctx, pool, nil)
	if tenants[0].Pending() != 1 {
		t.Fatalf("pending = %d, want 1", tenants[0].Pending())
	}
	res, err := r.Tenants(ctx, nil)
	if err != nil || res.Applied != 1 {
		t.Fatalf("rerun: %+v %v", res, err)
	}
}

// dropAllCapture drops every capture trigger but job_postings_capture_ins
// (dropped by the caller), as if the capture migration had never run.
func dropAllCapture(schema string, capture migrate.Migration) string {
	var b strings.Builder
	re := regexp.MustCompile(`CREATE TRIGGER (\w+) AFTER \w+ ON (\w+)`)
	for _, m := range re.FindAllStringSubmatch(capture.SQL, -1) {
		if m[1] == "job_postings_capture_ins" {
			continue
		}
		fmt.Fprintf(&b, "DROP TRIGGER %s ON %s;\n", m[1], pgx.Identifier{schema, m[2]}.Sanitize())
	}
	return b.String()
}

func captureMigration(t *testing.T) migrate.Migration {
	for _, m := range migrate.Tenant() {
		if m.Name == "capture" {
			return m
		}
	}
	t.Fatal("no tenant migration named capture")
	return migrate.Migration{}
}

func TestStatusReportsSharedTrack(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	shared, tenants, err := migrate.Status(context.Background(), pool, nil)
	if err != nil || len(tenants) != 0 {
		t.Fatal(err, len(tenants))
	}
	if shared.Schema != "public" || shared.Pending() != 0 || len(shared.Migrations) != len(migrate.Shared()) {
		t.Fatalf("shared status %+v", shared)
	}
}

// The Go enumerations and the CHECK constraints of the tenant model must
// list the same values: the tenant API validates with the former, the
// database with the latter.
func TestEnumsMatchCheckConstraints(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schema := registerTenants(t, pool, 1)[0]
	if _, err := (&migrate.Runner{Pool: pool, Log: quiet}).Tenants(ctx, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		table, column string
		want          []string
	}{
		{"job_postings", "job_type", domain.JobTypes},
		{"job_postings", "experience_level", domain.ExperienceLevels},
		{"job_postings", "remote_policy", domain.RemotePolicies},
		{"job_postings", "status", domain.JobStatuses},
		{"job_postings", "salary_period", domain.SalaryPeriods},
		{"service_providers", "provider_type", domain.ProviderTypes},
		{"service_providers", "availability_status", domain.Availabilities},
		{"provider_skills", "level", domain.SkillLevels},
		{"applications", "status", domain.ApplicationStatuses},
		{"project_inquiries", "status", domain.InquiryStatuses},
	}
	literal := regexp.MustCompile(`'([a-z_]+)'::text`)
	for _, c := range cases {
		var def string
		err := pool.QueryRow(ctx, `SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con
			JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
			WHERE ns.nspname = $1 AND rel.relname = $2 AND con.contype = 'c'
			  AND pg_get_constraintdef(con.oid) LIKE '%(' || $3 || ' = ANY%'`, schema, c.table, c.column).Scan(&def)
		if err != nil {
			t.Fatalf("%s.%s: %v", c.table, c.column, err)
		}
		var got []string
		for _, m := range literal.FindAllStringSubmatch(def, -1) {
			got = append(got, m[1])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s.%s: CHECK allows %v, domain has %v", c.table, c.column, got, c.want)
		}
	}
}

func TestFingerprintCoversEveryMigration(t *testing.T) {
	if len(migrate.Fingerprint()) != 64 {
		t.Fatal("fingerprint is not a hex SHA-256")
	}
	if len(migrate.Shared()) == 0 || len(migrate.Tenant()) == 0 {
		t.Fatal("no embedded migrations")
	}
}

// Capture notifies workers only when zumodra.capture_notify is on for the
// writer (NOTIFY serialises commits; see 0015_capture_static.sql).
// Notifications arrive in commit order, so a sentinel sent after the write
// tells whether the write notified without waiting on a clock.
func TestCaptureNotifySwitch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schema := registerTenants(t, pool, 1)[0]
	if _, err := (&migrate.Runner{Pool: pool, Log: quiet}).Tenants(ctx, nil); err != nil {
		t.Fatal(err)
	}
	listener, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Release()
	if _, err := listener.Exec(ctx, "LISTEN zumodra_sync"); err != nil {
		t.Fatal(err)
	}
	insert := "INSERT INTO " + pgx.Identifier{schema, "job_postings"}.Sanitize() + " (title) VALUES ('Engineer')"
	firstPayloadAfter := func(setting string) string {
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if setting != "" {
				if _, err := tx.Exec(ctx, "SELECT set_config('zumodra.capture_notify', $1, true)", setting); err != nil {
					return err
				}
			}
			_, err := tx.Exec(ctx, insert)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, "SELECT pg_notify('zumodra_sync', 'sentinel')"); err != nil {
			t.Fatal(err)
		}
		n, err := listener.Conn().WaitForNotification(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n.Payload != "sentinel" {
			// Consume the sentinel too.
			if _, err := listener.Conn().WaitForNotification(ctx); err != nil {
				t.Fatal(err)
			}
		}
		return n.Payload
	}
	if got := firstPayloadAfter(""); got != "sentinel" {
		t.Fatalf("a write with the default setting notified (%q)", got)
	}
	if got := firstPayloadAfter("off"); got != "sentinel" {
		t.Fatalf("a write with capture_notify=off notified (%q)", got)
	}
	if got := firstPayloadAfter("on"); got == "sentinel" {
		t.Fatal("a write with capture_notify=on sent no NOTIFY")
	}
	var captured int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.sync_outbox WHERE entity = 'job'`).Scan(&captured); err != nil || captured != 3 {
		t.Fatalf("outbox rows %d (%v), want 3: the switch must never skip capture itself", captured, err)
	}
}
