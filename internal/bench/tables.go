package bench

import (
	"fmt"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/dataset"
)

// table renders a Markdown table.
func table(head []string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		b.WriteString(" --- |")
	}
	for _, r := range rows {
		b.WriteString("\n| " + strings.Join(r, " | ") + " |")
	}
	return b.String()
}

func dur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond))
	}
}

func num(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[0] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func rate(f float64) string { return num(int(f + 0.5)) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

func datasetTable(g dataset.Generated) string {
	return "Dataset\n\n" + table(
		[]string{"tenants (suspended)", "jobs (public)", "providers (public)", "skills", "category links", "source text", "create tenants", "COPY load", "capture during load"},
		[]string{fmt.Sprintf("%s (%d)", num(len(g.Tenants)), g.Suspended),
			fmt.Sprintf("%s (%s)", num(g.Jobs), num(g.PublicJobs)), fmt.Sprintf("%s (%s)", num(g.Providers), num(g.PublicProviders)),
			num(g.Skills), num(g.Links), fmt.Sprintf("%.0f MB", float64(g.Bytes)/1e6), dur(g.Create), dur(g.Load), g.TriggersDuringLoading})
}

func tenantsTable(t TenantsResult) string {
	per := time.Duration(0)
	if t.Tenants > 0 {
		per = t.Create / time.Duration(t.Tenants)
	}
	return "Tenant schemas: create and migrate\n\n" + table(
		[]string{"tenants", "concurrent creators", "create (schema + every tenant migration + key)", "per tenant", "tenants/s", "`zumodra migrate` after (nothing pending)"},
		[]string{num(t.Tenants), fmt.Sprint(t.Creators), dur(t.Create), dur(per), rate(perSec(t.Tenants, t.Create)), dur(t.Migrate.Wall)})
}

func cpuCells(c CPU) []string {
	back := "n/a"
	if c.BackendsSeen {
		back = dur(c.Backends)
	}
	return []string{dur(c.Go), back}
}

func bulkTable(b BulkResult, g dataset.Generated) string {
	lim := b.Limit.RowsPerSec()
	row := func(p Phase, rows, note string) []string {
		return append([]string{p.Name, rows, dur(p.Wall), rate(p.RowsPerSec()), fmt.Sprintf("%.2f", ratio(p.RowsPerSec(), lim))},
			append(cpuCells(p.CPU), note)...)
	}
	public := g.PublicJobs + g.PublicProviders
	first, second := b.First, b.Second
	rows := [][]string{
		row(b.Limit, num(b.Limit.Rows), "no Go projection, no sanitising"),
		row(first, num(first.Rows), fmt.Sprintf("%d tenants in parallel, pages of 1,000", b.Concurrency)),
		row(b.PerRow, num(b.PerRow.Rows)+" (sample)", fmt.Sprintf("all %s rows: about %s (extrapolated)", num(public), dur(b.PerRowTotal))),
		row(second, num(second.Rows)+" unchanged", "hash skip: nothing written"),
	}
	s := fmt.Sprintf("Bulk sync throughput (catalog rows/s), %d tenants in parallel, each from an empty catalog except the second sync\n\n", b.Concurrency) +
		table([]string{"strategy", "rows", "time", "rows/s", "of the limit", "Go CPU", "backend CPU", "note"}, rows...)
	s += fmt.Sprintf("\n\n- bulk sync / limit: %.2f (goal >= 0.8: %s)", ratio(first.RowsPerSec(), lim), verdict(ratio(first.RowsPerSec(), lim) >= 0.8))
	s += fmt.Sprintf("\n- bulk sync / original per-row: %.1fx (goal >= 10x: %s)", ratio(first.RowsPerSec(), b.PerRow.RowsPerSec()),
		verdict(ratio(first.RowsPerSec(), b.PerRow.RowsPerSec()) >= 10))
	s += fmt.Sprintf("\n- first sync / second sync (nothing changed), by time: %.1fx (goal >= 20x: %s)",
		ratio(first.Wall.Seconds(), second.Wall.Seconds()), verdict(ratio(first.Wall.Seconds(), second.Wall.Seconds()) >= 20))
	return s
}

func memoryTable(b BulkResult) string {
	c := b.Child
	return "Peak resident memory of the bulk sync (child process, its rusage ru_maxrss)\n\n" + table(
		[]string{"command", "catalog rows after", "time", "rows/s", "max RSS", "CPU (user+sys)"},
		[]string{"`zumodra " + strings.Join(c.Args, " ") + "`", num(b.ChildRows), dur(c.Wall), rate(perSec(b.ChildRows, c.Wall)),
			fmt.Sprintf("%.1f MiB", float64(c.MaxRSS)/(1<<20)), dur(c.CPU)})
}

func propagationTable(p PropagationResult) string {
	var rows [][]string
	for _, r := range p.Rates {
		rows = append(rows, []string{num(r.Offered), rate(r.Achieved), num(r.Seen), num(r.Unseen),
			dur(r.P50), dur(r.P95), dur(r.P99), dur(r.Max)})
	}
	notify := "without NOTIFY, the workers probing the outbox"
	if p.Notify {
		notify = "with capture NOTIFY on"
	}
	if p.OneTenant {
		notify += ", every change in one tenant"
	}
	s := fmt.Sprintf("Propagation delay, commit to catalog visible (%d in-process workers, %d writers committing single-row UPDATEs %s)\n\n", p.Workers, p.Writers, notify) +
		table([]string{"offered changes/s", "committed/s", "seen", "not seen", "p50", "p95", "p99", "max"}, rows...) +
		"\n\nDelay: from the writer's COMMIT returning to the COMMIT of the worker batch that applied it (worker.Config.AfterCommit)."
	var ramp [][]string
	for _, st := range p.Ramp {
		ramp = append(ramp, []string{num(st.Offered), rate(st.Achieved), num(st.OutboxBefore), num(st.OutboxAfter),
			fmt.Sprintf("%.0f", st.GrowthPerSec), fmt.Sprint(st.Sustained), dur(st.DrainedWithin)})
	}
	if len(ramp) > 0 {
		s += "\n\nHighest sustained rate (outbox depth before and after each step; sustained while it grows by at most 5% of the rate per second)\n\n" +
			table([]string{"offered/s", "committed/s", "outbox before", "outbox after", "growth/s", "sustained", "drained after"}, ramp...)
	}
	s += fmt.Sprintf("\n\n- highest sustained rate measured: %s changes/s", rate(p.Sustained))
	if n := len(p.Ramp); n > 0 && p.Ramp[n-1].Sustained {
		s += " (the writers, not the workers, stopped the ramp: they could not commit half the offered rate)"
	}
	return s
}

func readTable(r ReadResult) string {
	var rows [][]string
	for _, x := range append(r.Runs, r.PGBench) {
		note := x.Note
		if x.Requests > 0 && x.Non2xx*100 > x.Requests {
			note = "mostly errors " + note
		}
		rows = append(rows, []string{x.Server, "`" + x.Target + "`", dur(x.P50), dur(x.P99), rate(x.PerSec), num(x.Non2xx), note})
	}
	return fmt.Sprintf("Public read path under load (wrk -t2 -c%d, %s each, from a separate process; pgbench as the ceiling)\n\n", r.Conns, r.For) +
		table([]string{"server", "target", "p50", "p99", "req/s", "non-2xx", "note"}, rows...)
}
