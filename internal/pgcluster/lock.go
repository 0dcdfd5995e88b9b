package pgcluster

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"
)

// dirLock is an exclusive flock on the cluster's lock file. It serialises the
// decide-then-act steps (initdb, start, stop) between zumodra processes
// sharing a data dir; the kernel drops it if the holder dies.
type dirLock struct{ f *os.File }

func lockDir(ctx context.Context, path string) (*dirLock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	// flock has no timeout; poll the non-blocking form so ctx can cancel us.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &dirLock{f: f}, nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("waiting for lock %s: %w", path, ctx.Err())
		case <-tick.C:
		}
	}
}

func (l *dirLock) unlock() { l.f.Close() } // closing the fd releases the flock
