package pgq

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err means the database could not do the
// work now rather than that the work is wrong: a statement or lock timeout,
// a server shutting down or refusing connections, a connection that failed
// or was lost, or a deadline that ran out waiting for any of those. The
// caller answers 503 with Retry-After; a retry later may well succeed.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return unavailableState(pgErr.Code)
	}
	var connErr *pgconn.ConnectError
	var netErr net.Error
	switch {
	case errors.As(err, &connErr), errors.As(err, &netErr):
		return true
	case errors.Is(err, context.DeadlineExceeded), pgconn.Timeout(err):
		return true
	}
	// pgx reports a connection closed under a query in these words only.
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "unexpected EOF") ||
		strings.Contains(msg, "closed pool")
}

// unavailableState lists the SQLSTATEs of work refused for now:
// query_canceled (statement_timeout), lock_not_available (lock_timeout),
// idle-in-transaction timeout, too many connections, the server shutting
// down, starting up or crashed, and connection exceptions (class 08).
func unavailableState(code string) bool {
	switch code {
	case "57014", "55P03", "25P03", "53300", "57P01", "57P02", "57P03":
		return true
	}
	return strings.HasPrefix(code, "08")
}
