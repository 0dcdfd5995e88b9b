package bench

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// viewPoller is one view's record, on one serve process, of what it has
// shown during a run.
type viewPoller struct {
	serve  int // index into freshJobs.bases
	name   string
	paths  []string
	shown  []int // per job, the newest version a response showed
	delays []time.Duration
	polls  int
}

// measure offers rate changes per second over the jobs for d, polling every
// view of every serve process meanwhile and until each shows every job's
// last version (or 30 s passed): one run per serve process.
func (j *freshJobs) measure(ctx context.Context, rate int, d time.Duration) ([]FreshnessRun, error) {
	pollers := j.pollers()
	pollCtx, stopPolling := context.WithCancel(ctx)
	defer stopPolling()
	var wg sync.WaitGroup
	var written atomic.Bool
	for _, p := range pollers {
		wg.Go(func() { j.poll(pollCtx, p, &written) })
	}
	n, took, err := j.write(ctx, rate, d)
	written.Store(true)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	runs := make([]FreshnessRun, len(j.bases))
	for i := range runs {
		runs[i] = FreshnessRun{Offered: rate, Committed: n, Achieved: perSec(n, took)}
	}
	final := j.versions()
	for _, p := range pollers {
		runs[p.serve].Views = append(runs[p.serve].Views, p.result(final))
	}
	return runs, nil
}

// pollers are one per view and serve process, by process, then view name.
func (j *freshJobs) pollers() []*viewPoller {
	var out []*viewPoller
	for serve := range j.bases {
		for name, paths := range j.views() {
			out = append(out, &viewPoller{serve: serve, name: name, paths: paths, shown: j.versions()})
		}
	}
	slices.SortFunc(out, func(a, b *viewPoller) int {
		return cmp.Or(cmp.Compare(a.serve, b.serve), strings.Compare(a.name, b.name))
	})
	return out
}

// result is p's delays against the jobs' final versions.
func (p *viewPoller) result(final []int) ViewFreshness {
	v := ViewFreshness{View: p.name, Polls: p.polls, Seen: len(p.delays)}
	for i, k := range final {
		v.Unseen += k - p.shown[i]
	}
	slices.Sort(p.delays)
	v.P50, v.P99 = quantile(p.delays, 0.50), quantile(p.delays, 0.99)
	if len(p.delays) > 0 {
		v.Max = p.delays[len(p.delays)-1]
	}
	return v
}

// versions is each job's last committed version.
func (j *freshJobs) versions() []int {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]int, len(j.commits))
	for i, c := range j.commits {
		out[i] = len(c)
	}
	return out
}

// write runs one writer per job, each committing its job's changes in
// order (so a later version on a page means every earlier one is
// committed), the jobs' schedules interleaved to make rate in all.
func (j *freshJobs) write(ctx context.Context, rate int, d time.Duration) (int, time.Duration, error) {
	var committed atomic.Int64
	errs := make(chan error, len(j.targets))
	start := time.Now()
	var wg sync.WaitGroup
	for i := range j.targets {
		wg.Go(func() {
			for k := 0; ; k++ {
				due := start.Add(time.Duration(int64(k*len(j.targets)+i) * int64(time.Second) / int64(rate)))
				if due.Sub(start) >= d || ctx.Err() != nil {
					return
				}
				if wait := time.Until(due); wait > 0 {
					time.Sleep(wait)
				}
				if err := j.change(ctx, i); err != nil {
					errs <- err
					return
				}
				committed.Add(1)
			}
		})
	}
	wg.Wait()
	close(errs)
	return int(committed.Load()), time.Since(start), <-errs
}

// change commits job i's next version and records when its COMMIT returned.
func (j *freshJobs) change(ctx context.Context, i int) error {
	k := j.versions()[i] + 1
	t := j.targets[i]
	if _, err := j.s.pool.Exec(ctx, `UPDATE `+t.table+` SET title = $1, slug = $2 WHERE id = $3`,
		j.title(i, k), j.slug(i, k), t.sourceID); err != nil {
		return fmt.Errorf("bench: change job %d: %w", t.sourceID, err)
	}
	at := time.Now()
	j.mu.Lock()
	j.commits[i] = append(j.commits[i], at)
	j.mu.Unlock()
	return nil
}

// freshGrace bounds the wait, after the writers stop, for every view to
// show the last versions.
const freshGrace = 30 * time.Second

// poll fetches p's paths back to back until the writers are done and p
// shows every job's last version, or the grace period ends. A view of
// several paths (the jobs' details, the sitemap files) fetches them all at
// once each round, as so many visitors would: fetched in turn, a change
// waited for the fetches of the paths before its own.
func (j *freshJobs) poll(ctx context.Context, p *viewPoller, written *atomic.Bool) {
	var graceEnd time.Time
	for ctx.Err() == nil {
		if written.Load() {
			if graceEnd.IsZero() {
				graceEnd = time.Now().Add(freshGrace)
			}
			if slices.Equal(p.shown, j.versions()) || time.Now().After(graceEnd) {
				return
			}
		}
		var wg sync.WaitGroup
		for _, path := range p.paths {
			wg.Go(func() {
				body, code, err := j.get(ctx, j.bases[p.serve], path)
				if err == nil && code == http.StatusOK {
					j.record(p, body, time.Now())
				}
			})
		}
		wg.Wait()
	}
}

// record credits every version up to the one body shows of each job with
// its delay; a version shown before its writer's COMMIT returned counts 0.
func (j *freshJobs) record(p *viewPoller, body []byte, arrived time.Time) {
	found := freshTokens(body)
	j.mu.Lock()
	defer j.mu.Unlock()
	p.polls++
	for _, t := range found {
		i, k := t.job, t.version
		if !j.mine(t) || k <= p.shown[i] {
			continue
		}
		for v := p.shown[i] + 1; v <= k; v++ {
			var d time.Duration
			if v <= len(j.commits[i]) {
				d = max(arrived.Sub(j.commits[i][v-1]), 0)
			}
			p.delays = append(p.delays, d)
		}
		p.shown[i] = k
	}
}
