package searchindex

import (
	"sync"
	"time"
)

// Lock excludes the writers of a group of indexes from their readers, so
// that one read sees every index of the group at one version.
type Lock struct{ mu sync.RWMutex }

// timed is an index whose listed set depends on the time.
type timed interface {
	covers(t int64) bool
	advance(t int64)
}

func (ix *Index[P]) covers(t int64) bool { return ix.clock.covers(t) }

// Read runs fn with the indexes ixs readable at time now: their listed sets
// are brought to now first (a deadline passed, a scheduled row published).
// Writers wait until fn returns, so fn should read and return, not wait on
// anything else.
func (l *Lock) Read(now time.Time, fn func() error, ixs ...timed) error {
	t := now.UnixMicro()
	for {
		l.mu.RLock()
		stale := false
		for _, ix := range ixs {
			stale = stale || !ix.covers(t)
		}
		if !stale {
			break
		}
		l.mu.RUnlock()
		l.mu.Lock()
		for _, ix := range ixs {
			if !ix.covers(t) {
				ix.advance(t)
			}
		}
		l.mu.Unlock()
	}
	defer l.mu.RUnlock()
	return fn()
}

// Write runs fn, which applies changes to indexes of the group, with every
// reader excluded.
func (l *Lock) Write(fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fn()
}
