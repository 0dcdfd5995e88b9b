package pgq

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestUnavailable(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"statement timeout", &pgconn.PgError{Code: "57014"}, true},
		{"lock timeout", fmt.Errorf("submit: %w", &pgconn.PgError{Code: "55P03"}), true},
		{"idle in transaction timeout", &pgconn.PgError{Code: "25P03"}, true},
		{"server shutting down", &pgconn.PgError{Code: "57P01"}, true},
		{"too many connections", &pgconn.PgError{Code: "53300"}, true},
		{"connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"refused connection", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, true},
		{"deadline while waiting for a connection", fmt.Errorf("acquire: %w", context.DeadlineExceeded), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"syntax error", &pgconn.PgError{Code: "42601"}, false},
		{"no rows", pgx.ErrNoRows, false},
		{"nil", nil, false},
	} {
		if got := Unavailable(tc.err); got != tc.want {
			t.Errorf("%s: Unavailable = %v, want %v", tc.name, got, tc.want)
		}
	}
}
