package source

import (
	"context"
	"fmt"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Counts are the row counts of a tenant's own source tables.
type Counts struct {
	Jobs, Providers, Applications, ProjectInquiries int
}

// CountRows counts the rows of the tenant's source tables; the schema comes
// from the checked tenant row and is quoted as an identifier.
func CountRows(ctx context.Context, q pgq.Querier, t domain.Tenant) (Counts, error) {
	var c Counts
	sql := `SELECT (SELECT count(*) FROM ` + table(t, "job_postings") + `),
		(SELECT count(*) FROM ` + table(t, "service_providers") + `),
		(SELECT count(*) FROM ` + table(t, "applications") + `),
		(SELECT count(*) FROM ` + table(t, "project_inquiries") + `)`
	err := q.QueryRow(ctx, sql).Scan(&c.Jobs, &c.Providers, &c.Applications, &c.ProjectInquiries)
	if err != nil {
		return c, fmt.Errorf("count rows of %s: %w", t.SchemaName, err)
	}
	return c, nil
}
