package tenants

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/source"
)

// keyPrefix marks Zumodra API keys so that secret scanners can find leaked
// ones: zmd_<8 chars of public prefix>_<43 chars of secret>.
const keyPrefix = "zmd_"

// NewKey is a freshly issued key; Secret is shown once and never stored.
type NewKey struct {
	KeyInfo
	Secret string
}

// KeyInfo describes a key without its secret.
type KeyInfo struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

func generateKey() (secret, prefix string, hash []byte) {
	var b [38]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	enc := base64.RawURLEncoding.EncodeToString(b[:])
	prefix = strings.ToLower(enc[:8])
	secret = keyPrefix + prefix + "_" + enc[8:]
	sum := sha256.Sum256([]byte(secret))
	return secret, prefix, sum[:]
}

func insertKey(ctx context.Context, q pgq.Querier, tenantID int64, name string) (NewKey, error) {
	secret, prefix, hash := generateKey()
	k := NewKey{Secret: secret}
	err := q.QueryRow(ctx, `INSERT INTO public.tenant_api_keys (tenant_id, name, prefix, key_hash)
		VALUES ($1, $2, $3, $4) RETURNING id, name, prefix, created_at`,
		tenantID, name, prefix, hash).Scan(&k.ID, &k.Name, &k.Prefix, &k.CreatedAt)
	return k, err
}

// CreateKey issues a new API key for the tenant.
func (s *Store) CreateKey(ctx context.Context, slug, name string) (NewKey, error) {
	if len(name) > 100 {
		return NewKey{}, domain.FieldError("name", "must be at most 100 characters")
	}
	t, err := s.Get(ctx, slug)
	if err != nil {
		return NewKey{}, err
	}
	return insertKey(ctx, s.Pool, t.ID, cmpOr(name, "default"))
}

// ListKeys lists the tenant's keys, revoked ones included.
func (s *Store) ListKeys(ctx context.Context, slug string) ([]KeyInfo, error) {
	t, err := s.Get(ctx, slug)
	if err != nil {
		return nil, err
	}
	rows, err := s.Pool.Query(ctx, `SELECT id, name, prefix, created_at, last_used_at, revoked_at
		FROM public.tenant_api_keys WHERE tenant_id = $1 ORDER BY id`, t.ID)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[KeyInfo])
}

// RevokeKey revokes one of the tenant's keys; a key of another tenant is
// not found.
func (s *Store) RevokeKey(ctx context.Context, slug string, id int64) error {
	notFound := domain.Errorf(domain.CodeNotFound, "key %d of tenant %q not found", id, slug)
	t, err := source.TenantBySlug(ctx, s.Pool, slug, source.NoLock)
	if domain.ErrorCode(err) == domain.CodeNotFound {
		return notFound
	}
	if err != nil {
		return err
	}
	tag, err := s.Pool.Exec(ctx, `UPDATE public.tenant_api_keys SET revoked_at = coalesce(revoked_at, now())
		WHERE tenant_id = $1 AND id = $2`, t.ID, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return notFound
	}
	return nil
}

// ErrBadKey is returned for a missing, malformed, unknown or revoked key;
// callers must not tell these apart to the client.
var ErrBadKey = domain.Errorf(domain.CodeUnauthorized, "missing or invalid API key")

// Authenticate returns the tenant that owns a valid, unrevoked key. The key
// alone decides the tenant (and so the schema).
func (s *Store) Authenticate(ctx context.Context, secret string) (domain.Tenant, error) {
	t, _, err := s.AuthenticateKey(ctx, secret)
	return t, err
}

// AuthenticateKey is Authenticate that also says which key it was (no
// secret), for the records that name who did something.
func (s *Store) AuthenticateKey(ctx context.Context, secret string) (domain.Tenant, KeyInfo, error) {
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) > 100 {
		return domain.Tenant{}, KeyInfo{}, ErrBadKey
	}
	sum := sha256.Sum256([]byte(secret))
	var k KeyInfo
	var tenantID int64
	err := s.Pool.QueryRow(ctx, `SELECT id, tenant_id, name, prefix, created_at, last_used_at FROM public.tenant_api_keys
		WHERE key_hash = $1 AND revoked_at IS NULL`, sum[:]).Scan(&k.ID, &tenantID, &k.Name, &k.Prefix, &k.CreatedAt, &k.LastUsedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Tenant{}, KeyInfo{}, ErrBadKey
	}
	if err != nil {
		return domain.Tenant{}, KeyInfo{}, err
	}
	// A key's tenant deleted between the two reads is a bad key, as a
	// missing one is.
	t, err := source.TenantByID(ctx, s.Pool, tenantID, source.NoLock)
	if errors.Is(err, source.ErrTenantGone) {
		return domain.Tenant{}, KeyInfo{}, ErrBadKey
	}
	if err != nil {
		return domain.Tenant{}, KeyInfo{}, err
	}
	// last_used_at is for humans auditing keys: a minute's precision spares a
	// write on every request.
	if k.LastUsedAt == nil || time.Since(*k.LastUsedAt) > time.Minute {
		if _, err := s.Pool.Exec(ctx, `UPDATE public.tenant_api_keys SET last_used_at = now() WHERE id = $1`, k.ID); err != nil {
			return domain.Tenant{}, KeyInfo{}, err
		}
	}
	return t, k, nil
}
