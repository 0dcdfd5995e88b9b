package source

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// profileColumns are the company profile's columns of public.tenants, read
// apart from TenantColumns so the sync's hot tenant reads stay small.
const profileColumns = `version, description, website, industry, company_size, founded_year,
	hq_city, hq_country, social_links`

// ProfileReturning is the RETURNING list of a tenant write whose result is
// read by ScanProfile.
const ProfileReturning = profileColumns + `, ` + TenantColumns

// ProfileByID reads a tenant with its company profile; ErrTenantGone when
// there is none.
func ProfileByID(ctx context.Context, q pgq.Querier, id int64, lock Lock) (domain.TenantProfile, error) {
	return ScanProfile(q.QueryRow(ctx, `SELECT `+ProfileReturning+` FROM public.tenants WHERE id = $1`+string(lock), id))
}

// ProfileBySlug reads a tenant with its company profile by slug;
// ErrTenantGone when there is none.
func ProfileBySlug(ctx context.Context, q pgq.Querier, slug string) (domain.TenantProfile, error) {
	return ScanProfile(q.QueryRow(ctx, `SELECT `+ProfileReturning+` FROM public.tenants WHERE slug = $1`, slug))
}

// ScanProfile scans a row of ProfileReturning.
func ScanProfile(row pgx.Row) (domain.TenantProfile, error) {
	var tp domain.TenantProfile
	p := &tp.Profile
	t, err := ScanTenant(row, &tp.Version, &p.Description, &p.Website, &p.Industry, &p.Size, &p.FoundedYear,
		&p.HQCity, &p.HQCountry, &p.SocialLinks)
	tp.Tenant = t
	return tp, err
}
