package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/domain"
)

// failed turns a transaction's error into what the caller may see: domain
// errors pass through; a CHECK violation (input that slipped past Validate)
// is invalid input; anything else is logged and wrapped.
func (s *Service) failed(ctx context.Context, kind string, catalogID int64, err error) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == "23514" || pgErr.Code == "22P05" || pgErr.Code == "22021") {
		return &domain.Error{Code: domain.CodeInvalid, Message: "a field has a value the store refuses", Err: err}
	}
	s.log.ErrorContext(ctx, "submission failed", "kind", kind, "catalog_id", catalogID, "error", err)
	return fmt.Errorf("submit %s for catalog row %d: %w", kind, catalogID, err)
}
