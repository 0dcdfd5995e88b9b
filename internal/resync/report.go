package resync

import (
	"errors"
	"fmt"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/apply"
)

// TenantReport is the outcome of one tenant's resync.
type TenantReport struct {
	TenantID int64
	Slug     string
	Catalogs map[kind.Catalog]apply.Stats
	Failed   []apply.RowError // rows that could not be synced; the rest were
	Gone     bool             // the tenant was deleted during the run
	Err      error            // the tenant's resync stopped early
	Duration time.Duration
}

// Report is the outcome of a resync run.
type Report struct {
	Tenants  []TenantReport // in the order tenants were listed
	Totals   map[kind.Catalog]apply.Stats
	DryRun   bool
	Duration time.Duration
}

// Err joins the tenants' errors and row failures; nil when all went well.
func (r Report) Err() error {
	var errs []error
	for _, t := range r.Tenants {
		if t.Err != nil {
			errs = append(errs, fmt.Errorf("tenant %s: %w", t.Slug, t.Err))
		}
		for _, f := range t.Failed {
			errs = append(errs, fmt.Errorf("tenant %s: %w", t.Slug, f))
		}
	}
	return errors.Join(errs...)
}

func (r *Report) add(t TenantReport) {
	r.Tenants = append(r.Tenants, t)
	for c, st := range t.Catalogs {
		tot := r.Totals[c]
		tot.Add(st)
		r.Totals[c] = tot
	}
}
