package projection

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testdb"
)

// The contract with apply and verify, proven against PostgreSQL: Values()
// inserts into the real catalog tables (types, NOT NULLs and the salary
// CHECK accepted), and a row read back with the same column list into the
// same struct is equal to the projection: times with Equal, every other
// field, skills jsonb included, byte for byte. The recomputed hash matches.
func TestCatalogRoundTrip(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ctx := context.Background()
	var tenantID int64
	err := pool.QueryRow(ctx, `INSERT INTO public.tenants (slug, name, schema_name)
		VALUES ('acme', 'Acme Corp', 't_acme') RETURNING id`).Scan(&tenantID)
	if err != nil {
		t.Fatal(err)
	}
	hidden := publicJob()
	hidden.Job.ShowSalary, hidden.Job.Latitude, hidden.Job.ApplicationDeadline = false, nil, nil
	hidden.Job.ID, hidden.Category = 43, nil
	odd := publicProvider()
	odd.Provider.ID = 10
	odd.Skills = []domain.ProviderSkill{{Name: "C \"sharp\" \\ <b>&é 日本 😀", Level: "expert"}, {Name: "a\tb", Level: "beginner", YearsExperience: 80}}
	for _, in := range []JobInput{publicJob(), hidden} {
		in.Tenant.ID = tenantID
		row, _ := Job(in)
		t.Run(fmt.Sprintf("job %d", row.SourceID), func(t *testing.T) {
			back := roundTrip[JobRow](t, pool, "job_catalog", JobColumns(), row.Values(), row.SourceID)
			assertSameRow(t, back, row)
			if !bytes.Equal(back.Hash(), row.ContentHash) {
				t.Error("hash of the row read back differs")
			}
		})
	}
	for _, in := range []ProviderInput{publicProvider(), odd} {
		in.Tenant.ID = tenantID
		row, _ := Provider(in)
		t.Run(fmt.Sprintf("provider %d", row.SourceID), func(t *testing.T) {
			back := roundTrip[ProviderRow](t, pool, "provider_catalog", ProviderColumns(), row.Values(), row.SourceID)
			assertSameRow(t, back, row)
			if !bytes.Equal(back.Hash(), row.ContentHash) {
				t.Error("hash of the row read back differs")
			}
		})
	}
}

func roundTrip[R any](t *testing.T, pool *pgxpool.Pool, table string, cols []string, vals []any, id int64) R {
	t.Helper()
	ctx := context.Background()
	params := make([]string, len(cols))
	for i := range params {
		params[i] = fmt.Sprintf("$%d", i+1)
	}
	list := strings.Join(cols, ", ")
	if _, err := pool.Exec(ctx, fmt.Sprintf("INSERT INTO public.%s (%s) VALUES (%s)",
		table, list, strings.Join(params, ", ")), vals...); err != nil {
		t.Fatalf("insert: %v", err)
	}
	rows, err := pool.Query(ctx, fmt.Sprintf("SELECT %s FROM public.%s WHERE source_id = $1", list, table), id)
	if err != nil {
		t.Fatal(err)
	}
	back, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByName[R])
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return back
}

// assertSameRow compares field by field; times compare with Equal because
// pgx returns them in the session's zone.
func assertSameRow(t *testing.T, got, want any) {
	t.Helper()
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if sameTime(g, w) || reflect.DeepEqual(g, w) {
			continue
		}
		t.Errorf("%s: read back %#v, projected %#v", gv.Type().Field(i).Name, deref(g), deref(w))
	}
}

func sameTime(a, b any) bool {
	switch a := a.(type) {
	case time.Time:
		return a.Equal(b.(time.Time))
	case *time.Time:
		b := b.(*time.Time)
		return a != nil && b != nil && a.Equal(*b)
	}
	return false
}

// skillsJSON must print exactly what jsonb prints, escapes included, even
// for characters plainText would have removed before they got here.
func TestSkillsJSONMatchesJSONB(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	cases := [][]skill{
		{},
		{{"Go", "expert", 6}},
		{{"q\"b\\s/\b\f\n\r\t\x01\x1f\x7f é 😀 \u2028 <&>", "x", 0}, {"", "", 80}},
	}
	for _, skills := range cases {
		mine := skillsJSON(skills)
		var theirs string
		if err := pool.QueryRow(context.Background(), "SELECT $1::text::jsonb::text", string(mine)).Scan(&theirs); err != nil {
			t.Fatalf("%s: %v", mine, err)
		}
		if theirs != string(mine) {
			t.Errorf("jsonb prints\n%s\nwe print\n%s", theirs, mine)
		}
	}
}
