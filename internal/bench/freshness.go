package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/changefeed"
)

// The freshness stage measures what a visitor sees: writers commit title
// changes of a few public jobs on the primary at a paced rate, while one
// poller per public view fetches it over HTTP back to back from the real
// `zumodra serve` (its sync workers and every cache as shipped), and each
// change's delay runs from its writer's COMMIT returning to the arrival of
// the first response of that view showing it or a later change of the
// same job. The jobs are made featured and newest first, so they lead
// every list and the feed. With Options.ReadDatabaseURL the measurement is
// repeated with serve's public read path on that replica.

// FreshnessResult holds one run per server setup and offered rate, and
// what each serve process cost.
type FreshnessResult struct {
	Targets    int
	Runs       []FreshnessRun
	Footprints []Footprint
}

// FreshnessRun is one offered rate against one serve setup.
type FreshnessRun struct {
	Reads     string // "primary" or "replica"
	Offered   int
	Committed int
	Achieved  float64
	Views     []ViewFreshness
}

// ViewFreshness is the commit-to-visible delay of one view.
type ViewFreshness struct {
	View         string
	Polls        int // responses read during the run
	Seen, Unseen int // changes seen, and not within the grace period
	P50, P99     time.Duration
	Max          time.Duration
}

// Footprint is one serve process's start and memory.
type Footprint struct {
	Reads            string
	Ready, FirstPage time.Duration
	RSS, PeakRSS     int64 // after the runs, bytes
}

const freshTargets = 8

// freshToken is the change a response shows: the serve setup's epoch, a
// job's index and its version, in its title ("Fresh e1 t3 v17") or its slug
// (fresh-e1-t3-v17, the sitemap's URLs). The epoch keeps a view that still
// shows the previous setup's titles from counting them as this one's.
var freshToken = regexp.MustCompile(`(?i)fresh[ -]e(\d+)[ -]t(\d+)[ -]v(\d+)`)

func (s *suite) runFreshness(ctx context.Context) (FreshnessResult, error) {
	res := FreshnessResult{Targets: freshTargets}
	setups := []struct{ reads, url string }{{"primary", ""}}
	if s.opts.ReadDatabaseURL != "" {
		setups = append(setups, struct{ reads, url string }{"replica", s.opts.ReadDatabaseURL})
	}
	for epoch, st := range setups {
		args := []string{"--workers", "2", "--api-rate-limit=0"}
		if st.url != "" {
			if err := s.waitReplayed(ctx, st.url); err != nil {
				return res, err
			}
			args = append(args, "--read-database-url", st.url)
		}
		runs, fp, err := s.freshnessOn(ctx, epoch, st.reads, args)
		if err != nil {
			return res, err
		}
		res.Runs, res.Footprints = append(res.Runs, runs...), append(res.Footprints, fp)
	}
	return res, nil
}

// replayWait bounds the wait for the replica to replay what the stages
// before wrote (the scratch database itself included).
const replayWait = 10 * time.Minute

