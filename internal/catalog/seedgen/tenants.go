package seedgen

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type tenant struct {
	id         int64
	slug, name string
	logo       string
}

// insertTenants COPYes catalog-only tenants bench_00001... and reads back
// their ids.
func insertTenants(ctx context.Context, pool *pgxpool.Pool, o Options) ([]tenant, error) {
	r := rand.New(rand.NewPCG(o.Seed, 1))
	ts := make([]tenant, o.Tenants)
	rows := make([][]any, o.Tenants)
	for i := range ts {
		slug := fmt.Sprintf("bench_%05d", i+1)
		name := pick(r, companyWords) + " " + pick(r, companySuffixes)
		if i >= len(companyWords)*len(companySuffixes)/2 {
			name = fmt.Sprintf("%s %d", name, i+1)
		}
		logo := ""
		if r.IntN(3) > 0 {
			logo = "https://logos.example.com/" + slug + ".png"
		}
		ts[i] = tenant{slug: slug, name: name, logo: logo}
		rows[i] = []any{slug, name, logo, "t_" + slug}
	}
	_, err := pool.CopyFrom(ctx, pgx.Identifier{"public", "tenants"}, []string{"slug", "name", "logo_url", "schema_name"},
		pgx.CopyFromRows(rows))
	if err != nil {
		return nil, fmt.Errorf("seedgen tenants: %w", err)
	}
	ids := map[string]int64{}
	q, err := pool.Query(ctx, `SELECT slug, id FROM public.tenants WHERE slug LIKE 'bench\_%'`)
	if err != nil {
		return nil, fmt.Errorf("seedgen tenants: %w", err)
	}
	var slug string
	var id int64
	if _, err := pgx.ForEachRow(q, []any{&slug, &id}, func() error { ids[slug] = id; return nil }); err != nil {
		return nil, fmt.Errorf("seedgen tenants: %w", err)
	}
	for i := range ts {
		ts[i].id = ids[ts[i].slug]
	}
	return ts, nil
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }
