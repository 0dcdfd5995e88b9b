package counts_test

import (
	"sync/atomic"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
)

// BenchmarkAdd is the hot path's cost of one counted view, from as many
// goroutines as cores, spread over 10,000 rows.
func BenchmarkAdd(b *testing.B) {
	c := counts.New(nil, counts.Options{})
	var next atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		id := next.Add(1)
		for pb.Next() {
			c.Add(kind.Jobs, id%10_000+1, counts.View)
			id += 7
		}
	})
}

// BenchmarkFlush10k is one flush of 10,000 rows' counts: one statement.
func BenchmarkFlush10k(b *testing.B) {
	ctx := b.Context()
	pool := testdb.New(b)
	if _, err := pool.Exec(ctx, `INSERT INTO public.public_ids (catalog, tenant_id, source_id, public_id)
		SELECT 'jobs', 1, g, g FROM generate_series(1, 10000) g`); err != nil {
		b.Fatal(err)
	}
	c := counts.New(pool, counts.Options{})
	for b.Loop() {
		for id := range int64(10_000) {
			c.Add(kind.Jobs, id+1, counts.View)
		}
		if err := c.Flush(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
