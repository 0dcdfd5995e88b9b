// Package metrics defines every Prometheus metric of Zumodra in one place,
// so that names stay consistent. In-process events (rows applied, request
// durations) are counters and histograms here, counted for the whole
// process. There is no global registry: whoever serves /metrics builds one
// with NewRegistry and adds what it owns, above all the database-state
// collector (outbox depth, dead letters, worker heartbeats, internal/ops)
// on its own pool, read at scrape time so every process reports the same
// truth and two servers in one process each report their own database.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

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

	// NotifyDeliveries counts notification delivery attempts by channel
	// (webhook, email) and result (delivered, retry, dead).
	NotifyDeliveries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_notify_attempts_total",
		Help: "Notification delivery attempts by channel and result (delivered, retry, dead).",
	}, []string{"channel", "result"})

	// ApplicantRowsPurged counts rows of applicants' data the retention
	// purge deleted, by table (applications, their history, ...).
	ApplicantRowsPurged = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_applicant_rows_purged_total",
		Help: "Rows of applicants' data deleted by the retention purge, by table.",
	}, []string{"table"})

	// HTTPRequestSeconds is the duration of HTTP requests by route pattern,
	// method and status.
	HTTPRequestSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "zumodra_http_request_duration_seconds",
		Help:    "Duration of HTTP requests by route pattern, method and status.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route", "method", "status"})

	// CountsFlushed counts the detail page views and submissions
	// (applications, inquiries) written to the database by the counters'
	// flushes, by catalog and event (view, submission).
	CountsFlushed = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_counts_flushed_total",
		Help: "Views and submissions of public rows written to the database, by catalog and event.",
	}, []string{"catalog", "event"})

	// CountsDropped counts views and submissions not counted because the
	// process already held its maximum of rows pending a flush, by event.
	CountsDropped = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "zumodra_counts_dropped_total",
		Help: "Views and submissions of public rows not counted because too many rows were pending a flush, by event.",
	}, []string{"event"})
)

// NewCountsPending is the gauge of the rows whose counts a process holds
// until its next flush, read from pending at scrape time.
func NewCountsPending(pending func() int) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "zumodra_counts_pending_rows",
		Help: "Public rows whose views or submissions this process holds until its next flush.",
	}, func() float64 { return float64(pending()) })
}

// NewRegistry returns a registry holding the Go runtime and process
// metrics and the in-process event metrics above; the caller adds its
// database collector.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		SyncAppliedRows, SyncApplySeconds, SyncPropagationSeconds, SyncFailures,
		VerifyDiscrepancies, HTTPRequestSeconds, ApplicantRowsPurged, CountsFlushed, CountsDropped, NotifyDeliveries,
	)
	return reg
}

// Handler serves reg in the Prometheus exposition format.
func Handler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}

// IndexState is what the search index metrics read: the index's readiness,
// the catalog version it shows and the rows it holds per catalog.
type IndexState struct {
	Ready           bool
	Version         int64
	Jobs, Providers int
}

// NewSearchIndex reports one process's in-memory search index, read by state
// at every scrape; the version lag beside zumodra_catalog_version tells how
// far behind the catalog it is.
func NewSearchIndex(state func() IndexState) prometheus.Collector {
	return &searchIndexCollector{state: state}
}

type searchIndexCollector struct{ state func() IndexState }

var (
	searchIndexReady = prometheus.NewDesc("zumodra_search_index_ready",
		"1 when this process answers searches from its in-memory index, 0 while it is built or after a failed catch-up.", nil, nil)
	searchIndexVersion = prometheus.NewDesc("zumodra_search_index_version",
		"The catalog version this process's search index shows.", nil, nil)
	searchIndexRows = prometheus.NewDesc("zumodra_search_index_rows",
		"Catalog rows this process's search index holds, listed now or not.", []string{"catalog"}, nil)
)

func (c *searchIndexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- searchIndexReady
	ch <- searchIndexVersion
	ch <- searchIndexRows
}

func (c *searchIndexCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.state()
	ready := 0.0
	if st.Ready {
		ready = 1
	}
	ch <- prometheus.MustNewConstMetric(searchIndexReady, prometheus.GaugeValue, ready)
	ch <- prometheus.MustNewConstMetric(searchIndexVersion, prometheus.GaugeValue, float64(st.Version))
	ch <- prometheus.MustNewConstMetric(searchIndexRows, prometheus.GaugeValue, float64(st.Jobs), "jobs")
	ch <- prometheus.MustNewConstMetric(searchIndexRows, prometheus.GaugeValue, float64(st.Providers), "providers")
}
