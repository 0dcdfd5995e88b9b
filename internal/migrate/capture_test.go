package migrate_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/testdb"
)

// The row capture triggers carry their tenant's id as a constant (tenant
// migration 0003): each schema's writes land in the outbox under its own
// tenant, a child row moved between providers captures both owners, and
// a bulk statement is one outbox row per changed source row.
func TestCaptureCarriesEachSchemasTenant(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schemas := registerTenants(t, pool, 2)
	if _, err := (&migrate.Runner{Pool: pool, Log: quiet}).Tenants(ctx, nil); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if err := pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM public.tenants`).Scan(&ids); err != nil {
		t.Fatal(err)
	}
	for i, schema := range schemas {
		s := pgx.Identifier{schema}.Sanitize()
		for _, q := range []string{
			`INSERT INTO ` + s + `.job_postings (title) SELECT 'Job ' || g FROM generate_series(1, 3) g`,
			`INSERT INTO ` + s + `.service_providers (display_name) VALUES ('A'), ('B')`,
		} {
			if _, err := pool.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		var a, b int64
		if err := pool.QueryRow(ctx, `SELECT min(id), max(id) FROM `+s+`.service_providers`).Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `INSERT INTO `+s+`.provider_skills (provider_id, name) VALUES ($1, 'Go')`, a); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `DELETE FROM public.sync_outbox`); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `UPDATE `+s+`.provider_skills SET provider_id = $1`, b); err != nil {
			t.Fatal(err)
		}
		if _, err := pool.Exec(ctx, `UPDATE `+s+`.job_postings SET meta_title = 'x'`); err != nil {
			t.Fatal(err)
		}
		rows, err := pool.Query(ctx, `SELECT tenant_id, entity, source_id FROM public.sync_outbox ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			Tenant int64
			Entity string
			Source int64
		}
		got, err := pgx.CollectRows(rows, pgx.RowToStructByPos[row])
		if err != nil {
			t.Fatal(err)
		}
		var providers []int64
		jobs := 0
		for _, r := range got {
			if r.Tenant != ids[i] {
				t.Fatalf("schema %s captured under tenant %d, want %d", schema, r.Tenant, ids[i])
			}
			if r.Entity == "provider" {
				providers = append(providers, r.Source)
			} else {
				jobs++
			}
		}
		slices.Sort(providers)
		if !slices.Equal(providers, []int64{a, b}) || jobs != 3 {
			t.Fatalf("schema %s: outbox %+v, want providers %d and %d and 3 jobs", schema, got, a, b)
		}
		if _, err := pool.Exec(ctx, `DELETE FROM public.sync_outbox`); err != nil {
			t.Fatal(err)
		}
	}
}
