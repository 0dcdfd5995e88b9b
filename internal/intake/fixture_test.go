package intake_test

import (
	"context"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

// newTenant registers a tenant with its schema.
func newTenant(t *testing.T, pool *pgxpool.Pool, slug string) domain.Tenant {
	t.Helper()
	ten, _, err := tenants.New(pool).Create(context.Background(), tenants.CreateParams{Slug: slug, Name: "Company " + slug})
	if err != nil {
		t.Fatalf("create tenant %s: %v", slug, err)
	}
	return ten
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func qtable(ten domain.Tenant, name string) string {
	return pgx.Identifier{ten.SchemaName, name}.Sanitize()
}

// publicJob inserts an open, published job and syncs it into the catalog
// with the real apply code; it returns the source id and the catalog id.
// published is when fixture rows were published: before every clock the
// tests set, since a row published later is not public yet.
var published = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func publicJob(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, title string) (int64, int64) {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `INSERT INTO `+qtable(ten, "job_postings")+`
		(title, status, published_on_career_page, published_at) VALUES ($1, 'open', true, $2) RETURNING id`, title, published).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id, syncRow(t, pool, ten, kind.Jobs, id)
}

// publicProvider inserts a marketplace-enabled provider and syncs it.
func publicProvider(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, name string) (int64, int64) {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `INSERT INTO `+qtable(ten, "service_providers")+`
		(display_name, marketplace_enabled, published_at) VALUES ($1, true, $2) RETURNING id`, name, published).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id, syncRow(t, pool, ten, kind.Providers, id)
}

func syncRow(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, c kind.Catalog, id int64) int64 {
	t.Helper()
	ctx := context.Background()
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if err := apply.LockTenant(ctx, tx, ten.ID); err != nil {
			return err
		}
		_, _, err := apply.SyncIDs(ctx, tx, ten, c, []int64{id}, apply.Options{})
		return err
	})
	if err != nil {
		t.Fatalf("sync %s %d: %v", c, id, err)
	}
	table := "public.job_catalog"
	if c == kind.Providers {
		table = "public.provider_catalog"
	}
	var catID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM `+table+` WHERE tenant_id = $1 AND source_id = $2`, ten.ID, id).Scan(&catID); err != nil {
		t.Fatalf("catalog row of %s %d: %v", c, id, err)
	}
	return catID
}

func count(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, table string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM `+qtable(ten, table)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
