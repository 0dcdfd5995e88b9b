package migrate_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/testdb"
)

// The coordinate-pair rule applies to a schema that already holds half a
// position (the row stays, and is refused only when next written), and
// refuses half a position from any SQL writer afterwards.
func TestCoordinatePairsApplyOverExistingRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	schema := registerTenants(t, pool, 1)[0]
	r := &migrate.Runner{Pool: pool, Log: quiet}
	if _, err := r.Tenants(ctx, nil); err != nil {
		t.Fatal(err)
	}
	jobs := pgx.Identifier{schema, "job_postings"}.Sanitize()
	undo := `ALTER TABLE ` + jobs + ` DROP CONSTRAINT job_postings_coordinates_check;
		ALTER TABLE ` + pgx.Identifier{schema, "service_providers"}.Sanitize() + ` DROP CONSTRAINT service_providers_coordinates_check;
		DELETE FROM ` + pgx.Identifier{schema, "schema_migrations"}.Sanitize() + ` WHERE version = 7`
	if _, err := pool.Exec(ctx, undo); err != nil {
		t.Fatal(err)
	}
	var half int64
	if err := pool.QueryRow(ctx, `INSERT INTO `+jobs+` (title, latitude) VALUES ('Half', 45.7) RETURNING id`).Scan(&half); err != nil {
		t.Fatal(err)
	}
	if res, err := r.Tenants(ctx, nil); err != nil || res.Applied != 1 {
		t.Fatalf("migrate over a half position: %+v %v", res, err)
	}
	for _, w := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO ` + jobs + ` (title, longitude) VALUES ('New half', 4.8)`, nil},
		{`UPDATE ` + jobs + ` SET title = 'Still half' WHERE id = $1`, []any{half}},
	} {
		var pgErr *pgconn.PgError
		if _, err := pool.Exec(ctx, w.sql, w.args...); !errors.As(err, &pgErr) || pgErr.ConstraintName != "job_postings_coordinates_check" {
			t.Errorf("%s: %v, want the coordinates check", w.sql, err)
		}
	}
	if _, err := pool.Exec(ctx, `UPDATE `+jobs+` SET longitude = 4.8 WHERE id = $1`, half); err != nil {
		t.Fatalf("completing the position: %v", err)
	}
}
