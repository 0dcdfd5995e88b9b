package bench

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/dataset"
	"github.com/zumodra/zumodra/internal/testdb"
)

// TestSuiteTiny runs the whole harness at the tiny scale against a test
// database and checks that every table comes out with sane, non-zero
// figures. It asserts nothing about speed.
func TestSuiteTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs every benchmark")
	}
	opts := Options{Scale: Scales["tiny"], Seed: 1, DatabaseURL: testdb.NewURL(t), Binary: buildBinary(t), Command: "test"}
	_, errWrk := exec.LookPath("wrk")
	_, errPgb := exec.LookPath("pgbench")
	switch {
	case errPgb != nil:
		t.Logf("pgbench missing: capture and the read path are not run")
		opts.Only = []string{"tenants", "bulk", "propagation", "freshness"}
	case errWrk != nil:
		t.Logf("wrk missing: the read path is not run")
		opts.Only = []string{"tenants", "bulk", "propagation", "capture", "freshness"}
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, res.Generated)
	checkBulk(t, res.Bulk, res.Generated)
	checkPropagation(t, res.Propagation)
	checkFreshness(t, res.Freshness, "primary")
	if opts.wants("read") {
		checkRead(t, res.Read)
	}
	if opts.wants("capture") {
		checkCapture(t, res.Capture)
	}
	if res.Tenants == nil || res.Tenants.Create <= 0 || res.Tenants.Migrate.Wall <= 0 {
		t.Errorf("tenants = %+v", res.Tenants)
	}
	md := res.Markdown()
	for _, head := range []string{"### Dataset", "### Bulk sync throughput", "### Peak resident memory",
		"### Propagation delay", "### Tenant schemas", "### Freshness end to end", "### Serve process"} {
		if !strings.Contains(md, head) {
			t.Errorf("markdown lacks %q:\n%s", head, md)
		}
	}
}

// The freshness stage against a real streaming replica: a serve reading
// the primary, then one reading the replica, each sees every change.
func TestFreshnessAgainstReplica(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two clusters")
	}
	r := testdb.NewReplicated(t)
	opts := Options{Scale: Scales["tiny"], Seed: 1, DatabaseURL: r.PrimaryURL, ReadDatabaseURL: r.ReplicaURL,
		Binary: buildBinary(t), Only: []string{"freshness"}, Command: "test"}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	checkFreshness(t, res.Freshness, "primary", "replica")
}

// The freshness stage with two serve processes on one database: every view
// of each process saw every change, and each process has its footprint.
func TestFreshnessTwoServes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts two serve processes")
	}
	opts := Options{Scale: Scales["tiny"], Seed: 1, DatabaseURL: testdb.NewURL(t), Binary: buildBinary(t),
		Only: []string{"freshness"}, Serves: 2, Command: "test"}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	checkFreshness(t, res.Freshness, "primary, serve 1/2", "primary, serve 2/2")
	if md := res.Markdown(); !strings.Contains(md, "2 `zumodra serve` processes") || !strings.Contains(md, "| primary, serve 2/2 |") {
		t.Errorf("markdown lacks the second serve process:\n%s", md)
	}
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "zumodra")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/zumodra/zumodra/cmd/zumodra").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// checkFreshness: every view of every setup saw every change committed,
// and each serve process's start and memory were read.
func checkFreshness(t *testing.T, f *FreshnessResult, reads ...string) {
	t.Helper()
	if f == nil || len(f.Runs) != len(reads) || len(f.Footprints) != len(reads) {
		t.Fatalf("freshness %+v", f)
	}
	for i, r := range f.Runs {
		if r.Reads != reads[i] || r.Committed == 0 || len(r.Views) != 5 {
			t.Errorf("run %+v", r)
		}
		for _, v := range r.Views {
			if v.Polls == 0 || v.Seen != r.Committed || v.Unseen != 0 || v.P99 < v.P50 || v.Max < v.P99 {
				t.Errorf("%s, %s: %+v of %d changes", r.Reads, v.View, v, r.Committed)
			}
		}
	}
	for _, fp := range f.Footprints {
		if fp.Ready <= 0 || fp.FirstPage < fp.Ready || fp.RSS < 1<<20 || fp.PeakRSS < fp.RSS {
			t.Errorf("footprint %+v", fp)
		}
	}
}

func checkGenerated(t *testing.T, g dataset.Generated) {
	t.Helper()
	if len(g.Tenants) != 4 || g.Jobs != 120 || g.Providers != 60 || g.Skills == 0 || g.Links == 0 {
		t.Errorf("generated %+v", g)
	}
	if g.PublicJobs == 0 || g.PublicJobs >= g.Jobs || g.PublicProviders == 0 || g.PublicProviders >= g.Providers {
		t.Errorf("public %d/%d jobs, %d/%d providers: want some of each kept private", g.PublicJobs, g.Jobs, g.PublicProviders, g.Providers)
	}
}

