package testdb

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// testDBName embeds the creation time so any process can tell a leftover
// (from a crashed or killed test run) from a database a running test uses.
var testDBName = regexp.MustCompile(`^test_(\d+)_[0-9a-f]+$`)

// sweep drops leftover test databases and superseded templates older than
// staleAfter. Callers hold the template lock, so sweepers do not collide.
func (s *server) sweep(ctx context.Context, conn *pgx.Conn) error {
	rows, err := conn.Query(ctx, `SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '')
		FROM pg_database WHERE datname LIKE 'test\_%' OR datname LIKE 'tmpl\_%'`)
	if err != nil {
		return fmt.Errorf("testdb: list leftovers: %w", err)
	}
	type dbRow struct{ Name, Comment string }
	dbs, err := pgx.CollectRows(rows, pgx.RowToStructByPos[dbRow])
	if err != nil {
		return fmt.Errorf("testdb: list leftovers: %w", err)
	}
	now := time.Now()
	for _, db := range dbs {
		if !s.stale(db.Name, db.Comment, now) {
			continue
		}
		name := db.Name
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("testdb: drop leftover %s: %w", name, err)
		}
	}
	return nil
}

// stale reports whether a test database or another fingerprint's template is
// older than staleAfter; a template's age is in its marker comment.
func (s *server) stale(name, comment string, now time.Time) bool {
	var born string
	switch {
	case testDBName.MatchString(name):
		born = testDBName.FindStringSubmatch(name)[1]
	case strings.HasPrefix(name, templatePrefix) && name != s.template:
		born = strings.TrimPrefix(comment, markerPrefix)
		if born == comment {
			return false // not (yet) marked: maybe being built right now
		}
	default:
		return false
	}
	secs, err := strconv.ParseInt(born, 10, 64)
	return err == nil && now.Sub(time.Unix(secs, 0)) > staleAfter
}
