package ops

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
)

// MissingIndex is an index a migration creates that a schema lacks.
type MissingIndex struct {
	Schema string `json:"schema"`
	SchemaObject
}

type indexCount struct{ want, present int }

// MissingIndexes compares the indexes the migrations create with those in
// the public schema and in every tenant schema. counts gives, per shared
// table, how many are expected and present.
func MissingIndexes(ctx context.Context, pool *pgxpool.Pool) ([]MissingIndex, map[string]indexCount, error) {
	schemas, err := migrate.TenantSchemas(ctx, pool)
	if err != nil {
		return nil, nil, fmt.Errorf("list tenant schemas: %w", err)
	}
	have, err := presentIndexes(ctx, pool, append([]string{"public"}, schemas...))
	if err != nil {
		return nil, nil, err
	}
	counts := map[string]indexCount{}
	var missing []MissingIndex
	for _, ix := range ExpectedIndexes(migrate.TrackShared) {
		c := counts[ix.Table]
		c.want++
		if have["public"][ix.Name] {
			c.present++
		} else {
			missing = append(missing, MissingIndex{"public", ix})
		}
		counts[ix.Table] = c
	}
	tenantIxs := ExpectedIndexes(migrate.TrackTenant)
	for _, s := range schemas {
		for _, ix := range tenantIxs {
			if !have[s][ix.Name] {
				missing = append(missing, MissingIndex{s, ix})
			}
		}
	}
	return missing, counts, nil
}

func presentIndexes(ctx context.Context, pool *pgxpool.Pool, schemas []string) (map[string]map[string]bool, error) {
	rows, err := pool.Query(ctx, `SELECT schemaname, indexname FROM pg_indexes WHERE schemaname = ANY($1)`, schemas)
	if err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	have := map[string]map[string]bool{}
	var schema, name string
	_, err = pgx.ForEachRow(rows, []any{&schema, &name}, func() error {
		if have[schema] == nil {
			have[schema] = map[string]bool{}
		}
		have[schema][name] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list indexes: %w", err)
	}
	return have, nil
}

// RecreateIndexes runs, for each missing index, the very CREATE INDEX
// statement of the migration that created it (in the tenant's schema for
// tenant-track indexes), each in its own transaction. It returns the
// indexes it created.
func RecreateIndexes(ctx context.Context, pool *pgxpool.Pool, missing []MissingIndex) ([]MissingIndex, error) {
	var done []MissingIndex
	for _, m := range missing {
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if m.Track == migrate.TrackTenant {
				// As the migration ran: unqualified names resolve in the tenant schema alone.
				if _, err := tx.Exec(ctx, "SET LOCAL search_path TO "+pgx.Identifier{m.Schema}.Sanitize()); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, m.SQL); err != nil || m.CreatedAs == "" {
				return err
			}
			_, err := tx.Exec(ctx, "ALTER INDEX "+pgx.Identifier{m.Schema, m.CreatedAs}.Sanitize()+
				" RENAME TO "+pgx.Identifier{m.Name}.Sanitize())
			return err
		})
		if err != nil {
			return done, fmt.Errorf("recreate %s.%s: %w", m.Schema, m.Name, err)
		}
		done = append(done, m)
	}
	return done, nil
}
