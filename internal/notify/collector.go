package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// Collector reports the delivery queue at scrape time, from the database,
// so every process tells the same truth.
type Collector struct {
	Pool *pgxpool.Pool
	Log  *slog.Logger
}

var (
	descQueue = prometheus.NewDesc("zumodra_notify_deliveries",
		"Notification deliveries by channel and state (pending is the queue depth; dead ones exhausted their attempts).",
		[]string{"channel", "state"}, nil)
	descOldestDue = prometheus.NewDesc("zumodra_notify_oldest_due_age_seconds",
		"How long the oldest due pending delivery has waited; 0 when none.", nil, nil)
)

// Describe sends the descriptors of every metric Collect may send.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- descQueue
	ch <- descOldestDue
}

// Collect counts deliveries by channel and state. Every channel and state
// is reported, zero included, so an alert on the dead count has a series.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	counts := map[[2]string]float64{}
	var oldest float64
	err := pgx.BeginFunc(ctx, c.Pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT channel, state, count(*) FROM public.notify_deliveries GROUP BY 1, 2`)
		if err != nil {
			return err
		}
		var channel, state string
		var n float64
		if _, err := pgx.ForEachRow(rows, []any{&channel, &state, &n}, func() error {
			counts[[2]string{channel, state}] = n
			return nil
		}); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT coalesce(extract(epoch FROM now() - min(next_attempt_at)), 0)::float8
			FROM public.notify_deliveries WHERE state = 'pending' AND next_attempt_at <= now()`).Scan(&oldest)
	})
	if err != nil {
		if c.Log != nil {
			c.Log.Warn("metrics: reading the notification queue", "error", err)
		}
		return
	}
	for _, channel := range []string{ChannelWebhook, ChannelEmail} {
		for _, state := range []string{StatePending, StateDelivered, StateDead} {
			ch <- prometheus.MustNewConstMetric(descQueue, prometheus.GaugeValue, counts[[2]string{channel, state}], channel, state)
		}
	}
	ch <- prometheus.MustNewConstMetric(descOldestDue, prometheus.GaugeValue, oldest)
}
