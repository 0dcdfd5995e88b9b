package apply

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/projection"
)

// priors is what the catalog holds of the HTML of the rows being synced,
// by source id: the projection sanitises again only the fields whose input
// changed (projection.Prior). It is read under the tenant's lock, like
// everything a sync reads, and a digest names the exact input its output
// was made from, so a reused output is the one a fresh projection would give.
type priors map[int64]*projection.Prior

func (p priors) of(id int64) *projection.Prior { return p[id] }

func priorSQL(c kind.Catalog, htmlColumns []string) string {
	return `SELECT source_id, html_digests, ` + strings.Join(htmlColumns, ", ") + ` FROM ` + c.Table() +
		` WHERE tenant_id = $1 AND source_id = ANY($2) AND html_digests IS NOT NULL`
}

func queuePriors(b *pgx.Batch, c kind.Catalog, htmlColumns []string, tenantID int64, ids []int64, out priors) {
	b.Queue(priorSQL(c, htmlColumns), tenantID, ids).Query(func(rows pgx.Rows) error {
		defer rows.Close()
		for rows.Next() {
			var id int64
			p := &projection.Prior{HTML: make([]string, len(htmlColumns))}
			dest := []any{&id, &p.Digests}
			for i := range p.HTML {
				dest = append(dest, &p.HTML[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return fmt.Errorf("apply %s: read stored HTML: %w", c, err)
			}
			out[id] = p
		}
		return rows.Err()
	})
}
