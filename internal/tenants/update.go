package tenants

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/source"
)

// UpdateParams are the tenant fields an update may change; nil leaves a
// field as it is, an empty text or logo removes it, and so does a founded
// year of 0.
type UpdateParams struct {
	Name    *string
	LogoURL *string

	Description *string // plain text
	Website     *string
	Industry    *string
	Size        *string // one of domain.CompanySizes
	FoundedYear *int
	HQCity      *string
	HQCountry   *string
	SocialLinks *[]string
}

// Validate checks every field given and names every bad one.
func (p UpdateParams) Validate() error {
	var l check.List
	if p.Name != nil {
		l.Add(ValidateName(*p.Name))
	}
	if p.LogoURL != nil {
		l.Add(ValidateLogoURL(strings.TrimSpace(*p.LogoURL)))
	}
	p.validateProfile(&l)
	return l.Err()
}

// Empty reports whether the update changes nothing.
func (p UpdateParams) Empty() bool { return p == UpdateParams{} }

// Update changes the given fields in one statement; the capture trigger on
// tenants queues the re-projection of what they feed: the company row for a
// profile field, every catalog row of the tenant for its name or logo.
func (s *Store) Update(ctx context.Context, slug string, p UpdateParams) (domain.Tenant, error) {
	tp, err := UpdateProfile(ctx, s.Pool, slug, 0, p)
	return tp.Tenant, err
}

// UpdateProfile is Update on q (a transaction the caller holds, or a pool)
// returning the tenant with its profile. A version other than 0 makes the
// write conditional: a tenant that has moved on is a precondition failure.
func UpdateProfile(ctx context.Context, q pgq.Querier, slug string, version int64, p UpdateParams) (domain.TenantProfile, error) {
	if err := p.Validate(); err != nil {
		return domain.TenantProfile{}, err
	}
	args := []any{slug}
	var set []string
	add := func(col string, v any) {
		args = append(args, v)
		set = append(set, col+" = $"+strconv.Itoa(len(args)))
	}
	if p.Name != nil {
		add("name", strings.TrimSpace(*p.Name))
	}
	if p.LogoURL != nil {
		add("logo_url", strings.TrimSpace(*p.LogoURL))
	}
	p.profileSet(add)
	where := "slug = $1"
	if version != 0 {
		args = append(args, version)
		where += " AND version = $" + strconv.Itoa(len(args))
	}
	if len(set) == 0 {
		// Nothing to write: no new version either, but a stale one is
		// still refused.
		tp, err := source.ProfileBySlug(ctx, q, slug)
		if err == nil && version != 0 && tp.Version != version {
			return tp, stale(tp.Version)
		}
		return tp, translate(err, slug)
	}
	row := q.QueryRow(ctx, `UPDATE public.tenants SET `+strings.Join(set, ", ")+` WHERE `+where+` RETURNING `+source.ProfileReturning, args...)
	tp, err := source.ScanProfile(row)
	if err != nil && version != 0 {
		return tp, missedVersion(ctx, q, slug, err)
	}
	return tp, translate(err, slug)
}

// missedVersion explains a conditional update that matched no row: the
// tenant is gone, or has moved on to another version.
func missedVersion(ctx context.Context, q pgq.Querier, slug string, err error) error {
	if !errors.Is(err, source.ErrTenantGone) {
		return translate(err, slug)
	}
	cur, err := source.ProfileBySlug(ctx, q, slug)
	if err != nil {
		return translate(err, slug)
	}
	return stale(cur.Version)
}

func stale(now int64) error {
	return domain.Errorf(domain.CodePrecondition, "the tenant was changed by someone else (now version %d); read it again and reapply your change", now)
}
