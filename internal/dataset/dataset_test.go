package dataset

import (
	"fmt"
	"strings"
	"testing"
)

func TestSameSeedSameRows(t *testing.T) {
	ds := Options{Seed: 3}
	a, b := newTenantGen(ds, 5), newTenantGen(ds, 5)
	for id := int64(1); id <= 20; id++ {
		ja, jb := a.job(id), b.job(id)
		pa, pb := a.provider(id), b.provider(id)
		if !equalValues(ja.values, jb.values) || !equalValues(pa.values, pb.values) {
			t.Fatalf("row %d differs for the same seed", id)
		}
	}
	if equalValues(newTenantGen(Options{Seed: 4}, 5).job(1).values, newTenantGen(ds, 5).job(1).values) {
		t.Fatal("another seed gave the same job")
	}
	if got := shares(1000, 7); sum(got) != 1000 || got[0] <= got[6] {
		t.Fatalf("shares = %v", got)
	}
}

func equalValues(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if fmtAny(a[i]) != fmtAny(b[i]) {
			return false
		}
	}
	return true
}

func fmtAny(v any) string { return strings.TrimSpace(strings.ReplaceAll(fmt.Sprint(v), "\n", " ")) }

func sum(s []int) int {
	n := 0
	for _, x := range s {
		n += x
	}
	return n
}
