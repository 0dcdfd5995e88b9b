package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/tenants"
)

// Options tune Seed and Reset.
type Options struct {
	// KeyFile remembers the demo tenants' API keys between runs (they are
	// stored hashed in the database and cannot be read back); "" keeps none.
	KeyFile string
	Now     func() time.Time // time.Now when nil
	Log     *slog.Logger     // discards when nil
}

// TenantResult says what Seed did for one demo tenant.
type TenantResult struct {
	Slug, Name string
	Created    bool   // the tenant was created by this run
	Seeded     bool   // its rows were written by this run
	Key        string // an API key that works now
	KeyFresh   bool   // Key was issued by this run although the tenant existed: the earlier one was not known
	Counts     Counts
}

// Seed creates the demo tenants that are missing and writes their rows when
// they have none; a tenant that already has rows is left as it is.
func Seed(ctx context.Context, pool *pgxpool.Pool, opts Options) ([]TenantResult, error) {
	opts.normalize()
	keys, err := loadKeys(opts.KeyFile)
	if err != nil {
		return nil, err
	}
	store := tenants.New(pool)
	var out []TenantResult
	for _, spec := range tenantSpecs {
		res, err := seedOne(ctx, pool, store, spec, keys, opts)
		if err != nil {
			return out, fmt.Errorf("demo tenant %s: %w", spec.Slug, err)
		}
		keys[spec.Slug] = res.Key
		out = append(out, res)
	}
	return out, saveKeys(opts.KeyFile, keys)
}

func seedOne(ctx context.Context, pool *pgxpool.Pool, store *tenants.Store, spec tenantSpec, keys map[string]string, opts Options) (TenantResult, error) {
	res := TenantResult{Slug: spec.Slug, Name: spec.Name}
	t, key, err := store.Create(ctx, tenants.CreateParams{Slug: spec.Slug, Name: spec.Name, KeyName: "demo"})
	switch {
	case err == nil:
		res.Created, res.Key = true, key.Secret
		opts.Log.InfoContext(ctx, "created demo tenant", "tenant", spec.Slug)
	case domain.ErrorCode(err) == domain.CodeConflict:
		if t, err = store.Get(ctx, spec.Slug); err != nil {
			return res, err
		}
		if res.Key, res.KeyFresh, err = knownKey(ctx, store, t, keys[spec.Slug]); err != nil {
			return res, err
		}
	default:
		return res, err
	}
	if res.Seeded, err = seedRows(ctx, pool, t, spec, opts.Now()); err != nil {
		return res, err
	}
	if err := seedProfile(ctx, store, spec); err != nil {
		return res, err
	}
	res.Counts, err = CountRows(ctx, pool, t)
	return res, err
}

// knownKey returns the remembered key when it still authenticates as t,
// otherwise a freshly issued one.
func knownKey(ctx context.Context, store *tenants.Store, t domain.Tenant, remembered string) (string, bool, error) {
	if remembered != "" {
		got, err := store.Authenticate(ctx, remembered)
		if err == nil && got.ID == t.ID {
			return remembered, false, nil
		}
		if err != nil && domain.ErrorCode(err) != domain.CodeUnauthorized {
			return "", false, err
		}
	}
	k, err := store.CreateKey(ctx, t.Slug, "demo")
	return k.Secret, true, err
}

// seedProfile gives the tenant the spec's company profile unless it has
// one already (an operator's edits stay), so its company page looks real.
func seedProfile(ctx context.Context, store *tenants.Store, spec tenantSpec) error {
	tp, err := store.Profile(ctx, spec.Slug)
	if err != nil || tp.Profile.Description != "" || tp.Profile.Website != "" {
		return err
	}
	_, err = store.Update(ctx, spec.Slug, spec.Profile)
	return err
}

// seedRows writes the spec's rows in one transaction unless the tenant has
// rows already. Locking the tenant row makes two concurrent demos seed once.
func seedRows(ctx context.Context, pool *pgxpool.Pool, t domain.Tenant, spec tenantSpec, now time.Time) (bool, error) {
	seeded := false
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := source.TenantByID(ctx, tx, t.ID, source.ForUpdate); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+pgx.Identifier{t.SchemaName}.Sanitize()); err != nil {
			return err
		}
		var hasRows bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM job_postings) OR EXISTS (SELECT 1 FROM service_providers)`).Scan(&hasRows)
		if err != nil || hasRows {
			return err
		}
		if err := insertJobs(ctx, tx, spec, now); err != nil {
			return err
		}
		seeded = true
		return insertProviders(ctx, tx, spec, now)
	})
	return seeded, err
}

// Reset deletes the demo tenants (schemas, catalog rows, keys) and forgets
// their keys; it returns the slugs it deleted.
func Reset(ctx context.Context, pool *pgxpool.Pool, opts Options) ([]string, error) {
	opts.normalize()
	store := tenants.New(pool)
	var deleted []string
	for _, spec := range tenantSpecs {
		err := store.Delete(ctx, spec.Slug)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) && !domain.IsNotFound(err) {
			return deleted, fmt.Errorf("delete demo tenant %s: %w", spec.Slug, err)
		}
		if err == nil {
			deleted = append(deleted, spec.Slug)
			opts.Log.InfoContext(ctx, "deleted demo tenant", "tenant", spec.Slug)
		}
	}
	return deleted, saveKeys(opts.KeyFile, map[string]string{})
}

func (o *Options) normalize() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}
