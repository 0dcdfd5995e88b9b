package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// bulk changes many rows with one UPDATE per tenant (an ETL job) and times
// the workers' drain: the highest apply rate, free of writer overhead.
func (b *bench) bulk(ctx context.Context, out io.Writer) error {
	per := b.o.Bulk / len(b.tables)
	per = min(per, b.o.Jobs)
	base := b.nextSeq(int64(per * len(b.tables)))
	start := time.Now()
	for i, tbl := range b.tables {
		first := base + int64(i*per)
		_, err := b.db.Exec(ctx, `UPDATE `+tbl+` SET title = 'b' || ($1::bigint + id - 1) WHERE id <= $2`, first, per)
		if err != nil {
			return err
		}
	}
	committed := time.Since(start)
	n := per * len(b.tables)
	b.waitVisible(ctx, base, n, 5*time.Minute)
	b.mu.Lock()
	var last time.Time
	seen := 0
	for i := range n {
		if v, ok := b.visible[base+int64(i)]; ok {
			seen++
			if v.After(last) {
				last = v
			}
		}
	}
	b.mu.Unlock()
	took := last.Sub(start)
	fmt.Fprintf(out, "bulk: %d rows changed by %d UPDATE statements (committed in %s); all visible after %s: %.0f rows/s applied; unseen %d\n",
		n, len(b.tables), committed.Round(time.Millisecond), took.Round(time.Millisecond), float64(seen)/took.Seconds(), n-seen)
	return nil
}
