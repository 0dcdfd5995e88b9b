package worker_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// pick names a row by position ("the k-th job") rather than id, so the
// operation sequence is a function of the seed alone.
const pickJob = `(SELECT id FROM %[1]s.job_postings ORDER BY id LIMIT 1 OFFSET $1)`
const pickProvider = `(SELECT id FROM %[1]s.service_providers ORDER BY id LIMIT 1 OFFSET $1)`

type op struct {
	weight int
	run    func(e *env, rng *rand.Rand, tn domain.Tenant, n int) error
}

// stmt is an op of one statement with the position argument $1.
func stmt(weight int, sql string) op {
	return op{weight, func(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
		_, err := e.db.Exec(context.Background(), sqlf(tn, sql), rng.IntN(40))
		return err
	}}
}

var ops = []op{
	{10, insertJob},
	{5, insertProvider},
	stmt(6, `UPDATE %[1]s.job_postings SET title = 'Edited ' || (random() * 1000)::int, description = '<p>v' || version || '</p><script>x</script>' WHERE id = `+pickJob),
	stmt(5, `UPDATE %[1]s.job_postings SET published_on_career_page = NOT published_on_career_page WHERE id = `+pickJob),
	stmt(3, `UPDATE %[1]s.job_postings SET status = (ARRAY['open','open','closed','draft','filled'])[1 + $1 %% 5] WHERE id = `+pickJob),
	stmt(2, `UPDATE %[1]s.job_postings SET is_internal_only = NOT is_internal_only WHERE id = `+pickJob),
	stmt(2, `UPDATE %[1]s.job_postings SET show_salary = NOT show_salary, salary_min = 1000 * $1 WHERE id = `+pickJob),
	stmt(2, `UPDATE %[1]s.job_postings SET category_id = (SELECT id FROM %[1]s.job_categories ORDER BY id LIMIT 1 OFFSET $1 %% 3) WHERE id = `+pickJob),
	stmt(2, `DELETE FROM %[1]s.job_postings WHERE id = `+pickJob),
	stmt(1, `UPDATE %[1]s.job_postings SET is_featured = NOT is_featured, positions_count = positions_count %% 50 + 1 WHERE id %% 3 = $1 %% 3`),
	stmt(1, `DELETE FROM %[1]s.job_postings WHERE id %% 11 = $1 %% 11`),
	stmt(4, `UPDATE %[1]s.service_providers SET display_name = 'Studio ' || $1::int, bio = '<p onclick=x>' || $1::int || '</p>', hourly_rate = $1 WHERE id = `+pickProvider),
	stmt(2, `UPDATE %[1]s.service_providers SET marketplace_enabled = NOT marketplace_enabled WHERE id = `+pickProvider),
	stmt(1, `UPDATE %[1]s.service_providers SET user_is_active = NOT user_is_active WHERE id = `+pickProvider),
	stmt(1, `UPDATE %[1]s.service_providers SET is_active = NOT is_active WHERE id = `+pickProvider),
	stmt(1, `DELETE FROM %[1]s.service_providers WHERE id = `+pickProvider),
	stmt(3, `INSERT INTO %[1]s.provider_skills (provider_id, name, level) SELECT `+pickProvider+`, 'Skill ' || ($1::int %% 7), 'expert' WHERE `+pickProvider+` IS NOT NULL ON CONFLICT DO NOTHING`),
	stmt(2, `DELETE FROM %[1]s.provider_skills WHERE id = (SELECT id FROM %[1]s.provider_skills ORDER BY id LIMIT 1 OFFSET $1)`),
	stmt(2, `INSERT INTO %[1]s.provider_category_links (provider_id, category_id) SELECT `+pickProvider+`, (SELECT id FROM %[1]s.provider_categories ORDER BY id LIMIT 1 OFFSET $1 %% 3) WHERE `+pickProvider+` IS NOT NULL ON CONFLICT DO NOTHING`),
	stmt(1, `DELETE FROM %[1]s.provider_category_links WHERE provider_id = `+pickProvider),
	stmt(1, `UPDATE %[1]s.job_categories SET name = 'Jobs ' || $1::int WHERE id = (SELECT id FROM %[1]s.job_categories ORDER BY id LIMIT 1 OFFSET $1 %% 3)`),
	stmt(1, `UPDATE %[1]s.provider_categories SET name = 'Services ' || $1::int WHERE id = (SELECT id FROM %[1]s.provider_categories ORDER BY id LIMIT 1 OFFSET $1 %% 3)`),
	stmt(1, `UPDATE public.tenants SET status = CASE status WHEN 'active' THEN 'suspended' ELSE 'active' END WHERE '"' || schema_name || '"' = '%[1]s' AND $1 >= 0`),
	stmt(1, `UPDATE public.tenants SET name = 'Tenant ' || $1::int WHERE '"' || schema_name || '"' = '%[1]s'`),
	// A profile edit (the company row alone), with text the projection must clean.
	stmt(2, `UPDATE public.tenants SET description = 'About ' || $1::int || E'\n\n\n\tmore\u0007', website = (ARRAY['', 'https://a.example/' || $1::int])[1 + $1 %% 2],
		founded_year = 1990 + $1, social_links = ARRAY['https://x.example/' || $1::int, 'http://plain.example'] WHERE '"' || schema_name || '"' = '%[1]s'`),
	{2, rolledBack},
	{2, multiStatement},
}

