package source

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// ErrTenantGone is returned by LoadTenant for a tenant that no longer exists
// (deleted while its changes were pending): its catalog rows went with it.
var ErrTenantGone = domain.Errorf(domain.CodeNotFound, "tenant no longer exists")

const tenantColumns = `id, slug, name, logo_url, schema_name, status, created_at, updated_at`

// LoadTenant reads a tenant and checks that its schema name derives from a
// valid slug. FOR KEY SHARE makes a concurrent tenant deletion wait for the
// caller's transaction, while suspend, rename and logo changes (non-key
// updates) go on and are captured for a later pass.
func LoadTenant(ctx context.Context, q pgq.Querier, id int64) (domain.Tenant, error) {
	return scanTenant(q.QueryRow(ctx, loadTenantSQL, id))
}

// QueueLoadTenant is LoadTenant queued on a batch, behind the statements
// queued before it (each runs on a later snapshot). The tenant lands in
// *out; the batch fails with ErrTenantGone when it no longer exists.
func QueueLoadTenant(b *pgx.Batch, id int64, out *domain.Tenant) {
	b.Queue(loadTenantSQL, id).QueryRow(func(row pgx.Row) error {
		t, err := scanTenant(row)
		*out = t
		return err
	})
}

const loadTenantSQL = `SELECT ` + tenantColumns + ` FROM public.tenants WHERE id = $1 FOR KEY SHARE`

// LoadTenantBySlug is LoadTenant by slug, for commands that name tenants.
func LoadTenantBySlug(ctx context.Context, q pgq.Querier, slug string) (domain.Tenant, error) {
	row := q.QueryRow(ctx, `SELECT `+tenantColumns+` FROM public.tenants WHERE slug = $1`, slug)
	t, err := scanTenant(row)
	if errors.Is(err, ErrTenantGone) {
		return t, domain.Errorf(domain.CodeNotFound, "tenant %q not found", slug)
	}
	return t, err
}

// ListTenants returns every tenant in id order.
func ListTenants(ctx context.Context, q pgq.Querier) ([]domain.Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+tenantColumns+` FROM public.tenants ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Tenant, error) { return scanTenant(r) })
}

func scanTenant(row pgx.Row) (domain.Tenant, error) {
	var t domain.Tenant
	err := row.Scan(&t.ID, &t.Slug, &t.Name, &t.LogoURL, &t.SchemaName, &t.Status, &t.CreatedAt, &t.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, ErrTenantGone
	}
	if err != nil {
		return t, fmt.Errorf("read tenant: %w", err)
	}
	return t, checkSchema(t)
}

// checkSchema refuses a tenant whose schema name does not derive from a
// valid slug: identifiers are never built from anything else.
func checkSchema(t domain.Tenant) error {
	if err := domain.ValidateSlug(t.Slug); err != nil {
		return fmt.Errorf("tenant %d: %w", t.ID, err)
	}
	if t.SchemaName != domain.SchemaName(t.Slug) {
		return fmt.Errorf("tenant %d: schema %q does not match slug %q", t.ID, t.SchemaName, t.Slug)
	}
	return nil
}

// table quotes schema.table of a tenant as an identifier.
func table(t domain.Tenant, name string) string {
	return pgx.Identifier{t.SchemaName, name}.Sanitize()
}
