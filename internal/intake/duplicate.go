package intake

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// DefaultDuplicateWindow is how long a second submission of one address to
// one listing counts as a repeat of the first: a double click, a reload, a
// visitor unsure the first went through.
const DefaultDuplicateWindow = 24 * time.Hour

// WithDuplicateWindow returns a copy of s that stores a repeat submission
// within d once; d <= 0 stores every submission.
func (s *Service) WithDuplicateWindow(d time.Duration) *Service {
	c := *s
	c.window = d
	return &c
}

// duplicate is a table's repeat check: an earlier submission by the same
// address to the same listing within the window.
type duplicate struct {
	table, parent string
}

var (
	applicationRepeat = duplicate{"applications", "job_id"}
	inquiryRepeat     = duplicate{"project_inquiries", "provider_id"}
)

// earlier returns the id of an earlier submission of email to parent within
// the window, or 0. It first takes a transaction lock on (tenant, listing,
// address), so two identical submissions racing each other serialise here:
// the second sees the first once it commits, and stores nothing.
func (s *Service) earlier(ctx context.Context, tx pgx.Tx, t domain.Tenant, d duplicate, parent int64, email string) (int64, error) {
	if s.window <= 0 {
		return 0, nil
	}
	key := fmt.Sprintf("%s:%d:%s", d.table, parent, email)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext($1), hashtext(lower($2)))`, t.SchemaName, key); err != nil {
		return 0, fmt.Errorf("lock repeat check: %w", err)
	}
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM `+tenantTable(t, d.table)+`
		WHERE `+d.parent+` = $1 AND lower(email) = lower($2) AND created_at >= $3
		ORDER BY id DESC LIMIT 1`, parent, email, s.now().Add(-s.window)).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("repeat check in %s: %w", t.SchemaName, err)
	}
	return id, nil
}
