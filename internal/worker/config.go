package worker

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/zumodra/zumodra/internal/outbox"
	"github.com/zumodra/zumodra/internal/resync"
)

// Config tunes a Pool. Zero values take the defaults shown.
type Config struct {
	Workers   int // goroutines claiming batches; default 2
	BatchSize int // outbox rows claimed per batch; default 500
	// TenantsPerBatch bounds how many tenants one batch transaction takes
	// (each under its own lock) until BatchSize rows are claimed; default
	// 64. Changes spread over many tenants then share one commit and a few
	// round trips instead of paying a transaction each: with a thousand
	// tenants, a change a second each is a row per tenant per batch.
	TenantsPerBatch int
	PageSize        int           // source rows per page of a full pass; default resync.DefaultBatchSize
	MaxAttempts     int           // failed attempts before a dead letter; default 10
	RetryBase       time.Duration // delay after the first failure, doubling; default 1s
	RetryMax        time.Duration // cap of the retry delay; default 5m
	// PollInterval is the longest pause between two probes of the outbox
	// (outbox.Available), reached when the pool has been idle a while;
	// default 100ms.
	PollInterval time.Duration
	// BusyPollInterval is the probe's interval while changes keep coming
	// (within IdleAfter of the last batch that applied something); default
	// 5ms. Idle, the interval doubles after each empty probe up to
	// PollInterval. See docs/BENCHMARKS.md for what each costs.
	BusyPollInterval time.Duration
	// IdleAfter is how long after its last applied batch the pool keeps
	// probing every BusyPollInterval; default 1s.
	IdleAfter         time.Duration
	HeartbeatInterval time.Duration // worker_heartbeats refresh; default 10s
	// ShutdownGrace is how long the batch in hand may run after Run's
	// context ends before it is rolled back; default 10s, negative for none.
	ShutdownGrace time.Duration
	Logger        *slog.Logger
	// Now is the clock for outbox availability and backoff; nil uses the
	// database's clock (production). Tests set it to move time.
	Now func() time.Time
	// AfterCommit, when set, is called with every committed batch that
	// claimed rows, from the worker's goroutine: for measurements and
	// custom observers. It must be quick.
	AfterCommit func(Batch)
	// Name prefixes the heartbeat ids of this Pool's workers; default
	// hostname:pid.
	Name string
}

func (c *Config) defaults() error {
	if c.Workers < 0 || c.BatchSize < 0 || c.PageSize < 0 || c.MaxAttempts < 0 || c.TenantsPerBatch < 0 {
		return fmt.Errorf("worker: counts must not be negative")
	}
	c.Workers = orDefault(c.Workers, 2)
	c.BatchSize = orDefault(c.BatchSize, 500)
	c.TenantsPerBatch = orDefault(c.TenantsPerBatch, 64)
	c.PageSize = orDefault(c.PageSize, resync.DefaultBatchSize)
	c.MaxAttempts = orDefault(c.MaxAttempts, outbox.DefaultRetry.MaxAttempts)
	c.RetryBase = orDefault(c.RetryBase, outbox.DefaultRetry.BaseDelay)
	c.RetryMax = orDefault(c.RetryMax, outbox.DefaultRetry.MaxDelay)
	c.PollInterval = orDefault(c.PollInterval, 100*time.Millisecond)
	c.BusyPollInterval = min(orDefault(c.BusyPollInterval, 5*time.Millisecond), c.PollInterval)
	c.IdleAfter = orDefault(c.IdleAfter, time.Second)
	c.HeartbeatInterval = orDefault(c.HeartbeatInterval, 10*time.Second)
	c.ShutdownGrace = orDefault(c.ShutdownGrace, 10*time.Second)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

func (c Config) retry() outbox.Retry {
	return outbox.Retry{MaxAttempts: c.MaxAttempts, BaseDelay: c.RetryBase, MaxDelay: c.RetryMax}
}

func (c Config) clock() outbox.Clock {
	if c.Now == nil {
		return nil
	}
	return c.Now
}

func orDefault[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}
