package worker

import "context"

// SetBeforeCommit installs a hook that runs just before each batch commits:
// tests use it to kill a worker mid-transaction at the worst moment.
func SetBeforeCommit(p *Pool, f func(ctx context.Context)) { p.beforeCommit = f }
