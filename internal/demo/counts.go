package demo

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Counts are a tenant's source rows split by whether the publication rules
// (domain.JobEligible, domain.ProviderEligible) let them be public.
type Counts struct {
	EligibleJobs, HiddenJobs           int
	EligibleProviders, HiddenProviders int
}

// CountRows counts the rows of one tenant schema by the publication rules.
func CountRows(ctx context.Context, pool *pgxpool.Pool, schema string) (Counts, error) {
	var c Counts
	q := fmt.Sprintf(`SELECT
		count(*) FILTER (WHERE published_on_career_page AND NOT is_internal_only AND status = 'open'),
		count(*) FILTER (WHERE NOT (published_on_career_page AND NOT is_internal_only AND status = 'open')),
		(SELECT count(*) FILTER (WHERE marketplace_enabled AND is_active AND user_is_active) FROM %[1]s.service_providers),
		(SELECT count(*) FILTER (WHERE NOT (marketplace_enabled AND is_active AND user_is_active)) FROM %[1]s.service_providers)
		FROM %[1]s.job_postings`, pgx.Identifier{schema}.Sanitize())
	err := pool.QueryRow(ctx, q).Scan(&c.EligibleJobs, &c.HiddenJobs, &c.EligibleProviders, &c.HiddenProviders)
	if err != nil {
		return c, fmt.Errorf("count rows of %s: %w", schema, err)
	}
	return c, nil
}