// waitReplayed waits until the replica at url has replayed the primary's
// catalog version of now, so that the replica's runs start from the same
// state as the primary's and measure the replay lag of their own writes.
func (s *suite) waitReplayed(ctx context.Context, url string) error {
	want, err := changefeed.Current(ctx, s.pool)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	start := time.Now()
	for {
		got, err := replicaVersion(ctx, url)
		if err == nil && got >= want {
			s.logf("  the replica replayed catalog version %d after %s", want, dur(time.Since(start)))
			return nil
		}
		if time.Since(start) > replayWait || ctx.Err() != nil {
			return fmt.Errorf("bench: the replica did not replay catalog version %d within %s (at %d, %v)", want, replayWait, got, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// replicaVersion reads the replica's catalog version on a connection of
// its own (the scratch database may not be replayed there yet).
func replicaVersion(ctx context.Context, url string) (int64, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return 0, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return changefeed.Current(ctx, conn)
}

// freshnessOn starts one serve process and measures each rate against it.
func (s *suite) freshnessOn(ctx context.Context, epoch int, reads string, args []string) ([]FreshnessRun, Footprint, error) {
	fp := Footprint{Reads: reads}
	child, err := s.startServe(ctx, args...)
	if err != nil {
		return nil, fp, err
	}
	defer child.stop()
	fp.Ready, fp.FirstPage = child.Ready, child.FirstPage
	jobs, err := s.freshJobs(ctx, epoch, child.base)
	if err != nil {
		return nil, fp, err
	}
	var runs []FreshnessRun
	for _, rate := range freshnessRates(s.scale.Rates) {
		r, err := jobs.measure(ctx, rate, s.scale.RateFor)
		if err != nil {
			return runs, fp, err
		}
		r.Reads = reads
		s.logf("  freshness (%s) %d changes/s: %.0f committed/s; %s", reads, rate, r.Achieved, viewSummary(r.Views))
		runs = append(runs, r)
	}
	fp.RSS, fp.PeakRSS = child.memory()
	return runs, fp, nil
}

// freshnessRates are the scale's rates up to 500 changes/s.
func freshnessRates(rates []int) []int {
	var out []int
	for _, r := range rates {
		if r <= 500 {
			out = append(out, r)
		}
	}
	return out
}

func viewSummary(views []ViewFreshness) string {
	var parts []string
	for _, v := range views {
		parts = append(parts, fmt.Sprintf("%s p99 %s", v.View, dur(v.P99)))
	}
	return strings.Join(parts, ", ")
}

// freshJobs are the jobs the writers change, with the views that show them.
type freshJobs struct {
	s        *suite
	epoch    int
	base     string
	targets  []target
	ids      []int64
	sitemaps []string
	client   *http.Client

	mu      sync.Mutex
	commits [][]time.Time // per job, the COMMIT of version k at k-1
}

// freshJobs puts the jobs first (featured, published a second ago, open,
// no deadline) through their tenants' own tables, waits until serve shows
// them and finds their public ids and sitemap files.
func (s *suite) freshJobs(ctx context.Context, epoch int, base string) (*freshJobs, error) {
	all, err := s.targets(ctx)
	if err != nil {
		return nil, err
	}
	j := &freshJobs{s: s, epoch: epoch, base: base, targets: all[:min(freshTargets, len(all))],
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}}
	j.commits = make([][]time.Time, len(j.targets))
	for i, t := range j.targets {
		_, err := s.pool.Exec(ctx, `UPDATE `+t.table+` SET title = $1, slug = $2, is_featured = true,
			published_at = now() - interval '1 second', application_deadline = NULL, status = 'open',
			published_on_career_page = true, is_internal_only = false WHERE id = $3`,
			j.title(i, 0), j.slug(i, 0), t.sourceID)
		if err != nil {
			return nil, fmt.Errorf("bench: prepare job %d: %w", t.sourceID, err)
		}
	}
	if err := j.findIDs(ctx); err != nil {
		return nil, err
	}
	return j, j.findSitemaps(ctx)
}

func (j *freshJobs) title(i, k int) string { return fmt.Sprintf("Fresh e%d t%d v%d", j.epoch, i, k) }
func (j *freshJobs) slug(i, k int) string  { return fmt.Sprintf("fresh-e%d-t%d-v%d", j.epoch, i, k) }

// token reads a match of freshToken: the job and version, ok only for
// this setup's epoch and a job of it.
func (j *freshJobs) token(m [][]byte) (i, k int, ok bool) {
	e, _ := strconv.Atoi(string(m[1]))
	i, _ = strconv.Atoi(string(m[2]))
	k, _ = strconv.Atoi(string(m[3]))
	return i, k, e == j.epoch && i < len(j.targets)
}

// findIDs reads the jobs' public ids from the API's first page, waiting
// (up to a minute) until all of them lead it.
func (j *freshJobs) findIDs(ctx context.Context) error {
	deadline := time.Now().Add(time.Minute)
	for {
		body, code, err := j.get(ctx, apiList+"?page_size=50")
		if err != nil {
			return err
		}
		if code != http.StatusOK {
			return fmt.Errorf("bench: the API list answered %d: %.200s", code, body)
		}
		var page struct {
			Data []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return fmt.Errorf("bench: the API list: %w", err)
		}
		j.ids = make([]int64, len(j.targets))
		found := 0
		for _, d := range page.Data {
			if m := freshToken.FindSubmatch([]byte(d.Title)); m != nil {
				if i, _, ok := j.token(m); ok && j.ids[i] == 0 {
					j.ids[i], found = d.ID, found+1
				}
			}
		}
		if found == len(j.targets) {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("bench: %d of %d changed jobs lead the API list after a minute", found, len(j.targets))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// findSitemaps finds the sitemap files that list the jobs.
func (j *freshJobs) findSitemaps(ctx context.Context) error {
	left := map[int64]bool{}
	for _, id := range j.ids {
		left[id] = true
	}
	for n := 1; len(left) > 0; n++ {
		path := fmt.Sprintf("/sitemaps/jobs-%d.xml", n)
		body, code, err := j.get(ctx, path)
		if err != nil || code != http.StatusOK {
			return fmt.Errorf("bench: %d jobs in no sitemap file up to %s (%d, %v)", len(left), path, code, err)
		}
		hit := false
		for id := range left {
			if strings.Contains(string(body), fmt.Sprintf("/careers/jobs/%d-", id)) {
				delete(left, id)
				hit = true
			}
		}
		if hit {
			j.sitemaps = append(j.sitemaps, path)
		}
	}
	return nil
}

func (j *freshJobs) get(ctx context.Context, path string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, j.base+path, nil)
	if err != nil {
		return nil, 0, err
	}
	res, err := j.client.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("bench: GET %s: %w", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return body, res.StatusCode, err
}

// views are the public views polled, each by one poller going through its
// paths in turn. The count, facet counts and hero stats of a list come
// from the same snapshot as its cards, so the cards' delay is theirs.
func (j *freshJobs) views() map[string][]string {
	detail := make([]string, len(j.ids))
	for i, id := range j.ids {
		detail[i] = fmt.Sprintf("/api/v1/careers/jobs/%d", id)
	}
	return map[string][]string{
		"list page (cards, count)": {careersList},
		"API list":                 {apiList},
		"API detail":               detail,
		"feed":                     {"/careers/feed.xml"},
		"sitemap":                  j.sitemaps,
	}
}
