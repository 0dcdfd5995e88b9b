// Package metrics defines every Prometheus metric of Zumodra in one place, on
// one registry, so that /metrics shows them all and names stay consistent.
// In-process events (rows applied, request durations) are counters and
// histograms here; database-wide state (outbox depth, dead letters, worker
// heartbeats) is read at scrape time by collectors registered with
// MustRegister, so every process reports the same truth.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds all of Zumodra's metrics.
var Registry = prometheus.NewRegistry()

var (
	// SyncAppliedRows counts catalog rows handled by the apply code, by
	// catalog (jobs, providers) and outcome (written, unchanged, removed,
	// failed).
	SyncAppliedRows = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_sync_applied_rows_total",
		Help: "Catalog rows handled by the sync apply code, by catalog and outcome.",
	}, []string{"catalog", "outcome"})

	// SyncApplySeconds is the duration of one apply transaction (claim,
	// read, project, write, delete) by mode (incremental, bulk).
	SyncApplySeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "zumodra_sync_apply_seconds",
		Help:    "Duration of one sync apply transaction.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"mode"})

	// SyncPropagationSeconds is the delay from a change being captured to
	// its catalog transaction committing.
	SyncPropagationSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "zumodra_sync_propagation_seconds",
		Help:    "Delay from a change being captured in the outbox to the catalog commit.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
	})

	// SyncFailures counts outbox rows whose apply failed, by whether they
	// were retried or became dead letters.
	SyncFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_sync_failures_total",
		Help: "Outbox rows whose apply failed, by result (retry, dead).",
	}, []string{"result"})

	// VerifyDiscrepancies is the number of discrepancies the last
	// verification found, by catalog and kind (missing, stale, drifted).
	VerifyDiscrepancies = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "zumodra_verify_discrepancies",
		Help: "Discrepancies found by the last catalog verification, by catalog and kind.",
	}, []string{"catalog", "kind"})

	// HTTPRequestSeconds is the duration of HTTP requests by route pattern,
	// method and status.
	HTTPRequestSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "zumodra_http_request_duration_seconds",
		Help:    "Duration of HTTP requests by route pattern, method and status.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "method", "status"})
)

func init() {
	Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		SyncAppliedRows, SyncApplySeconds, SyncPropagationSeconds, SyncFailures,
		VerifyDiscrepancies, HTTPRequestSeconds,
	)
}

// MustRegister adds collectors (such as the database-state collector of the
// ops package) to the registry.
func MustRegister(cs ...prometheus.Collector) { Registry.MustRegister(cs...) }

// Handler serves the registry in the Prometheus exposition format.
func Handler() http.Handler {
	return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{Registry: Registry})
}
