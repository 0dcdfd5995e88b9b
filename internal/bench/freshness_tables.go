package bench

import (
	"fmt"
)

func freshnessTable(f FreshnessResult) string {
	var rows [][]string
	for _, r := range f.Runs {
		for _, v := range r.Views {
			rows = append(rows, []string{r.Reads, num(r.Offered), rate(r.Achieved), v.View, num(v.Polls),
				num(v.Seen), num(v.Unseen), dur(v.P50), dur(v.P99), dur(v.Max)})
		}
	}
	return fmt.Sprintf("Freshness end to end, commit to visible over HTTP (%d jobs changed in turn on the primary; %s, every cache as shipped)\n\n", f.Targets, serveSetup(f.Serves)) +
		table([]string{"serve reads", "offered changes/s", "committed/s", "view", "polls", "seen", "not seen", "p50", "p99", "max"}, rows...) +
		"\n\nDelay: from the writer's COMMIT returning to the arrival of the first response of the view that shows the change (or a later one of the same job); " +
		"each view is fetched back to back, the several paths of one (the details, the sitemap files) at once, so a delay includes up to one fetch of that view. The list's count, facet counts and hero stats come from the same snapshot as its cards."
}

// serveSetup says which serve processes a setup runs.
func serveSetup(n int) string {
	if n <= 1 {
		return "`zumodra serve --workers 2`"
	}
	return fmt.Sprintf("%d `zumodra serve` processes on one database, each polled in every view, the first with `--workers 2`, the others with `--workers 0`", n)
}

func footprintTable(f FreshnessResult) string {
	var rows [][]string
	for _, fp := range f.Footprints {
		rows = append(rows, []string{fp.Reads, dur(fp.Ready), dur(fp.FirstPage), mib(fp.RSS), mib(fp.PeakRSS)})
	}
	head := "Serve process: start to ready and memory"
	if f.Serves > 1 {
		head = "Serve processes: start to ready and memory, each (started one after the other)"
	}
	return head + "\n\n" +
		table([]string{"serve reads", "start to /readyz 200", "start to first list page", "RSS after the runs", "peak RSS"}, rows...)
}

func mib(b int64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}