func randomOp(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	k := rng.IntN(total)
	for _, o := range ops {
		if k < o.weight {
			return o.run(e, rng, tn, n)
		}
		k -= o.weight
	}
	panic("unreachable")
}

func insertJob(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
	_, err := e.db.Exec(context.Background(), sqlf(tn, `INSERT INTO %[1]s.job_postings
		(title, status, published_on_career_page, is_internal_only, show_salary, salary_min, salary_max,
		 category_id, description, required_skills, published_at)
		VALUES ($1, $2, $3, $4, $5, 50000, 90000,
		 (SELECT id FROM %[1]s.job_categories ORDER BY id LIMIT 1 OFFSET $6), $7, $8, now())`),
		fmt.Sprintf("Job %d", n), []string{"open", "open", "open", "draft", "closed"}[rng.IntN(5)],
		rng.IntN(4) > 0, rng.IntN(6) == 0, rng.IntN(2) == 0, rng.IntN(4),
		fmt.Sprintf("<p>Role %d <a href=\"javascript:x\">x</a></p>", n), []string{"Go", fmt.Sprint("S", n%5)})
	return err
}

func insertProvider(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
	return pgx.BeginFunc(context.Background(), e.db, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(context.Background(), sqlf(tn, `INSERT INTO %[1]s.service_providers
			(display_name, marketplace_enabled, is_active, user_is_active, hourly_rate)
			VALUES ($1, $2, $3, true, $4) RETURNING id`),
			fmt.Sprintf("Provider %d", n), rng.IntN(4) > 0, rng.IntN(8) > 0, rng.IntN(200)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = tx.Exec(context.Background(), sqlf(tn, `INSERT INTO %[1]s.provider_skills (provider_id, name, years_experience)
			SELECT $1, 'Skill ' || g, g FROM generate_series(1, $2::int) g`), id, rng.IntN(4))
		return err
	})
}

// rolledBack changes things and rolls back: nothing may reach the catalog.
func rolledBack(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
	tx, err := e.db.Begin(context.Background())
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.Background()) }()
	_, err = tx.Exec(context.Background(), sqlf(tn, `UPDATE %[1]s.job_postings SET title = 'ROLLED BACK', published_on_career_page = true, status = 'open'`))
	return err
}

// multiStatement inserts and edits a job in one transaction: the catalog
// must show the committed end state.
func multiStatement(e *env, rng *rand.Rand, tn domain.Tenant, n int) error {
	return pgx.BeginFunc(context.Background(), e.db, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(context.Background(), sqlf(tn, `INSERT INTO %[1]s.job_postings (title, status, published_on_career_page)
			VALUES ($1, 'open', true) RETURNING id`), fmt.Sprintf("Multi %d", n)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = tx.Exec(context.Background(), sqlf(tn, `UPDATE %[1]s.job_postings SET title = title || ' final', is_featured = $2 WHERE id = $1`), id, rng.IntN(2) == 0)
		return err
	})
}
