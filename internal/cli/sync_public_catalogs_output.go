package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/kind"

	"github.com/zumodra/zumodra/internal/apply"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resync"
)

// catalogTitle is how the original's output names a catalog.
func opsCatalogTitle(c kind.Catalog) string { return c.Title() }

// printSyncReport lays the result out like the original's command: one
// block per tenant, then the Summary.
func printSyncReport(w io.Writer, rep resync.Report, ts []domain.Tenant, cats []kind.Catalog, elapsed time.Duration) {
	names := opsTenantNames(ts)
	for i, tr := range rep.Tenants {
		fmt.Fprintf(w, "\n[%d/%d] Processing: %s (%s)\n", i+1, len(rep.Tenants), names[tr.Slug], tr.Slug)
		printSyncTenant(w, tr, cats)
	}
	fmt.Fprintln(w)
	opsBanner(w, "Summary")
	fmt.Fprintf(w, "Tenants processed: %d\nDuration: %s\n\n", len(rep.Tenants), opsSeconds(elapsed))
	for _, c := range cats {
		st := rep.Totals[c]
		fmt.Fprintf(w, "%s:\n  ✓ Synced:  %d\n  ⊘ Skipped: %d\n  − Removed: %d\n  ✗ Errors:  %d\n",
			opsCatalogTitle(c), st.Written, st.Unchanged, st.Removed, st.Errors+failedTenants(rep, c))
	}
	fmt.Fprintf(w, "\n%s\n", opsBannerLine)
	switch {
	case rep.Err() != nil:
		fmt.Fprintln(w, "✗ Finished with errors (see above).")
	case rep.DryRun:
		fmt.Fprintln(w, "✓ Done! (dry run: nothing was written)")
	default:
		fmt.Fprintln(w, "✓ Done!")
	}
}

func printSyncTenant(w io.Writer, tr resync.TenantReport, cats []kind.Catalog) {
	if tr.Gone {
		fmt.Fprintln(w, "  ⊘ tenant deleted during the run: its catalog rows went with it")
		return
	}
	for _, c := range cats {
		st, ok := tr.Catalogs[c]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "  %s: %d eligible\n", opsCatalogTitle(c), st.Eligible)
		mark := "✓"
		if st.Errors > 0 {
			mark = "✗"
		}
		fmt.Fprintf(w, "    %s %d synced, %d removed, %d skipped (unchanged), %d errors\n",
			mark, st.Written, st.Removed, st.Unchanged, st.Errors)
	}
	for _, f := range tr.Failed {
		fmt.Fprintf(w, "    ✗ %s %d: %v\n", f.Catalog, f.ID, f.Err)
	}
	if tr.Err != nil {
		fmt.Fprintf(w, "  ✗ failed: %v\n", tr.Err)
	}
}

// failedTenants counts tenants whose run stopped before this catalog was
// done, as errors of that catalog.
func failedTenants(rep resync.Report, c kind.Catalog) int {
	n := 0
	for _, tr := range rep.Tenants {
		if _, ok := tr.Catalogs[c]; tr.Err != nil && !ok {
			n++
		}
	}
	return n
}

func printQueued(w io.Writer, ts []domain.Tenant, cats []kind.Catalog, elapsed time.Duration) {
	for i, t := range ts {
		fmt.Fprintf(w, "\n[%d/%d] Processing: %s (%s)\n", i+1, len(ts), t.Name, t.Slug)
		for _, c := range cats {
			fmt.Fprintf(w, "  %s:\n    ➤ Queued async resync of the %s catalog\n", opsCatalogTitle(c), strings.TrimSuffix(string(c), "s"))
		}
	}
	fmt.Fprintln(w)
	opsBanner(w, "Summary")
	fmt.Fprintf(w, "Tenants processed: %d\nDuration: %s\n\n", len(ts), opsSeconds(elapsed))
	for _, c := range cats {
		fmt.Fprintf(w, "%s:\n  ➤ Queued:  %d resyncs\n", opsCatalogTitle(c), len(ts))
	}
	fmt.Fprintf(w, "\n%s\n", opsBannerLine)
	fmt.Fprintln(w, "✓ Done! The sync workers apply the queued resyncs; check with: zumodra verify")
}

func opsTenantNames(ts []domain.Tenant) map[string]string {
	out := make(map[string]string, len(ts))
	for _, t := range ts {
		out[t.Slug] = t.Name
	}
	return out
}

func opsSeconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

// syncStats is one catalog's counts in --json output.
type syncStats struct {
	Eligible int `json:"eligible"`
	Synced   int `json:"synced"`
	Removed  int `json:"removed"`
	Skipped  int `json:"skipped"`
	Errors   int `json:"errors"`
}

func toSyncStats(st apply.Stats) syncStats {
	return syncStats{st.Eligible, st.Written, st.Removed, st.Unchanged, st.Errors}
}

type syncTenantJSON struct {
	Slug     string               `json:"slug"`
	Name     string               `json:"name"`
	Catalogs map[string]syncStats `json:"catalogs"`
	Failed   []string             `json:"failed,omitempty"`
	Gone     bool                 `json:"gone,omitempty"`
	Error    string               `json:"error,omitempty"`
}

func syncJSON(rep resync.Report, ts []domain.Tenant, cats []kind.Catalog, elapsed time.Duration) any {
	names := opsTenantNames(ts)
	tenants := make([]syncTenantJSON, 0, len(rep.Tenants))
	for _, tr := range rep.Tenants {
		tj := syncTenantJSON{Slug: tr.Slug, Name: names[tr.Slug], Catalogs: map[string]syncStats{}, Gone: tr.Gone}
		for c, st := range tr.Catalogs {
			tj.Catalogs[string(c)] = toSyncStats(st)
		}
		for _, f := range tr.Failed {
			tj.Failed = append(tj.Failed, f.Error())
		}
		if tr.Err != nil {
			tj.Error = tr.Err.Error()
		}
		tenants = append(tenants, tj)
	}
	totals := map[string]syncStats{}
	for _, c := range cats {
		totals[string(c)] = toSyncStats(rep.Totals[c])
	}
	return map[string]any{"mode": "sync", "dry_run": rep.DryRun, "tenants": tenants, "totals": totals,
		"duration_seconds": elapsed.Seconds(), "ok": rep.Err() == nil}
}

func asyncJSON(ts []domain.Tenant, cats []kind.Catalog) any {
	type queued struct {
		Tenant  string `json:"tenant"`
		Catalog string `json:"catalog"`
		Entity  string `json:"entity"`
	}
	out := []queued{}
	for _, t := range ts {
		for _, c := range cats {
			out = append(out, queued{t.Slug, string(c), string(wholeEntity(c))})
		}
	}
	return map[string]any{"mode": "async", "queued": out, "ok": true}
}
