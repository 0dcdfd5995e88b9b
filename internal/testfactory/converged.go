package testfactory

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// RequireConverged fails the test unless every catalog row equals the
// projection of its current source row, column for column, and no catalog
// row lacks a public source (DESIGN.md invariant 1). The comparison runs in
// PostgreSQL on the stored types: the expected rows are copied into
// temporary tables and compared with EXCEPT both ways. source_version is
// compared separately: the catalog holds the version of the last content
// change, never a newer one than the source.
func RequireConverged(t testing.TB, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	jobs, providers, companies := expectedRows(t, pool)
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatalf("converged: %v", err)
	}
	defer conn.Release()
	var problems []string
	problems = append(problems, compareCatalog(t, conn.Conn(), "job_catalog", projection.JobColumns(), jobs)...)
	problems = append(problems, compareCatalog(t, conn.Conn(), "provider_catalog", projection.ProviderColumns(), providers)...)
	problems = append(problems, compareCatalog(t, conn.Conn(), "company_catalog", projection.CompanyColumns(), companies)...)
	if len(problems) > 0 {
		t.Fatalf("catalog does not equal the projection of the sources (%d problems):\n%s",
			len(problems), strings.Join(problems[:min(len(problems), 20)], "\n"))
	}
}

func expectedRows(t testing.TB, pool *pgxpool.Pool) (jobs, providers, companies [][]any) {
	t.Helper()
	ctx := context.Background()
	tenants, err := source.ListTenants(ctx, pool)
	if err != nil {
		t.Fatalf("converged: %v", err)
	}
	for _, tn := range tenants {
		ids, err := source.JobIDPage(ctx, pool, tn, 0, 1<<30)
		if err != nil {
			t.Fatalf("converged: %v", err)
		}
		in, err := source.JobsByID(ctx, pool, tn, ids)
		if err != nil {
			t.Fatalf("converged: %v", err)
		}
		for _, x := range in {
			if r, why := projection.Job(x); why == projection.Public {
				jobs = append(jobs, r.Values())
			}
		}
		if ids, err = source.ProviderIDPage(ctx, pool, tn, 0, 1<<30); err != nil {
			t.Fatalf("converged: %v", err)
		}
		pin, err := source.ProvidersByID(ctx, pool, tn, ids)
		if err != nil {
			t.Fatalf("converged: %v", err)
		}
		for _, x := range pin {
			if r, why := projection.Provider(x); why == projection.Public {
				providers = append(providers, r.Values())
			}
		}
		profiles, err := source.CompaniesByID(ctx, pool, tn, []int64{tn.ID})
		if err != nil {
			t.Fatalf("converged: %v", err)
		}
		for _, x := range profiles {
			if r, why := projection.Company(x); why == projection.Public {
				companies = append(companies, r.Values())
			}
		}
	}
	return jobs, providers, companies
}

func compareCatalog(t testing.TB, conn *pgx.Conn, table string, cols []string, rows [][]any) []string {
	t.Helper()
	ctx := context.Background()
	tmp := "expected_" + table
	if _, err := conn.Exec(ctx, `DROP TABLE IF EXISTS `+tmp+`; CREATE TEMP TABLE `+tmp+` AS SELECT `+
		strings.Join(cols, ", ")+` FROM public.`+table+` WITH NO DATA`); err != nil {
		t.Fatalf("converged: %v", err)
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{tmp}, cols, pgx.CopyFromRows(rows)); err != nil {
		t.Fatalf("converged: copy expected %s: %v", table, err)
	}
	var content []string
	for _, c := range cols {
		if c != "source_version" {
			content = append(content, c)
		}
	}
	list := strings.Join(content, ", ")
	q := fmt.Sprintf(`
		SELECT 'missing or different', tenant_id, source_id FROM (SELECT %[1]s FROM %[2]s EXCEPT SELECT %[1]s FROM public.%[3]s) x
		UNION ALL
		SELECT 'extra or different', tenant_id, source_id FROM (SELECT %[1]s FROM public.%[3]s EXCEPT SELECT %[1]s FROM %[2]s) x
		UNION ALL
		SELECT 'source_version ahead of source', c.tenant_id, c.source_id FROM public.%[3]s c
			JOIN %[2]s e USING (tenant_id, source_id) WHERE c.source_version > e.source_version
		ORDER BY 2, 3, 1`, list, tmp, table)
	rs, err := conn.Query(ctx, q)
	if err != nil {
		t.Fatalf("converged: compare %s: %v", table, err)
	}
	var out []string
	var kind string
	var tenant, id int64
	if _, err := pgx.ForEachRow(rs, []any{&kind, &tenant, &id}, func() error {
		out = append(out, fmt.Sprintf("%s: tenant %d source %d: %s", table, tenant, id, kind))
		return nil
	}); err != nil {
		t.Fatalf("converged: compare %s: %v", table, err)
	}
	return out
}