func checkBulk(t *testing.T, b *BulkResult, g dataset.Generated) {
	t.Helper()
	public := g.PublicJobs + g.PublicProviders
	if b == nil {
		t.Fatal("no bulk result")
	}
	// The limit, the bulk sync and the child command publish exactly the
	// rows the generator made eligible: the comparison is like for like.
	if b.Limit.Rows != public || b.First.Rows != public || b.Second.Rows != public || b.ChildRows != public {
		t.Errorf("rows: limit %d, first %d, second %d, child %d; want %d each", b.Limit.Rows, b.First.Rows, b.Second.Rows, b.ChildRows, public)
	}
	if b.PerRow.Rows != Scales["tiny"].PerRowSample || b.PerRowTotal <= 0 {
		t.Errorf("per-row sample %d rows, extrapolated %s", b.PerRow.Rows, b.PerRowTotal)
	}
	for _, p := range []Phase{b.Limit, b.PerRow, b.First, b.Second} {
		if p.Wall <= 0 || p.RowsPerSec() <= 0 {
			t.Errorf("%s: %+v", p.Name, p)
		}
	}
	if b.Child.MaxRSS < 1<<20 {
		t.Errorf("child max RSS %d bytes: not read", b.Child.MaxRSS)
	}
}

func checkPropagation(t *testing.T, p *PropagationResult) {
	t.Helper()
	if p == nil || len(p.Rates) != 1 || len(p.Ramp) == 0 {
		t.Fatalf("propagation %+v", p)
	}
	r := p.Rates[0]
	if r.Committed == 0 || r.Seen != r.Committed || r.Unseen != 0 || r.P50 <= 0 || r.P99 < r.P50 {
		t.Errorf("rate %+v", r)
	}
}

func checkCapture(t *testing.T, c *CaptureResult) {
	t.Helper()
	if c == nil || len(c.Writes) != 4 || len(c.Wakes) != len(wakeVariants) || c.Rows == 0 {
		t.Fatalf("capture %+v", c)
	}
	for _, w := range c.Writes {
		if w.TPS <= 0 || w.Transactions <= 0 {
			t.Errorf("writes %+v", w)
		}
	}
	for _, w := range c.Wakes {
		if w.Rate.Committed == 0 || w.Rate.Seen != w.Rate.Committed || w.Rate.P50 <= 0 || w.IdleGo < 0 {
			t.Errorf("wake-up %+v", w)
		}
	}
}

func checkRead(t *testing.T, r *ReadResult) {
	t.Helper()
	// Cached page and API; uncached API list and search, then the rotating
	// mix on the API and the page, all through serve, with the search index
	// and without; with its rate limit off, wrk's one client gets no 429
	// and every mixed request is valid.
	if r == nil || len(r.Runs) != 10 || !strings.Contains(r.Runs[2].Server, "--result-cache=false") ||
		!strings.Contains(r.Runs[6].Server, "--search-index=false") {
		t.Fatalf("read %+v", r)
	}
	for _, x := range append(r.Runs, r.PGBench) {
		if x.PerSec <= 0 || x.P50 <= 0 || x.P99 < x.P50 {
			t.Errorf("%s %s: %+v", x.Server, x.Target, x)
		}
		if x.Non2xx != 0 {
			t.Errorf("%s %s: %d non-2xx", x.Server, x.Target, x.Non2xx)
		}
	}
}

func TestSpliceSectionKeepsOtherSections(t *testing.T) {
	section := beginMarker + "\nnew\n" + endMarker
	cases := map[string]string{
		"":                                  "# Benchmarks\n\n" + section + "\n",
		"# Benchmarks\n\n## Read path\nx\n": "# Benchmarks\n\n" + section + "\n\n## Read path\nx\n",
		"# B\n\n" + beginMarker + "\nold\n" + endMarker + "\n\n## Other\n": "# B\n\n" + section + "\n\n## Other\n",
		"## Other only\n": "# Benchmarks\n\n" + section + "\n\n## Other only\n",
	}
	for doc, want := range cases {
		if got := spliceSection(doc, section); got != want {
			t.Errorf("spliceSection(%q) =\n%q\nwant\n%q", doc, got, want)
		}
	}
}

func TestParseWrk(t *testing.T) {
	out := `Running 1s test @ http://127.0.0.1:1/
  2 threads and 2 connections
  Latency Distribution
     50%    4.41ms
     75%    6.00ms
     90%    9.00ms
     99%   54.07ms
  451 requests in 1.00s, 2.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    451.00
`
	r, err := parseWrk(out)
	if err != nil || r.Requests != 451 || r.Non2xx != 3 || r.PerSec != 451 || r.P50.String() != "4.41ms" || r.P99.String() != "54.07ms" {
		t.Fatalf("parseWrk = %+v, %v", r, err)
	}
}
