package metrics

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// PoolCollector reports each database pool's connections and, above all,
// its starvation: how often and how long callers waited for a connection
// and how many gave up. It reads pgxpool's own counters at scrape time.
type PoolCollector struct{ pools map[string]*pgxpool.Pool }

// NewPoolCollector reports pools by name (the role).
func NewPoolCollector(pools map[string]*pgxpool.Pool) *PoolCollector {
	return &PoolCollector{pools: pools}
}

var (
	poolConns = prometheus.NewDesc("zumodra_db_pool_connections",
		"Connections of a database pool by state (acquired, idle, constructing).", []string{"pool", "state"}, nil)
	poolMax = prometheus.NewDesc("zumodra_db_pool_max_connections",
		"Size of a database pool.", []string{"pool"}, nil)
	poolWaits = prometheus.NewDesc("zumodra_db_pool_waits_total",
		"Acquires of a database pool that found no idle connection and waited (starvation when it grows fast).", []string{"pool"}, nil)
	poolWaitSeconds = prometheus.NewDesc("zumodra_db_pool_wait_seconds_total",
		"Time callers spent waiting for a connection of a database pool.", []string{"pool"}, nil)
	poolGaveUp = prometheus.NewDesc("zumodra_db_pool_canceled_acquires_total",
		"Acquires of a database pool given up before a connection came (a timeout or a client that left).", []string{"pool"}, nil)
)

// Describe implements prometheus.Collector.
func (c *PoolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolMax, poolWaits, poolWaitSeconds, poolGaveUp} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *PoolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, p := range c.pools {
		s := p.Stat()
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.AcquiredConns()), name, "acquired")
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.IdleConns()), name, "idle")
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.ConstructingConns()), name, "constructing")
		ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()), name)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.EmptyAcquireCount()), name)
		ch <- prometheus.MustNewConstMetric(poolWaitSeconds, prometheus.CounterValue, s.EmptyAcquireWaitTime().Seconds(), name)
		ch <- prometheus.MustNewConstMetric(poolGaveUp, prometheus.CounterValue, float64(s.CanceledAcquireCount()), name)
	}
}
