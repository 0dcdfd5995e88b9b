package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/pgq"
)

// EmptyAll removes every row of every catalog at once, for the benchmark
// harness's rebuilds from nothing. It takes an exclusive lock: never on a
// serving database.
func EmptyAll(ctx context.Context, q pgq.Querier) error {
	tables := []string{"public.catalog_exclusions"}
	for _, c := range kind.All {
		tables = append(tables, c.Table())
	}
	if _, err := q.Exec(ctx, `TRUNCATE `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("empty the catalogs: %w", err)
	}
	return nil
}
