package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Settings are a tenant's private notification settings.
type Settings struct {
	// Email receives new applications and inquiries when the server has
	// SMTP configured; empty receives nothing.
	Email     string    `json:"email"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SettingsInput is the writable part of Settings.
type SettingsInput struct {
	Email string `json:"email"`
}

// ensureSettings gives the tenant its settings row, so that every tenant
// has a version to name in If-Match from its first read on.
const ensureSettings = `INSERT INTO public.notification_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING`

// GetSettings returns the tenant's settings.
func GetSettings(ctx context.Context, q pgq.Querier, tenantID int64) (Settings, error) {
	if _, err := q.Exec(ctx, ensureSettings, tenantID); err != nil {
		return Settings{}, fmt.Errorf("notify: settings of tenant %d: %w", tenantID, err)
	}
	var s Settings
	err := q.QueryRow(ctx, `SELECT email, version, updated_at FROM public.notification_settings WHERE tenant_id = $1`, tenantID).
		Scan(&s.Email, &s.Version, &s.UpdatedAt)
	if err != nil {
		return Settings{}, fmt.Errorf("notify: settings of tenant %d: %w", tenantID, err)
	}
	return s, nil
}

// UpdateSettings writes in if the settings are still at version.
func UpdateSettings(ctx context.Context, q pgq.Querier, tenantID, version int64, in SettingsInput) (Settings, error) {
	in.Email = strings.TrimSpace(in.Email)
	if in.Email != "" {
		if err := check.Email("email", in.Email); err != nil {
			return Settings{}, err
		}
	}
	cur, err := GetSettings(ctx, q, tenantID)
	if err != nil {
		return Settings{}, err
	}
	var s Settings
	err = q.QueryRow(ctx, `UPDATE public.notification_settings SET email = $3, version = version + 1, updated_at = now()
		WHERE tenant_id = $1 AND version = $2 RETURNING email, version, updated_at`, tenantID, version, in.Email).
		Scan(&s.Email, &s.Version, &s.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Settings{}, domain.Errorf(domain.CodePrecondition,
			"the notification settings were changed by someone else (now \"v%d\"); read them again and reapply your change", cur.Version)
	}
	if err != nil {
		return Settings{}, fmt.Errorf("notify: write settings of tenant %d: %w", tenantID, err)
	}
	return s, nil
}
