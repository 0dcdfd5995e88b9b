package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

// withReplica runs fn with the URL of dbName on a streaming replica of the
// embedded cluster (already running: the bench's own database is on it),
// made by pg_basebackup into a directory of its own that is removed after
// fn. The replica follows the primary from before the bench writes its
// dataset, so the freshness stage's replica runs start once it has
// replayed the lot.
func (c *benchCmd) withReplica(ctx context.Context, dbName string, fn func(url string) error) (err error) {
	// Attaching to the running cluster applies no setting to it; the
	// standby takes its options, so hot_standby_feedback is the standby's:
	// its long snapshots (a search index build) neither get cancelled by
	// the replay nor hold it back.
	primary, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: c.app.Config.DataDir, Logger: c.app.Log,
		Settings: map[string]string{"hot_standby_feedback": "on"}})
	if err != nil {
		return fmt.Errorf("bench: attach to the embedded cluster: %w", err)
	}
	dir, err := os.MkdirTemp("", "zumodra-bench-replica-")
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	standby, err := primary.StartStandby(ctx, dir)
	if err != nil {
		return fmt.Errorf("bench: streaming replica of the embedded cluster: %w", err)
	}
	defer func() { err = errors.Join(err, standby.Stop(context.WithoutCancel(ctx))) }()
	c.app.Log.InfoContext(ctx, "bench: streaming replica started", "data_dir", standby.DataDir())
	return fn(standby.URL(dbName))
}
