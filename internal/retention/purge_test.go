package retention_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	dto "github.com/prometheus/client_model/go"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/retention"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const period = 30 * 24 * time.Hour

var cutoff = now.Add(-period)

// ago is a time d before the test's clock.
func ago(d time.Duration) time.Time { return now.Add(-d) }

const days = 24 * time.Hour

// submission is one row to seed: its table, status, times and how many
// history rows it has.
type submission struct {
	table            string
	status           string
	created, updated time.Time
	history          int
	purged           bool // what the purge must do with it
}

// seeds covers each side of each rule: age past the cutoff by creation
// and by last change, the cutoff itself, the working stages.
var seeds = []submission{
	{"applications", "new", ago(60 * days), ago(60 * days), 0, true},
	{"applications", "rejected", ago(400 * days), ago(45 * days), 2, true},
	{"applications", "hired", ago(31 * days), ago(31 * days), 1, true},
	{"applications", "rejected", ago(60 * days), ago(5 * days), 1, false},   // moved recently
	{"applications", "interview", ago(90 * days), ago(90 * days), 1, false}, // working stage: held
	{"applications", "offer", ago(90 * days), ago(90 * days), 0, false},     // held
	{"applications", "new", ago(5 * days), ago(5 * days), 0, false},
	{"applications", "new", cutoff, cutoff, 0, false}, // exactly at the cutoff: not older
	{"project_inquiries", "spam", ago(40 * days), ago(40 * days), 1, true},
	{"project_inquiries", "new", ago(40 * days), ago(40 * days), 0, true},
	{"project_inquiries", "replied", ago(40 * days), ago(40 * days), 1, false}, // held
	{"project_inquiries", "won", ago(40 * days), ago(10 * days), 2, false},
}

var historyOf = map[string]struct{ table, ref string }{
	"applications":      {"application_history", "application_id"},
	"project_inquiries": {"inquiry_history", "inquiry_id"},
}

