package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// bulk changes many rows with one UPDATE per tenant (an ETL job) and times
// the workers' drain: the apply rate free of per-transaction writer costs.
func (b *bench) bulk(ctx context.Context, out io.Writer) error {
	per := min(b.o.Bulk/len(b.tables), b.o.Jobs)
	start := time.Now()
	for _, tbl := range b.tables {
		if _, err := b.db.Exec(ctx, `UPDATE `+tbl+` SET title = 'bulk ' || id WHERE id <= $1`, per); err != nil {
			return err
		}
	}
	committed := time.Since(start)
	b.waitDrained(ctx, 5*time.Minute)
	var last time.Time
	seen := 0
	for t := range b.tables {
		for job := int64(1); job <= int64(per); job++ {
			if v, ok := b.visibleAt(jobKey{b.tenantIDs[t], job}, start); ok {
				seen++
				if v.After(last) {
					last = v
				}
			}
		}
	}
	took := last.Sub(start)
	n := per * len(b.tables)
	fmt.Fprintf(out, "bulk: %d rows changed by %d UPDATE statements (committed in %s); all visible after %s: %.0f rows/s applied; unseen %d\n",
		n, len(b.tables), committed.Round(time.Millisecond), took.Round(time.Millisecond), float64(seen)/took.Seconds(), n-seen)
	return nil
}
