package testfactory

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
)

// TenantOpts override the defaults of Tenant.
type TenantOpts struct {
	Slug      string // default acme_<n>
	Name      string // default "Acme Corp <n>"
	LogoURL   string
	Suspended bool
}

// Tenant registers a tenant with its schema (through tenants.Store.Create,
// like production) and returns it.
func Tenant(t testing.TB, pool *pgxpool.Pool, o *TenantOpts) domain.Tenant {
	t.Helper()
	if o == nil {
		o = &TenantOpts{}
	}
	n := next()
	store := tenants.New(pool)
	tn, _, err := store.Create(context.Background(), tenants.CreateParams{
		Slug: or(o.Slug, "acme_"+n), Name: or(o.Name, "Acme Corp "+n), LogoURL: o.LogoURL,
	})
	if err != nil {
		t.Fatalf("testfactory: create tenant: %v", err)
	}
	if o.Suspended {
		if tn, err = store.Suspend(context.Background(), tn.Slug); err != nil {
			t.Fatalf("testfactory: suspend tenant: %v", err)
		}
	}
	return tn
}

// CategoryOpts override the defaults of JobCategory and ProviderCategory.
type CategoryOpts struct {
	Name string // default "Engineering <n>"
	Slug string // default engineering-<n>
}

// JobCategory inserts a job category.
func JobCategory(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, o *CategoryOpts) domain.JobCategory {
	t.Helper()
	if o == nil {
		o = &CategoryOpts{}
	}
	n := next()
	c := domain.JobCategory{Name: or(o.Name, "Engineering "+n), Slug: or(o.Slug, "engineering-"+n)}
	c.ID = insertRow(t, pool, tn, "job_categories", map[string]any{
		"name": c.Name, "slug": c.Slug, "description": "Private description of " + c.Name,
	})
	return c
}

// ProviderCategory inserts a provider (service) category.
func ProviderCategory(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, o *CategoryOpts) domain.ProviderCategory {
	t.Helper()
	if o == nil {
		o = &CategoryOpts{}
	}
	n := next()
	c := domain.ProviderCategory{Name: or(o.Name, "Design "+n), Slug: or(o.Slug, "design-"+n)}
	c.ID = insertRow(t, pool, tn, "provider_categories", map[string]any{"name": c.Name, "slug": c.Slug})
	return c
}
