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

// TenantColumns are the columns ScanTenant reads, in its order.
const TenantColumns = `id, slug, name, logo_url, schema_name, status, created_at, updated_at`

// LoadTenant reads a tenant and checks that its schema name derives from a
// valid slug. FOR KEY SHARE makes a concurrent tenant deletion wait for the
// caller's transaction, while suspend, rename and logo changes (non-key
// updates) go on and are captured for a later pass.
func LoadTenant(ctx context.Context, q pgq.Querier, id int64) (domain.Tenant, error) {
	return ScanTenant(q.QueryRow(ctx, loadTenantSQL, id))
}

// QueueLoadTenant is LoadTenant queued on a batch, behind the statements
// queued before it (each runs on a later snapshot). The tenant lands in
// *out; the batch fails with ErrTenantGone when it no longer exists.
func QueueLoadTenant(b *pgx.Batch, id int64, out *domain.Tenant) {
	b.Queue(loadTenantSQL, id).QueryRow(func(row pgx.Row) error {
		t, err := ScanTenant(row)
		*out = t
		return err
	})
}

const loadTenantSQL = `SELECT ` + TenantColumns + ` FROM public.tenants WHERE id = $1` + string(KeyShare)

// Lock is the row lock a tenant read takes for the rest of the caller's
// transaction.
type Lock string

// The row locks a tenant read can take.
const (
	NoLock    Lock = ""
	KeyShare  Lock = " FOR KEY SHARE" // a deletion waits; suspend and rename go on
	Share     Lock = " FOR SHARE"     // any change of the tenant waits
	ForUpdate Lock = " FOR UPDATE"    // the caller is about to change or delete it
)

// TenantByID reads a tenant by id; ErrTenantGone when there is none.
func TenantByID(ctx context.Context, q pgq.Querier, id int64, lock Lock) (domain.Tenant, error) {
	return ScanTenant(q.QueryRow(ctx, `SELECT `+TenantColumns+` FROM public.tenants WHERE id = $1`+string(lock), id))
}

// TenantBySlug reads a tenant by slug; a not-found error naming the slug
// when there is none.
func TenantBySlug(ctx context.Context, q pgq.Querier, slug string, lock Lock) (domain.Tenant, error) {
	t, err := ScanTenant(q.QueryRow(ctx, `SELECT `+TenantColumns+` FROM public.tenants WHERE slug = $1`+string(lock), slug))
	if errors.Is(err, ErrTenantGone) {
		return t, domain.Errorf(domain.CodeNotFound, "tenant %q not found", slug)
	}
	return t, err
}

// LoadTenantBySlug is LoadTenant by slug, for commands that name tenants.
func LoadTenantBySlug(ctx context.Context, q pgq.Querier, slug string) (domain.Tenant, error) {
	return TenantBySlug(ctx, q, slug, NoLock)
}

// NamedTenants returns the tenants of slugs in their order, or every tenant
// in id order when slugs is empty, for commands and tasks that take a
// --tenant list; an unknown slug is a not-found error naming it.
func NamedTenants(ctx context.Context, q pgq.Querier, slugs []string) ([]domain.Tenant, error) {
	if len(slugs) == 0 {
		return ListTenants(ctx, q)
	}
	out := make([]domain.Tenant, 0, len(slugs))
	for _, slug := range slugs {
		t, err := LoadTenantBySlug(ctx, q, slug)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// ListTenants returns every tenant in id order.
func ListTenants(ctx context.Context, q pgq.Querier) ([]domain.Tenant, error) {
	return listTenants(ctx, q, "id")
}

// ListTenantsBySlug returns every tenant in slug order, for listings.
func ListTenantsBySlug(ctx context.Context, q pgq.Querier) ([]domain.Tenant, error) {
	return listTenants(ctx, q, "slug")
}

// listTenants reads every tenant; order is one of the constant column names
// above, never input.
func listTenants(ctx context.Context, q pgq.Querier, order string) ([]domain.Tenant, error) {
	rows, err := q.Query(ctx, `SELECT `+TenantColumns+` FROM public.tenants ORDER BY `+order)
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Tenant, error) { return ScanTenant(r) })
}

// ScanTenant scans a row of TenantColumns (a tenant read, or a write's
// RETURNING) and checks its schema name: the one way a tenant row becomes
// a domain.Tenant. No row is ErrTenantGone.
// before are the destinations of columns selected ahead of the tenant's.
func ScanTenant(row pgx.Row, before ...any) (domain.Tenant, error) {
	var t domain.Tenant
	err := row.Scan(append(before, &t.ID, &t.Slug, &t.Name, &t.LogoURL, &t.SchemaName, &t.Status, &t.CreatedAt, &t.UpdatedAt)...)
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
