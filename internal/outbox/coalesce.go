package outbox

import (
	"slices"

	"github.com/zumodra/zumodra/internal/kind"
)

// Work is what a tenant's claimed rows call for, each source row once.
type Work struct {
	Jobs         []int64 // job ids to sync (empty when AllJobs)
	Providers    []int64 // provider ids to sync (empty when AllProviders)
	AllJobs      bool    // resync the tenant's whole job catalog
	AllProviders bool    // resync the tenant's whole provider catalog
	Company      bool    // sync the tenant's company row
	Entries      []Entry // the claimed rows behind this work
}

// Coalesce folds claimed rows into Work: a row changed fifty times is
// synced once, and a full pass of a catalog covers every single id of it.
func Coalesce(entries []Entry) Work {
	w := Work{Entries: entries}
	for _, e := range entries {
		switch e.Entity {
		case EntityTenant:
			w.AllJobs, w.AllProviders, w.Company = true, true, true
		case EntityCompany:
			w.Company = true
		case EntityTenantJobs:
			w.AllJobs = true
		case EntityTenantProviders:
			w.AllProviders = true
		case EntityJob:
			w.Jobs = append(w.Jobs, e.SourceID)
		case EntityProvider:
			w.Providers = append(w.Providers, e.SourceID)
		}
	}
	w.Jobs = uniqueUnless(w.AllJobs, w.Jobs)
	w.Providers = uniqueUnless(w.AllProviders, w.Providers)
	return w
}

func uniqueUnless(all bool, ids []int64) []int64 {
	if all {
		return nil
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// EntriesFor returns the ids of the claimed rows that asked for the sync of
// one source row of catalog c: its own rows (entity job or provider) and,
// when the catalog was resynced whole, the rows that asked for that pass.
func (w Work) EntriesFor(c kind.Catalog, sourceID int64) []int64 {
	isJob := c == kind.Jobs
	var out []int64
	for _, e := range w.Entries {
		switch {
		case c == kind.Companies:
			if e.Entity == EntityTenant || e.Entity == EntityCompany {
				out = append(out, e.ID)
			}
		case isJob && e.Entity == EntityJob && e.SourceID == sourceID,
			!isJob && e.Entity == EntityProvider && e.SourceID == sourceID,
			isJob && w.AllJobs && (e.Entity == EntityTenant || e.Entity == EntityTenantJobs),
			!isJob && w.AllProviders && (e.Entity == EntityTenant || e.Entity == EntityTenantProviders):
			out = append(out, e.ID)
		}
	}
	return out
}

// IDs returns the ids of all claimed rows.
func (w Work) IDs() []int64 {
	out := make([]int64, len(w.Entries))
	for i, e := range w.Entries {
		out[i] = e.ID
	}
	return out
}

// Of is the work of catalog c: whether it is a whole pass, else which ids.
// A company is one row: its sync is a whole pass of its catalog.
func (w Work) Of(c kind.Catalog) (all bool, ids []int64) {
	switch c {
	case kind.Providers:
		return w.AllProviders, w.Providers
	case kind.Companies:
		return w.Company, nil
	}
	return w.AllJobs, w.Jobs
}
