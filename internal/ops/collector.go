package ops

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/zumodra/zumodra/internal/outbox"
)

// Collector reports database-wide state at scrape time: every process
// that serves /metrics reads the same outbox and heartbeats, so any of them
// tells the truth, unlike in-process counters.
type Collector struct {
	pool            *pgxpool.Pool
	log             *slog.Logger
	HeartbeatMaxAge time.Duration // 0: outbox.MissedBeats of each worker's interval
	Timeout         time.Duration // per scrape; 0: 3s
}

var (
	descUp = prometheus.NewDesc("zumodra_database_up",
		"1 when the database answered the last scrape's queries.", nil, nil)
	descPending = prometheus.NewDesc("zumodra_outbox_pending_rows",
		"Outbox rows waiting to be applied, retries included.", nil, nil)
	descRetrying = prometheus.NewDesc("zumodra_outbox_retrying_rows",
		"Pending outbox rows that failed at least once.", nil, nil)
	descDead = prometheus.NewDesc("zumodra_outbox_dead_letters",
		"Outbox rows that exhausted their attempts (dead letters).", nil, nil)
	descOldest = prometheus.NewDesc("zumodra_outbox_oldest_pending_age_seconds",
		"How long the oldest pending outbox row has waited; 0 when none.", nil, nil)
	descAlive = prometheus.NewDesc("zumodra_workers_alive",
		"Sync workers whose heartbeat is fresh.", nil, nil)
	descBeat = prometheus.NewDesc("zumodra_worker_heartbeat_age_seconds",
		"Seconds since each registered worker's last heartbeat.", []string{"worker_id"}, nil)
)

// NewCollector returns a collector reading through pool.
func NewCollector(pool *pgxpool.Pool, log *slog.Logger) *Collector {
	return &Collector{pool: pool, log: log}
}

// Describe sends the descriptors of every metric Collect may send.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descUp, descPending, descRetrying, descDead, descOldest, descAlive, descBeat} {
		ch <- d
	}
}

// Collect reads the outbox and the heartbeats. A failed read reports
// zumodra_database_up 0 and nothing else, rather than stale numbers.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	pool, log := c.pool, c.log
	ctx, cancel := context.WithTimeout(context.Background(), durOr(c.Timeout, 3*time.Second))
	defer cancel()
	q, err := ReadQueue(ctx, pool)
	var ws []outbox.Worker
	if err == nil {
		ws, err = outbox.ReadWorkers(ctx, pool)
	}
	if err != nil {
		if log != nil {
			log.Warn("metrics: reading database state", "error", err)
		}
		ch <- gauge(descUp, 0)
		return
	}
	ch <- gauge(descUp, 1)
	ch <- gauge(descPending, float64(q.Pending))
	ch <- gauge(descRetrying, float64(q.Retrying))
	ch <- gauge(descDead, float64(q.Dead))
	ch <- gauge(descOldest, q.OldestAge.Seconds())
	alive := 0
	for _, w := range ws {
		if w.Alive(c.HeartbeatMaxAge) {
			alive++
		}
		ch <- gauge(descBeat, w.Age.Seconds(), w.ID)
	}
	ch <- gauge(descAlive, float64(alive))
}

func gauge(d *prometheus.Desc, v float64, labels ...string) prometheus.Metric {
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
}
