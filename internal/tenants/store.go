package tenants

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/source"
)

// Store reads and writes tenants in the public schema.
type Store struct {
	Pool *pgxpool.Pool
}

// New returns a Store on pool.
func New(pool *pgxpool.Pool) *Store { return &Store{Pool: pool} }

// CreateParams are the fields of a new tenant.
type CreateParams struct {
	Slug    string
	Name    string
	LogoURL string
	KeyName string // name of the first API key; "default" when empty
}

// Create registers a tenant, builds its schema with every tenant migration
// and issues its first API key, all in one transaction. The key's secret is
// returned once and never stored.
func (s *Store) Create(ctx context.Context, p CreateParams) (domain.Tenant, NewKey, error) {
	if err := validateCreate(p); err != nil {
		return domain.Tenant{}, NewKey{}, err
	}
	var t domain.Tenant
	var key NewKey
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		row := tx.QueryRow(ctx, `INSERT INTO public.tenants (slug, name, logo_url, schema_name)
			VALUES ($1, $2, $3, $4) RETURNING `+source.TenantColumns,
			p.Slug, strings.TrimSpace(p.Name), p.LogoURL, domain.SchemaName(p.Slug))
		var err error
		if t, err = source.ScanTenant(row); err != nil {
			return translate(err, p.Slug)
		}
		if err := schemaMustBeNew(ctx, tx, t.SchemaName); err != nil {
			return err
		}
		if _, err := migrate.ApplyTenant(ctx, tx, t.SchemaName); err != nil {
			return fmt.Errorf("build schema %s: %w", t.SchemaName, err)
		}
		key, err = insertKey(ctx, tx, t.ID, cmpOr(p.KeyName, "default"))
		return err
	})
	return t, key, err
}

// schemaMustBeNew refuses to adopt a schema that exists without a tenant
// row: it may hold someone else's data.
func schemaMustBeNew(ctx context.Context, tx pgx.Tx, schema string) error {
	var exists bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&exists)
	if err == nil && exists {
		return domain.Errorf(domain.CodeConflict, "schema %s already exists but belongs to no tenant; drop or rename it first", schema)
	}
	return err
}

func validateCreate(p CreateParams) error {
	if err := domain.ValidateSlug(p.Slug); err != nil {
		return err
	}
	if err := ValidateName(p.Name); err != nil {
		return err
	}
	return ValidateLogoURL(p.LogoURL)
}

// ValidateName checks a tenant's display name.
func ValidateName(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case !utf8.ValidString(name):
		return domain.FieldError("name", "must be valid UTF-8")
	case name == "":
		return domain.FieldError("name", "must not be empty")
	case utf8.RuneCountInString(name) > 200:
		return domain.FieldError("name", "must be at most 200 characters")
	case strings.ContainsRune(name, 0):
		return domain.FieldError("name", "must not contain NUL bytes")
	}
	return nil
}

// ValidateLogoURL accepts "" or a logo the public site shows: an https URL
// or a path on the site (domain.ImageURLProblem).
func ValidateLogoURL(raw string) error {
	if p := domain.ImageURLProblem(raw); p != "" {
		return domain.FieldError("logo_url", "%s", p)
	}
	return nil
}

// Get returns the tenant with this slug.
func (s *Store) Get(ctx context.Context, slug string) (domain.Tenant, error) {
	return source.TenantBySlug(ctx, s.Pool, slug, source.NoLock)
}

// Profile returns the tenant with this slug and its company profile.
func (s *Store) Profile(ctx context.Context, slug string) (domain.TenantProfile, error) {
	tp, err := source.ProfileBySlug(ctx, s.Pool, slug)
	return tp, translate(err, slug)
}

// List returns all tenants in slug order.
func (s *Store) List(ctx context.Context) ([]domain.Tenant, error) {
	return source.ListTenantsBySlug(ctx, s.Pool)
}

// Suspend hides everything the tenant has from the catalog (through the
// capture trigger on tenants) until Activate.
func (s *Store) Suspend(ctx context.Context, slug string) (domain.Tenant, error) {
	return s.update(ctx, slug, `status = 'suspended'`)
}

// Activate makes the tenant's eligible rows public again.
func (s *Store) Activate(ctx context.Context, slug string) (domain.Tenant, error) {
	return s.update(ctx, slug, `status = 'active'`)
}

// Rename changes the tenant's display name; every catalog row follows.
func (s *Store) Rename(ctx context.Context, slug, name string) (domain.Tenant, error) {
	if err := ValidateName(name); err != nil {
		return domain.Tenant{}, err
	}
	return s.update(ctx, slug, `name = $2`, strings.TrimSpace(name))
}

// SetLogo changes the tenant's logo URL ("" removes it).
func (s *Store) SetLogo(ctx context.Context, slug, logoURL string) (domain.Tenant, error) {
	if err := ValidateLogoURL(logoURL); err != nil {
		return domain.Tenant{}, err
	}
	return s.update(ctx, slug, `logo_url = $2`, logoURL)
}

func (s *Store) update(ctx context.Context, slug, set string, args ...any) (domain.Tenant, error) {
	row := s.Pool.QueryRow(ctx, `UPDATE public.tenants SET `+set+` WHERE slug = $1 RETURNING `+source.TenantColumns,
		append([]any{slug}, args...)...)
	t, err := source.ScanTenant(row)
	return t, translate(err, slug)
}

// Delete drops the tenant's schema and removes everything it has in public
// tables (catalog rows, API keys, pending outbox rows), in one transaction.
func (s *Store) Delete(ctx context.Context, slug string) error {
	return pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		t, err := source.TenantBySlug(ctx, tx, slug, source.NoLock)
		if err != nil {
			return err
		}
		// The workers' order: the tenant's sync lock, its outbox rows, the
		// tenant row, its schema's tables, its catalog rows. Holding the
		// sync lock first, no worker holds this tenant's outbox rows while
		// waiting for the tenant row (which deleting the rows after locking
		// the tenant used to deadlock with).
		if err := apply.LockTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := outbox.DeleteTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		if t, err = source.TenantBySlug(ctx, tx, slug, source.ForUpdate); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{t.SchemaName}.Sanitize()+" CASCADE"); err != nil {
			return fmt.Errorf("drop schema %s: %w", t.SchemaName, err)
		}
		// Writers that captured changes before the drop took their tables
		// have committed since: their outbox rows go too.
		if err := outbox.DeleteTenant(ctx, tx, t.ID); err != nil {
			return err
		}
		// Catalog rows and API keys go with the tenant row (ON DELETE CASCADE).
		_, err = tx.Exec(ctx, `DELETE FROM public.tenants WHERE id = $1`, t.ID)
		return err
	})
}

// translate maps driver errors to domain errors at the storage boundary.
func translate(err error, slug string) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows), errors.Is(err, source.ErrTenantGone):
		return domain.Errorf(domain.CodeNotFound, "tenant %q not found", slug)
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		return domain.Errorf(domain.CodeConflict, "tenant %q already exists", slug)
	case errors.As(err, &pgErr) && pgErr.Code == "23514":
		return &domain.Error{Code: domain.CodeInvalid, Message: "value violates " + pgErr.ConstraintName, Err: err}
	}
	return err
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
