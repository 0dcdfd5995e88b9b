package bench

import (
	"slices"
	"strings"
	"testing"
)

// The password reaches pgbench through PGPASSWORD, and the environment
// names the scratch database, whatever form the URL takes.
func TestPgEnvCarriesTheConnectionOutsideTheArguments(t *testing.T) {
	for _, conn := range []string{
		"postgres://bench:s3cret@db.internal:6543/zumodra?sslmode=disable",
		"host=db.internal port=6543 user=bench password=s3cret dbname=zumodra sslmode=disable",
	} {
		env, err := pgEnv(conn, "zumodra_bench_pgbench")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"PGHOST=db.internal", "PGPORT=6543", "PGUSER=bench", "PGPASSWORD=s3cret",
			"PGDATABASE=zumodra_bench_pgbench", "PGSSLMODE=disable"} {
			if !slices.Contains(env, want) {
				t.Errorf("%q: env lacks %s", conn, want)
			}
		}
	}
	if _, err := pgEnv("postgres://u:s3cret@[bad", "x"); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("bad URL: %v", err)
	}
}
