package catalog

import (
	"math"
	"testing"

	"github.com/zumodra/zumodra/internal/testdb"
)

// The Go trigram similarity must agree with pg_trgm's, which defines it.
func TestTrigramSimilarityMatchesPgTrgm(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	words := []string{"python", "pyhton", "developer", "develper", "go", "kubernetes", "kubernets", "zürich", "Zurich", "a1b2"}
	for _, a := range words {
		v := newVocabulary([]string{a})
		for _, b := range words {
			var want float64
			if err := pool.QueryRow(t.Context(), `SELECT similarity($1, $2)::float8`, a, b).Scan(&want); err != nil {
				t.Fatal(err)
			}
			_, got := v.nearest(b)
			if math.Abs(got-want) > 1e-6 {
				t.Errorf("similarity(%q, %q) = %v, pg_trgm says %v", a, b, got, want)
			}
		}
	}
}

func TestNearestWord(t *testing.T) {
	v := newVocabulary([]string{"python", "java", "developer", "designer", "pythonista"})
	for in, want := range map[string]string{"pyhton": "python", "develper": "developer", "jav": "java", "desinger": "designer"} {
		if got, sim := v.nearest(in); got != want || sim < minWordSimilarity {
			t.Errorf("nearest(%q) = %q (%.2f), want %q", in, got, sim, want)
		}
	}
	if got, sim := v.nearest("zzqxv"); sim >= minWordSimilarity {
		t.Errorf("nearest(nonsense) = %q (%.2f)", got, sim)
	}
}
