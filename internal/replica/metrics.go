package replica

import "github.com/prometheus/client_golang/prometheus"

var (
	upDesc = prometheus.NewDesc("zumodra_read_replica_up",
		"1 when the read replica answered the monitor's last read, else 0.", nil, nil)
	lagSecondsDesc = prometheus.NewDesc("zumodra_read_replica_lag_seconds",
		"Replay lag of the read replica: 0 when it has replayed all the primary's WAL, else the age of its last replayed transaction.", nil, nil)
	lagVersionsDesc = prometheus.NewDesc("zumodra_read_replica_lag_versions",
		"Catalog versions committed on the primary that the read replica has not replayed yet.", nil, nil)
)

// Describe implements prometheus.Collector.
func (m *Monitor) Describe(ch chan<- *prometheus.Desc) {
	ch <- upDesc
	ch <- lagSecondsDesc
	ch <- lagVersionsDesc
}

// Collect implements prometheus.Collector with the last state read; the
// lags are left out while the replica does not answer.
func (m *Monitor) Collect(ch chan<- prometheus.Metric) {
	st := m.State()
	up := 0.0
	if st.Err == nil && st.Reachable {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, up)
	if up == 1 {
		ch <- prometheus.MustNewConstMetric(lagSecondsDesc, prometheus.GaugeValue, st.LagSeconds)
		ch <- prometheus.MustNewConstMetric(lagVersionsDesc, prometheus.GaugeValue, float64(st.LagVersions))
	}
}
