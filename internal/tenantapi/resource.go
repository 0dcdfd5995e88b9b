package tenantapi

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// resource describes one CRUD table of the tenant schema. F is the struct
// of its writable fields: json tags name them in the API, db tags name their
// columns (db:"-" for fields kept in child tables by the children hooks).
type resource[F any] struct {
	table    string // constant, unqualified: search_path picks the tenant schema
	noun     string
	defaults func() F
	// prepare normalises (trims, stamps published_at) and validates f.
	prepare  func(f *F, now time.Time) error
	children children[F]
	// counted, when set, gives every row served its counts.
	counted *counted
	columns []string
}

// children loads and replaces rows that belong to a resource row (a
// provider's skills and categories), in the same transaction.
type children[F any] interface {
	load(ctx context.Context, tx pgx.Tx, recs []*record[F]) error
	save(ctx context.Context, tx pgx.Tx, id int64, f *F) error
}

// record is a stored row: the writable fields plus what the database owns.
type record[F any] struct {
	ID        int64
	Fields    F
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int64
	Counts    *rowCounts // nil for resources that are not counted
}

func newResource[F any](r resource[F]) *resource[F] {
	t := reflect.TypeFor[F]()
	for i := range t.NumField() {
		if col := t.Field(i).Tag.Get("db"); col != "" && col != "-" {
			r.columns = append(r.columns, col)
		}
	}
	return &r
}

// fieldPtrs returns pointers to f's column fields, in columns order.
func (res *resource[F]) fieldPtrs(f *F) []any {
	v := reflect.ValueOf(f).Elem()
	out := make([]any, 0, len(res.columns))
	for i := range v.NumField() {
		if col := v.Type().Field(i).Tag.Get("db"); col != "" && col != "-" {
			out = append(out, v.Field(i).Addr().Interface())
		}
	}
	return out
}

func (res *resource[F]) fieldValues(f *F) []any {
	ptrs := res.fieldPtrs(f)
	out := make([]any, len(ptrs))
	for i, p := range ptrs {
		out[i] = reflect.ValueOf(p).Elem().Interface()
	}
	return out
}

// scan reads one row. Times go through domain's scanners, so a row that SQL
// gave an 'infinity' reads like one out of range: served with
// invalid_fields naming it, never failing the request.
func (res *resource[F]) scan(row pgx.Row) (*record[F], error) {
	rec := &record[F]{}
	dest := []any{&rec.ID, domain.ScanTime(&rec.CreatedAt), domain.ScanTime(&rec.UpdatedAt), &rec.Version}
	for _, p := range res.fieldPtrs(&rec.Fields) {
		if t, ok := p.(**time.Time); ok {
			p = domain.ScanOptionalTime(t)
		}
		dest = append(dest, p)
	}
	if err := row.Scan(dest...); err != nil {
		return nil, translate(err, res.table)
	}
	return rec, nil
}

func (res *resource[F]) returning() string {
	return "id, created_at, updated_at, version, " + strings.Join(res.columns, ", ")
}

func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + itoa(from+i))
	}
	return b.String()
}
