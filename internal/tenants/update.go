package tenants

import (
	"context"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

// UpdateParams are the tenant fields an update may change; nil leaves a
// field as it is, and an empty logo removes it.
type UpdateParams struct {
	Name    *string
	LogoURL *string
}

// Validate checks every field given.
func (p UpdateParams) Validate() error {
	if p.Name != nil {
		if err := ValidateName(*p.Name); err != nil {
			return err
		}
	}
	if p.LogoURL != nil {
		return ValidateLogoURL(*p.LogoURL)
	}
	return nil
}

// Empty reports whether the update changes nothing.
func (p UpdateParams) Empty() bool { return p.Name == nil && p.LogoURL == nil }

// Update changes the given fields in one statement; the capture trigger on
// tenants re-projects every catalog row of the tenant, as for a rename.
func (s *Store) Update(ctx context.Context, slug string, p UpdateParams) (domain.Tenant, error) {
	if err := p.Validate(); err != nil {
		return domain.Tenant{}, err
	}
	if p.Empty() {
		return s.Get(ctx, slug)
	}
	var set []string
	var args []any
	add := func(col string, v any) {
		args = append(args, v)
		set = append(set, col+" = $"+strconv.Itoa(len(args)+1))
	}
	if p.Name != nil {
		add("name", strings.TrimSpace(*p.Name))
	}
	if p.LogoURL != nil {
		add("logo_url", strings.TrimSpace(*p.LogoURL))
	}
	return s.update(ctx, slug, strings.Join(set, ", "), args...)
}
