package bench

import (
	"context"
	"fmt"
)

// With Options.Serves above 1, the first serve process runs the sync
// workers (--workers 2, as the single serve does) and the others none
// (--workers 0): the apply side is the same whatever the number of
// processes, so the rows compare with the single serve's, and every other
// process learns each change from the catalog change feed alone, as a
// process added only to serve more readers does. (A deployment may as well
// run workers in several processes sharing the outbox; that measures the
// apply side, which the propagation stage does.)

// freshnessOn starts one setup's serve processes and measures each rate
// against all of them at once.
func (s *suite) freshnessOn(ctx context.Context, epoch int, reads string, args []string) ([]FreshnessRun, []Footprint, error) {
	serves, err := s.startServes(ctx, args)
	if err != nil {
		return nil, nil, err
	}
	defer stopServes(serves)
	labels := serveLabels(reads, len(serves))
	jobs, err := s.freshJobs(ctx, epoch, serveBases(serves))
	if err != nil {
		return nil, nil, err
	}
	var runs []FreshnessRun
	for _, rate := range freshnessRates(s.scale.Rates) {
		perServe, err := jobs.measure(ctx, rate, s.scale.RateFor)
		if err != nil {
			return nil, nil, err
		}
		for i := range perServe {
			r := &perServe[i]
			r.Reads = labels[i]
			s.logf("  freshness (%s) %d changes/s: %.0f committed/s; %s", r.Reads, rate, r.Achieved, viewSummary(r.Views))
		}
		runs = append(runs, perServe...)
	}
	return runs, footprints(serves, labels), nil
}

// startServes starts the serve processes one after the other, so that each
// one's start is timed on its own; args are every process's.
func (s *suite) startServes(ctx context.Context, args []string) ([]*serveChild, error) {
	var serves []*serveChild
	for i := range s.opts.Serves {
		workers := "0"
		if i == 0 {
			workers = "2"
		}
		c, err := s.startServe(ctx, append([]string{"--workers", workers}, args...)...)
		if err != nil {
			stopServes(serves)
			return nil, err
		}
		serves = append(serves, c)
	}
	return serves, nil
}

func stopServes(serves []*serveChild) {
	for _, c := range serves {
		c.stop()
	}
}

func serveBases(serves []*serveChild) []string {
	bases := make([]string, len(serves))
	for i, c := range serves {
		bases[i] = c.base
	}
	return bases
}

// serveLabels name each process of a setup in the tables: the setup alone
// when it has one process ("primary"), else "primary, serve 1/2" and so on.
func serveLabels(reads string, n int) []string {
	if n == 1 {
		return []string{reads}
	}
	labels := make([]string, n)
	for i := range labels {
		labels[i] = fmt.Sprintf("%s, serve %d/%d", reads, i+1, n)
	}
	return labels
}

// footprints reads each process's start and, now, after the runs, its memory.
func footprints(serves []*serveChild, labels []string) []Footprint {
	fps := make([]Footprint, len(serves))
	for i, c := range serves {
		fps[i] = Footprint{Reads: labels[i], Ready: c.Ready, FirstPage: c.FirstPage}
		fps[i].RSS, fps[i].PeakRSS = c.memory()
	}
	return fps
}
