package tenantapi

import (
	"net/http"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/tenants"
)

// profileFields are the writable fields of the tenant's own profile: its
// name and logo and the public company profile.
type profileFields struct {
	Name    string       `json:"name"`
	LogoURL OptionalText `json:"logo_url"`
	domain.Profile
}

// profileBody is the profile as the API shows it.
type profileBody struct {
	Slug      string    `json:"slug"`
	Status    string    `json:"status"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	profileFields
}

func newProfileBody(tp domain.TenantProfile) profileBody {
	f := profileFields{Name: tp.Name, LogoURL: OptionalText(tp.LogoURL), Profile: tp.Profile}
	if f.SocialLinks == nil {
		f.SocialLinks = []string{}
	}
	return profileBody{Slug: tp.Slug, Status: tp.Status, Version: tp.Version, UpdatedAt: tp.UpdatedAt, profileFields: f}
}

// getProfile serves GET /api/v1/tenant/profile.
func (h *Handler) getProfile(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	tp, err := source.ProfileByID(r.Context(), h.pool, t.ID, source.NoLock)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writeProfile(w, tp)
}

// patchProfile serves PATCH /api/v1/tenant/profile: the body's fields are
// laid over the current profile, under If-Match like every other write.
func (h *Handler) patchProfile(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	version, raw, ok := h.conditionalBody(w, r)
	if !ok {
		return
	}
	var tp domain.TenantProfile
	err := h.inTenant(r.Context(), t, func(tx pgx.Tx) error {
		// No row lock: the write below is conditional on the version.
		cur, err := source.ProfileByID(r.Context(), tx, t.ID, source.NoLock)
		if err != nil {
			return err
		}
		f := newProfileBody(cur).profileFields
		if err := decodeStrict(raw, &f); err != nil {
			return err
		}
		if f.FoundedYear != nil && *f.FoundedYear == 0 {
			return semantic(domain.FieldError("founded_year", "must be a year from %d to %d, or null", domain.MinFoundedYear, domain.MaxFoundedYear))
		}
		tp, err = tenants.UpdateProfile(r.Context(), tx, t.Slug, version, profileChanges(cur, f))
		if domain.ErrorCode(err) == domain.CodeInvalid {
			err = semantic(err)
		}
		return err
	})
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writeProfile(w, tp)
}

// profileChanges names only the fields that differ from cur, so a PATCH
// that changes nothing makes no new version and no resync.
func profileChanges(cur domain.TenantProfile, f profileFields) tenants.UpdateParams {
	var p tenants.UpdateParams
	text := func(dst **string, old, v string) {
		if v != old {
			*dst = &v
		}
	}
	old := cur.Profile
	text(&p.Name, cur.Name, f.Name)
	text(&p.LogoURL, cur.LogoURL, string(f.LogoURL))
	text(&p.Description, old.Description, f.Description)
	text(&p.Website, old.Website, f.Website)
	text(&p.Industry, old.Industry, f.Industry)
	text(&p.Size, old.Size, f.Size)
	text(&p.HQCity, old.HQCity, f.HQCity)
	text(&p.HQCountry, old.HQCountry, f.HQCountry)
	if y := yearOf(f.FoundedYear); y != yearOf(old.FoundedYear) {
		p.FoundedYear = &y
	}
	if f.SocialLinks == nil {
		f.SocialLinks = []string{}
	}
	if !slices.Equal(f.SocialLinks, old.SocialLinks) {
		p.SocialLinks = &f.SocialLinks
	}
	return p
}

// yearOf is a founded year with 0 for none, as tenants.UpdateParams takes it.
func yearOf(y *int) int {
	if y == nil {
		return 0
	}
	return *y
}

func writeProfile(w http.ResponseWriter, tp domain.TenantProfile) {
	w.Header().Set("ETag", etag(tp.Version))
	httpx.WriteJSON(w, http.StatusOK, newProfileBody(tp))
}
