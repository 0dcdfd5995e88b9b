package projection

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Columns the database owns; the projection never writes them.
var databaseColumns = []string{"id", "synced_at", "view_count", "search"}

// catalogColumns reads a table's column names, in order, from the shared
// migration that creates it.
func catalogColumns(t *testing.T, table string) []string {
	t.Helper()
	sql, err := os.ReadFile("../migrate/shared/0002_catalog.sql")
	if err != nil {
		t.Fatal(err)
	}
	body := regexp.MustCompile(`(?s)CREATE TABLE public\.` + table + ` \((.*?)\n\);`).FindSubmatch(sql)
	if body == nil {
		t.Fatalf("table %s not found", table)
	}
	var cols []string
	for _, line := range strings.Split(string(body[1]), "\n") {
		if m := regexp.MustCompile(`^    ([a-z_]+) +[a-z]`).FindStringSubmatch(line); m != nil && m[1] != "setweight" {
			if !slices.Contains(databaseColumns, m[1]) {
				cols = append(cols, m[1])
			}
		}
	}
	return append(cols, addedColumns(t, table)...)
}

// addedColumns reads the stored columns later shared migrations add to a
// table with ALTER TABLE ... ADD COLUMN, in migration order (generated
// columns are the database's own).
func addedColumns(t *testing.T, table string) []string {
	t.Helper()
	files, err := filepath.Glob("../migrate/shared/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	stmt := regexp.MustCompile(`(?s)ALTER TABLE public\.` + table + `\s(.*?);`)
	add := regexp.MustCompile(`ADD COLUMN ([a-z_]+) ([^,]*)`)
	var cols []string
	for _, f := range files {
		sql, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range stmt.FindAllSubmatch(sql, -1) {
			for _, m := range add.FindAllSubmatch(s[1], -1) {
				// input_fingerprint is the apply's bookkeeping of what a
				// row was made from, not a projected value.
				if !strings.Contains(string(m[2]), "GENERATED") && string(m[1]) != "input_fingerprint" {
					cols = append(cols, string(m[1]))
				}
			}
		}
	}
	return cols
}

func TestColumnsMatchSchema(t *testing.T) {
	tests := []struct {
		table string
		got   []string
	}{
		{"job_catalog", JobColumns()},
		{"provider_catalog", ProviderColumns()},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			want := catalogColumns(t, tt.table)
			if len(want) < 30 {
				t.Fatalf("schema parse found only %d columns: %v", len(want), want)
			}
			if !slices.Equal(tt.got, want) {
				t.Errorf("columns\n got %v\nwant %v", tt.got, want)
			}
		})
	}
}

func TestValuesFollowColumns(t *testing.T) {
	job, _ := Job(publicJob())
	provider, _ := Provider(publicProvider())
	tests := []struct {
		name string
		row  any
		cols []string
		vals []any
	}{
		{"job", job, JobColumns(), job.Values()},
		{"provider", provider, ProviderColumns(), provider.Values()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.vals) != len(tt.cols) {
				t.Fatalf("%d values for %d columns", len(tt.vals), len(tt.cols))
			}
			rv := reflect.ValueOf(tt.row)
			for i, col := range tt.cols {
				f, _ := rv.Type().FieldByNameFunc(func(n string) bool {
					sf, _ := rv.Type().FieldByName(n)
					return sf.Tag.Get("db") == col
				})
				if !reflect.DeepEqual(rv.FieldByIndex(f.Index).Interface(), tt.vals[i]) {
					t.Errorf("value %d is not column %s", i, col)
				}
				// pgx sends a nil slice as NULL; every array column is NOT NULL.
				if v := reflect.ValueOf(tt.vals[i]); v.Kind() == reflect.Slice && v.IsNil() {
					t.Errorf("column %s is a nil slice", col)
				}
			}
		})
	}
}

// Callers get copies: mutating the result must not change the next call.
func TestColumnsAreCopies(t *testing.T) {
	JobColumns()[0], ProviderColumns()[0] = "x", "x"
	if JobColumns()[0] != "tenant_id" || ProviderColumns()[0] != "tenant_id" {
		t.Error("column lists are shared")
	}
}