// seed writes the submissions into the tenant's schema and returns their
// ids, in seeds' order.
func seed(t *testing.T, pool *pgxpool.Pool, tn domain.Tenant, subs []submission) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, len(subs))
	for i, s := range subs {
		sql := `INSERT INTO ` + table(tn, s.table) + ` (job_title, name, email, status, created_at, updated_at)
			VALUES ('Go engineer', 'Ada', 'ada@example.com', $1, $2, $3) RETURNING id`
		if s.table == "project_inquiries" {
			sql = `INSERT INTO ` + table(tn, s.table) + ` (provider_name, name, email, message, status, created_at, updated_at)
				VALUES ('Studio', 'Ada', 'ada@example.com', 'Hello', $1, $2, $3) RETURNING id`
		}
		if err := pool.QueryRow(ctx, sql, s.status, s.created, s.updated).Scan(&ids[i]); err != nil {
			t.Fatal(err)
		}
		h := historyOf[s.table]
		for range s.history {
			if _, err := pool.Exec(ctx, `INSERT INTO `+table(tn, h.table)+` (`+h.ref+`, actor, from_status, to_status, created_at)
				VALUES ($1, 'api key test', 'new', $2, $3)`, ids[i], s.status, s.updated); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

func table(tn domain.Tenant, name string) string {
	return pgx.Identifier{tn.SchemaName, name}.Sanitize()
}

// left returns the ids left in a table of the tenant, in id order.
func left(t *testing.T, pool *pgxpool.Pool, tn domain.Tenant, name, col string) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT `+col+` FROM `+table(tn, name)+` ORDER BY `+col)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// expect is what must be left after a purge: each table's ids (history
// tables: the submission each row points at), and the rows that must go.
func expect(subs []submission, ids []int64) (kept map[string][]int64, gone map[string]int) {
	kept, gone = map[string][]int64{}, map[string]int{}
	for i, s := range subs {
		h := historyOf[s.table].table
		if s.purged {
			gone[s.table]++
			gone[h] += s.history
			continue
		}
		kept[s.table] = append(kept[s.table], ids[i])
		for range s.history {
			kept[h] = append(kept[h], ids[i])
		}
	}
	return kept, gone
}

func check(t *testing.T, pool *pgxpool.Pool, tn domain.Tenant, kept map[string][]int64) {
	t.Helper()
	for name, want := range kept {
		col := "id"
		for _, h := range historyOf {
			if h.table == name {
				col = h.ref
			}
		}
		slices.Sort(want)
		if got := left(t, pool, tn, name, col); !slices.Equal(got, want) {
			t.Errorf("%s %s: left %v, want %v", tn.Slug, name, got, want)
		}
	}
}

func purged(t *testing.T, table string) float64 {
	var m dto.Metric
	if err := metrics.ApplicantRowsPurged.WithLabelValues(table).Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}

// The purge removes exactly the rows past the period, in every tenant,
// with their history, and nothing else; the dry run before it counts the
// same rows and removes nothing. A batch of one proves the batches add up.
func TestPurgeRemovesExactlyWhatExpired(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	a, b := testfactory.Tenant(t, pool, nil), testfactory.Tenant(t, pool, nil)
	idsA, idsB := seed(t, pool, a, seeds), seed(t, pool, b, seeds)
	empty := testfactory.Tenant(t, pool, nil)
	keptA, gone := expect(seeds, idsA)
	keptB, _ := expect(seeds, idsB)

	p := &retention.Purger{DB: pool, Period: period, Batch: 1, Now: func() time.Time { return now }}
	dry, err := p.Purge(ctx, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !dry.DryRun || !dry.Cutoff.Equal(cutoff) || len(dry.Tenants) != 3 || len(dry.Errors) != 0 {
		t.Fatalf("dry run %+v", dry)
	}
	for _, tr := range dry.Tenants[:2] {
		for name, n := range gone {
			if tr.Rows[name] != n {
				t.Errorf("dry run %s %s: %d, want %d", tr.Tenant, name, tr.Rows[name], n)
			}
		}
		if tr.Held["applications"] != 2 || tr.Held["project_inquiries"] != 1 {
			t.Errorf("dry run %s held %v", tr.Tenant, tr.Held)
		}
	}
	if dry.Tenants[2].Tenant != empty.Slug || dry.Tenants[2].Rows["applications"] != 0 {
		t.Errorf("empty tenant %+v", dry.Tenants[2])
	}
	allA, allB := map[string][]int64{}, map[string][]int64{}
	for i, s := range seeds {
		allA[s.table], allB[s.table] = append(allA[s.table], idsA[i]), append(allB[s.table], idsB[i])
	}
	check(t, pool, a, allA) // the dry run removed nothing
	check(t, pool, b, allB)

	before := purged(t, "application_history")
	rep, err := p.Purge(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.DryRun || len(rep.Tenants) != 3 || len(rep.Errors) != 0 {
		t.Fatalf("purge %+v", rep)
	}
	for _, tr := range rep.Tenants[:2] {
		for name, n := range gone {
			if tr.Rows[name] != n {
				t.Errorf("purge %s %s: %d, want %d", tr.Tenant, name, tr.Rows[name], n)
			}
		}
	}
	check(t, pool, a, keptA)
	check(t, pool, b, keptB)
	if got := purged(t, "application_history") - before; got != float64(2*gone["application_history"]) {
		t.Errorf("metric counted %v history rows, want %d", got, 2*gone["application_history"])
	}

	again, err := p.Purge(ctx, false, nil)
	if err != nil || again.Total() != 0 {
		t.Fatalf("second purge removed %d (%v)", again.Total(), err)
	}
}

// --tenant narrows the purge; an unknown slug removes nothing anywhere.
func TestPurgeNamedTenants(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	a, b := testfactory.Tenant(t, pool, nil), testfactory.Tenant(t, pool, nil)
	seed(t, pool, a, seeds[:1])
	seed(t, pool, b, seeds[:1])
	p := &retention.Purger{DB: pool, Period: period, Now: func() time.Time { return now }}
	if _, err := p.Purge(ctx, false, []string{b.Slug, "no-such-tenant"}); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("unknown tenant: %v", err)
	}
	if len(left(t, pool, b, "applications", "id")) != 1 {
		t.Fatal("a purge naming an unknown tenant removed rows")
	}
	rep, err := p.Purge(ctx, false, []string{b.Slug})
	if err != nil || len(rep.Tenants) != 1 || rep.Total() != 1 {
		t.Fatalf("purge of %s: %+v %v", b.Slug, rep, err)
	}
	if len(left(t, pool, a, "applications", "id")) != 1 || len(left(t, pool, b, "applications", "id")) != 0 {
		t.Fatal("the purge went past the tenant it was given")
	}
	if _, err := (&retention.Purger{DB: pool}).Purge(ctx, true, nil); err == nil {
		t.Fatal("a purge without a period ran")
	}
}

// A tenant whose schema cannot be purged is reported with its error, and
// the others are purged all the same.
func TestPurgeGoesOnPastAFailingTenant(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	broken, a := testfactory.Tenant(t, pool, nil), testfactory.Tenant(t, pool, nil)
	seed(t, pool, a, seeds[:1])
	if _, err := pool.Exec(ctx, `DROP TABLE `+table(broken, "inquiry_history")); err != nil {
		t.Fatal(err)
	}
	rep, err := (&retention.Purger{DB: pool, Period: period, Now: func() time.Time { return now }}).Purge(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Errors) != 1 || rep.Errors[broken.Slug] == "" {
		t.Fatalf("errors %v", rep.Errors)
	}
	if len(left(t, pool, a, "applications", "id")) != 0 || rep.Total() != 1 {
		t.Fatalf("the healthy tenant was not purged: %+v", rep)
	}
}

// A row a writer holds is left for the next run, and the batches after it
// go on: the cursor moves past it.
func TestPurgeSkipsLockedRows(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	old := submission{"applications", "new", ago(60 * days), ago(60 * days), 1, true}
	ids := seed(t, pool, tn, []submission{old, old, old})
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT 1 FROM `+table(tn, "applications")+` WHERE id = $1 FOR UPDATE`, ids[0]); err != nil {
		t.Fatal(err)
	}
	p := &retention.Purger{DB: pool, Period: period, Batch: 1, Now: func() time.Time { return now }}
	rep, err := p.Purge(ctx, false, nil)
	if err != nil || rep.Total() != 4 {
		t.Fatalf("purge with a row held: %d rows (%v)", rep.Total(), err)
	}
	if got := left(t, pool, tn, "applications", "id"); !slices.Equal(got, ids[:1]) {
		t.Fatalf("left %v, want the held %d", got, ids[0])
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := p.Purge(ctx, false, nil); err != nil || rep.Total() != 2 {
		t.Fatalf("the next run: %d rows (%v)", rep.Total(), err)
	}
}

// A résumé file is the applicant's data too: purged with its application,
// counted by the dry run, and kept with one the period still covers.
func TestPurgeTakesResumeFiles(t *testing.T) {
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	ids := seed(t, pool, tn, []submission{
		{"applications", "rejected", ago(60 * days), ago(60 * days), 0, true},
		{"applications", "new", ago(5 * days), ago(5 * days), 0, false},
	})
	pdf := testfactory.PDF()
	for _, id := range ids {
		if _, err := pool.Exec(ctx, `INSERT INTO `+table(tn, "application_resumes")+`
			(application_id, file_name, content_type, size, sha256, content)
			VALUES ($1, 'cv.pdf', 'application/pdf', $2, sha256($3), $3)`, id, len(pdf), pdf); err != nil {
			t.Fatal(err)
		}
	}
	p := &retention.Purger{DB: pool, Period: period, Now: func() time.Time { return now }}
	dry, err := p.Purge(ctx, true, nil)
	if err != nil || dry.Tenants[0].Rows["application_resumes"] != 1 {
		t.Fatalf("dry run %+v (%v)", dry, err)
	}
	rep, err := p.Purge(ctx, false, nil)
	if err != nil || rep.Tenants[0].Rows["application_resumes"] != 1 {
		t.Fatalf("purge %+v (%v)", rep, err)
	}
	if got := left(t, pool, tn, "application_resumes", "application_id"); !slices.Equal(got, ids[1:]) {
		t.Fatalf("files left for %v, want %v", got, ids[1:])
	}
}
