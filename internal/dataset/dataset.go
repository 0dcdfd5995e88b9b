package dataset

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/tenants"
)

// Options describe the generated data: the same Options always write the
// same rows (ids included), whatever the concurrency.
type Options struct {
	Seed      uint64
	Tenants   int
	Jobs      int // over all tenants, spread by a skewed distribution
	Providers int
	// Anchor is the date every generated timestamp is relative to; it is a
	// constant, not the clock, so that a seed means the same rows tomorrow.
	Anchor time.Time
	// Creators is how many tenants are created (schema and migrations) at
	// once; Loaders how many tenants are loaded at once.
	Creators, Loaders int
}

// DefaultAnchor is the anchor when Options.Anchor is zero.
var DefaultAnchor = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Generated is what Generate wrote and how long it took.
type Generated struct {
	Tenants               []domain.Tenant
	Create                time.Duration // tenants.Store.Create of every tenant
	Load                  time.Duration // COPY of every tenant's rows
	Jobs, Providers       int
	Skills, Links         int
	PublicJobs            int // rows the projection will publish
	PublicProviders       int
	Suspended             int // tenants suspended after loading
	Bytes                 int64
	TriggersDuringLoading string // how capture was kept out of the outbox
}

// Generate creates the tenants through tenants.Store.Create (schema and
// every tenant migration, as production does), then loads each tenant's rows
// with COPY in one transaction per tenant. Capture triggers are disabled in
// the loading session (session_replication_role = replica, which needs a
// superuser); without that privilege the triggers fire and the outbox is
// emptied afterwards. Either way the outbox is empty when Generate returns,
// so that bulk sync measurements start from sources only. One tenant in 50
// is then suspended (its rows must never be published).
func Generate(ctx context.Context, pool *pgxpool.Pool, ds Options) (Generated, error) {
	if ds.Tenants < 1 || ds.Jobs < 0 || ds.Providers < 0 {
		return Generated{}, fmt.Errorf("dataset: dataset needs a tenant and non-negative counts")
	}
	ds.Creators, ds.Loaders = max(ds.Creators, 1), max(ds.Loaders, 1)
	var g Generated
	start := time.Now()
	ts, err := createTenants(ctx, pool, ds)
	if err != nil {
		return g, err
	}
	g.Tenants, g.Create = ts, time.Since(start)
	replica, err := canDisableTriggers(ctx, pool)
	if err != nil {
		return g, err
	}
	start = time.Now()
	if err := loadAll(ctx, pool, ds, ts, replica, &g); err != nil {
		return g, err
	}
	g.Load = time.Since(start)
	g.TriggersDuringLoading = "disabled (session_replication_role = replica in the loading transactions)"
	if !replica {
		g.TriggersDuringLoading = "enabled (not a superuser); the outbox was emptied after loading"
	}
	if err := suspendSome(ctx, pool, ts, &g); err != nil {
		return g, err
	}
	err = outbox.Purge(ctx, pool, false)
	if err == nil {
		_, err = pool.Exec(ctx, `ANALYZE`)
	}
	return g, err
}

// tenantSlug is the slug of the i-th generated tenant.
func tenantSlug(i int) string { return fmt.Sprintf("bench_%05d", i+1) }

func createTenants(ctx context.Context, pool *pgxpool.Pool, ds Options) ([]domain.Tenant, error) {
	store := tenants.New(pool)
	out := make([]domain.Tenant, ds.Tenants)
	errs := make([]error, ds.Tenants)
	next := make(chan int)
	var wg sync.WaitGroup
	for range ds.Creators {
		wg.Go(func() {
			for i := range next {
				name := companyName(ds.Seed, i)
				out[i], _, errs[i] = store.Create(ctx, tenants.CreateParams{Slug: tenantSlug(i), Name: name,
					LogoURL: "https://logos.example.com/" + tenantSlug(i) + ".png"})
			}
		})
	}
	for i := range ds.Tenants {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("dataset: create tenant %s: %w", tenantSlug(i), err)
		}
	}
	return out, nil
}

// shares splits total over n tenants by a Zipf-like weight 1/(i+1)^0.7: a
// few large employers, a long tail of small ones, exactly total in all.
func shares(total, n int) []int {
	w := make([]float64, n)
	sum := 0.0
	for i := range w {
		w[i] = 1 / math.Pow(float64(i+1), 0.7)
		sum += w[i]
	}
	out := make([]int, n)
	given := 0
	for i := range out {
		out[i] = int(float64(total) * w[i] / sum)
		given += out[i]
	}
	for i := 0; given < total; i = (i + 1) % n {
		out[i]++
		given++
	}
	return out
}

func canDisableTriggers(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	var super string
	if err := pool.QueryRow(ctx, `SELECT current_setting('is_superuser')`).Scan(&super); err != nil {
		return false, fmt.Errorf("dataset: %w", err)
	}
	return super == "on", nil
}

func suspendSome(ctx context.Context, pool *pgxpool.Pool, ts []domain.Tenant, g *Generated) error {
	store := tenants.New(pool)
	for i := 49; i < len(ts); i += 50 {
		t, err := store.Suspend(ctx, ts[i].Slug)
		if err != nil {
			return fmt.Errorf("dataset: suspend %s: %w", ts[i].Slug, err)
		}
		ts[i] = t
		g.Suspended++
	}
	return nil
}
