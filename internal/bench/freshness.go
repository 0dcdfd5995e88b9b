package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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
// every list and the feed. With Options.Serves above 1, several serve
// processes read the same database and every one of them is polled. With
// Options.ReadDatabaseURL the measurement is repeated with serve's public
// read path on that replica.

// FreshnessResult holds one run per server setup, serve process and
// offered rate, and what each serve process cost.
type FreshnessResult struct {
	Targets    int
	Serves     int // serve processes per setup, on one database
	Runs       []FreshnessRun
	Footprints []Footprint
}

// FreshnessRun is one offered rate as one serve process showed it.
type FreshnessRun struct {
	Reads     string // "primary" or "replica", then ", serve 2/3" when several
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

// A change token is the change a response shows: the serve setup's epoch,
// a job's index and its version, in its title ("Fresh e1 t3 v17") or its
// slug (fresh-e1-t3-v17, the sitemap's URLs). The epoch keeps a view that
// still shows the previous setup's titles from counting them as this one's.

// freshToken is a change token as found in a response.
type freshToken struct{ epoch, job, version int }

// freshTokens finds the change tokens in body, read as
// (?i)fresh[ -]e(\d+)[ -]t(\d+)[ -]v(\d+) would read them. A scan, not that
// regular expression: over a sitemap file of a megabyte and more it took
// tens of milliseconds of each poll of the view.
func freshTokens(body []byte) []freshToken {
	low := make([]byte, len(body)) // ASCII letters lowered, every byte in place
	for i, c := range body {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	var out []freshToken
	for at := 0; ; {
		n := bytes.Index(low[at:], []byte("fresh"))
		if n < 0 {
			return out
		}
		at += n + len("fresh")
		var t freshToken
		rest, ok := low[at:], true
		for _, f := range []struct {
			letter byte
			n      *int
		}{{'e', &t.epoch}, {'t', &t.job}, {'v', &t.version}} {
			if rest, ok = tokenField(rest, f.letter, f.n); !ok {
				break
			}
		}
		if ok {
			out = append(out, t)
		}
	}
}

// tokenField reads [ -]<letter><digits> at the start of b (lowered) into
// n and returns what follows it.
func tokenField(b []byte, letter byte, n *int) ([]byte, bool) {
	if len(b) < 3 || (b[0] != ' ' && b[0] != '-') || b[1] != letter {
		return b, false
	}
	d := 2
	for d < len(b) && b[d] >= '0' && b[d] <= '9' {
		d++
	}
	v, err := strconv.Atoi(string(b[2:d]))
	if err != nil {
		return b, false
	}
	*n = v
	return b[d:], true
}

func (s *suite) runFreshness(ctx context.Context) (FreshnessResult, error) {
	res := FreshnessResult{Targets: freshTargets, Serves: s.opts.Serves}
	setups := []struct{ reads, url string }{{"primary", ""}}
	if s.opts.ReadDatabaseURL != "" {
		setups = append(setups, struct{ reads, url string }{"replica", s.opts.ReadDatabaseURL})
	}
	for epoch, st := range setups {
		args := []string{"--api-rate-limit=0"}
		if st.url != "" {
			if err := s.waitReplayed(ctx, st.url); err != nil {
				return res, err
			}
			args = append(args, "--read-database-url", st.url)
		}
		runs, fps, err := s.freshnessOn(ctx, epoch, st.reads, args)
		if err != nil {
			return res, err
		}
		res.Runs, res.Footprints = append(res.Runs, runs...), append(res.Footprints, fps...)
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
	bases    []string // each serve process's http://host:port
	targets  []target
	ids      []int64
	sitemaps []string
	client   *http.Client

	mu      sync.Mutex
	commits [][]time.Time // per job, the COMMIT of version k at k-1
}

// freshJobs puts the jobs first (featured, published a second ago, open,
// no deadline) through their tenants' own tables, waits until every serve
// process shows them and finds their public ids and sitemap files.
func (s *suite) freshJobs(ctx context.Context, epoch int, bases []string) (*freshJobs, error) {
	all, err := s.targets(ctx)
	if err != nil {
		return nil, err
	}
	j := &freshJobs{s: s, epoch: epoch, bases: bases, targets: all[:min(freshTargets, len(all))],
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
	for _, base := range bases {
		if j.ids, err = j.leadIDs(ctx, base); err != nil {
			return nil, err
		}
	}
	return j, j.findSitemaps(ctx)
}

func (j *freshJobs) title(i, k int) string { return fmt.Sprintf("Fresh e%d t%d v%d", j.epoch, i, k) }
func (j *freshJobs) slug(i, k int) string  { return fmt.Sprintf("fresh-e%d-t%d-v%d", j.epoch, i, k) }

// mine is whether t is of this setup's epoch and a job of it.
func (j *freshJobs) mine(t freshToken) bool {
	return t.epoch == j.epoch && t.job >= 0 && t.job < len(j.targets)
}

// leadIDs reads the jobs' public ids from the first page of the API at
// base, waiting (up to a minute) until all of them lead it.
func (j *freshJobs) leadIDs(ctx context.Context, base string) ([]int64, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		body, code, err := j.get(ctx, base, apiList+"?page_size=50")
		if err != nil {
			return nil, err
		}
		if code != http.StatusOK {
			return nil, fmt.Errorf("bench: the API list answered %d: %.200s", code, body)
		}
		var page struct {
			Data []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			} `json:"data"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, fmt.Errorf("bench: the API list: %w", err)
		}
		ids := make([]int64, len(j.targets))
		found := 0
		for _, d := range page.Data {
			for _, t := range freshTokens([]byte(d.Title)) {
				if j.mine(t) && ids[t.job] == 0 {
					ids[t.job], found = d.ID, found+1
				}
			}
		}
		if found == len(j.targets) {
			return ids, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return nil, fmt.Errorf("bench: %d of %d changed jobs lead the API list of %s after a minute", found, len(j.targets), base)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// findSitemaps finds the sitemap files that list the jobs, on the first
// serve process (every process renders the same files from one catalog).
func (j *freshJobs) findSitemaps(ctx context.Context) error {
	left := map[int64]bool{}
	for _, id := range j.ids {
		left[id] = true
	}
	for n := 1; len(left) > 0; n++ {
		path := fmt.Sprintf("/sitemaps/jobs-%d.xml", n)
		body, code, err := j.get(ctx, j.bases[0], path)
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

func (j *freshJobs) get(ctx context.Context, base, path string) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
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
