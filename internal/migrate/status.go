package migrate

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// MigrationState is one migration of one track as a database has it.
type MigrationState struct {
	Migration
	AppliedAt *time.Time // nil when pending
}

// SchemaStatus is the state of one schema's track.
type SchemaStatus struct {
	Schema     string
	Migrations []MigrationState
}

// Pending counts the migrations not yet applied.
func (s SchemaStatus) Pending() int {
	n := 0
	for _, m := range s.Migrations {
		if m.AppliedAt == nil {
			n++
		}
	}
	return n
}

// Status reads the shared track and, for each tenant schema, the tenant
// track (all tenants when schemas is nil).
func Status(ctx context.Context, pool *pgxpool.Pool, schemas []string) (SchemaStatus, []SchemaStatus, error) {
	shared, err := schemaStatus(ctx, pool, "public", Shared())
	if err != nil {
		return SchemaStatus{}, nil, err
	}
	if schemas == nil {
		if schemas, err = TenantSchemas(ctx, pool); err != nil {
			return shared, nil, err
		}
	}
	tenants := make([]SchemaStatus, 0, len(schemas))
	for _, s := range schemas {
		st, err := schemaStatus(ctx, pool, s, Tenant())
		if err != nil {
			return shared, tenants, err
		}
		tenants = append(tenants, st)
	}
	return shared, tenants, nil
}

func schemaStatus(ctx context.Context, pool *pgxpool.Pool, schema string, track []Migration) (SchemaStatus, error) {
	st := SchemaStatus{Schema: schema}
	applied, err := appliedTimes(ctx, pool, schema)
	if err != nil {
		return st, err
	}
	for _, m := range track {
		ms := MigrationState{Migration: m}
		if t, ok := applied[m.Version]; ok {
			ms.AppliedAt = &t
		}
		st.Migrations = append(st.Migrations, ms)
	}
	return st, nil
}

// appliedTimes returns version -> applied_at; empty when the schema or its
// version table does not exist yet.
func appliedTimes(ctx context.Context, pool *pgxpool.Pool, schema string) (map[int]time.Time, error) {
	table := pgx.Identifier{schema, "schema_migrations"}.Sanitize()
	var exists bool
	if err := pool.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&exists); err != nil || !exists {
		return map[int]time.Time{}, err
	}
	rows, err := pool.Query(ctx, "SELECT version, applied_at FROM "+table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]time.Time{}
	for rows.Next() {
		var v int
		var t time.Time
		if err := rows.Scan(&v, &t); err != nil {
			return nil, err
		}
		out[v] = t
	}
	return out, rows.Err()
}
