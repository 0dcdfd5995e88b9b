package resync

import (
	"cmp"
	"fmt"
	"log/slog"
	"runtime"
	"slices"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/apply"
)

// Options select and shape a resync.
type Options struct {
	TenantSlugs []string       // tenants to resync; nil or empty means all
	Catalogs    []kind.Catalog // catalogs to resync; nil or empty means all
	DryRun      bool           // count what would change, write nothing
	// Full reads and projects every source row, even those whose input
	// fingerprint says they have not changed since the catalog row was made
	// (apply.Options.Full).
	Full        bool
	Concurrency int // tenants in parallel; 0 means the number of CPUs
	BatchSize   int // source rows per page transaction; 0 means 1000
	// Progress, when set, is called after every page, from one goroutine at
	// a time.
	Progress func(Progress)
	Logger   *slog.Logger
}

// Progress reports one page done.
type Progress struct {
	Tenant       string
	Catalog      kind.Catalog
	Stats        apply.Stats // this tenant's catalog so far
	CatalogDone  bool        // this tenant's catalog is complete
	TenantsDone  int         // tenants completed so far, over all
	TenantsTotal int
}

// DefaultBatchSize is the page size of a bulk pass.
const DefaultBatchSize = 1000

// Validate checks the options and fills in defaults.
func (o *Options) Validate() error {
	for _, c := range o.Catalogs {
		if !slices.Contains(kind.All, c) {
			return fmt.Errorf("resync: unknown catalog %q (want jobs, providers or companies)", c)
		}
	}
	if len(o.Catalogs) == 0 {
		o.Catalogs = kind.All
	}
	if o.Concurrency < 0 || o.BatchSize < 0 {
		return fmt.Errorf("resync: concurrency and batch size must not be negative")
	}
	o.Concurrency = cmp.Or(o.Concurrency, runtime.NumCPU())
	o.BatchSize = cmp.Or(o.BatchSize, DefaultBatchSize)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}
