package pgcluster

import (
	"context"
	"fmt"
	"time"
)

// pollEvery is how often we re-read postmaster.pid while waiting for the
// server, which reports state changes only through that file.
const pollEvery = 20 * time.Millisecond

// waitGone waits until the postmaster pid is no longer a live server.
func waitGone(ctx context.Context, dataDir string, pid int) error {
	return poll(ctx, fmt.Sprintf("postmaster %d to exit", pid), func() (bool, error) {
		pf, err := readPidFile(dataDir)
		if err != nil {
			return false, err
		}
		return pf == nil || pf.pid != pid || !pf.alive(), nil
	})
}

// waitStatusReady waits for a starting server to report "ready".
func waitStatusReady(ctx context.Context, dataDir string) error {
	return poll(ctx, "server to become ready", func() (bool, error) {
		pf, err := readPidFile(dataDir)
		if err != nil {
			return false, err
		}
		if pf == nil || !pf.alive() {
			return false, fmt.Errorf("server exited while we waited for it")
		}
		return pf.status == "ready" || pf.status == "standby", nil
	})
}

func poll(ctx context.Context, what string, done func() (bool, error)) error {
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		ok, err := done()
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-tick.C:
		}
	}
}
