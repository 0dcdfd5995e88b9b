package inbox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// related is a table in the tenant's schema holding data of one
// submission (its status history, files, answers), pointing at it through
// the column ref. Its rows are exported with the submission and deleted
// before it, whatever its foreign key says, so erase and purge count them
// and never depend on a cascade. Each such table has an id column, the
// order of its rows in an export.
type related struct {
	table string
	ref   string
	// omit names columns left out of an export, such as a file's bytes
	// (the tenant API serves those on their own route).
	omit []string
}

// ApplicationRecord is an application as an export shows it: its fields,
// and under related each related table's rows, by table name.
type ApplicationRecord struct {
	Application
	Related map[string][]json.RawMessage `json:"related" db:"related"`
}

// InquiryRecord is an inquiry as an export shows it.
type InquiryRecord struct {
	Inquiry
	Related map[string][]json.RawMessage `json:"related" db:"related"`
}

// byAddress matches the submissions of one address, ignoring case as the
// duplicate check does; the caller passes the address as intake
// normalised it (see intake.Address). It uses the lower(email) indexes.
const byAddress = `lower(email) = lower($1)`

// Export returns every submission of the tenant sent from address, oldest
// first, each with its related rows. T is ApplicationRecord or
// InquiryRecord.
func Export[T any](ctx context.Context, q pgq.Querier, t domain.Tenant, k Kind, address string) ([]T, error) {
	rows, err := q.Query(ctx, `SELECT `+k.selectList(t, "s")+`, `+k.relatedJSON(t)+` AS related
		FROM `+qualified(t, k.table)+` s WHERE `+byAddress+` ORDER BY id`, address)
	if err != nil {
		return nil, fmt.Errorf("export %s of %s: %w", k.table, t.SchemaName, err)
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
	if err != nil {
		return nil, fmt.Errorf("export %s of %s: %w", k.table, t.SchemaName, err)
	}
	if items == nil {
		items = []T{}
	}
	return items, nil
}

// relatedJSON is an expression building, for the submission aliased s, an
// object of each related table's rows as JSON, by table name.
func (k Kind) relatedJSON(t domain.Tenant) string {
	parts := make([]string, 0, len(k.related))
	for _, r := range k.related {
		omit := "'{}'::text[]"
		if len(r.omit) > 0 {
			omit = "ARRAY['" + strings.Join(r.omit, "','") + "']::text[]" // names from the list above, not input
		}
		parts = append(parts, `'`+r.table+`', coalesce((SELECT jsonb_agg(to_jsonb(r) - `+omit+` ORDER BY r.id)
			FROM `+qualified(t, r.table)+` r WHERE r.`+r.ref+` = s.id), '[]'::jsonb)`)
	}
	return `jsonb_build_object(` + strings.Join(parts, ", ") + `)`
}
