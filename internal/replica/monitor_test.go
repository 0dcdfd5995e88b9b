package replica_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/zumodra/zumodra/internal/replica"
	"github.com/zumodra/zumodra/internal/testdb"
)

// A read URL naming a server that is no standby (here the primary itself)
// is ready with no lag; one that does not answer is not ready, says so
// without the cause (which may name hosts) and reports up 0 and no lags.
func TestReadyAndUnreachable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	primary := testdb.New(t)
	m := replica.NewMonitor(primary, primary, replica.Options{})
	v, err := m.Ready(ctx)
	if err != nil {
		t.Fatalf("ready on a reachable server: %v", err)
	}
	if got := v.(map[string]any); got["in_recovery"] != false || got["lag_versions"] != int64(0) || got["lag_seconds"] != 0.0 {
		t.Errorf("state of a primary read as a replica: %v", got)
	}
	gone, err := pgxpool.New(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer gone.Close()
	m = replica.NewMonitor(primary, gone, replica.Options{})
	if _, err := m.Ready(ctx); err == nil || strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("ready with the replica unreachable: %v", err)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(m)
	mfs, err := reg.Gather()
	if err != nil || len(mfs) != 1 || mfs[0].GetName() != "zumodra_read_replica_up" || mfs[0].GetMetric()[0].GetGauge().GetValue() != 0 {
		t.Errorf("metrics of an unreachable replica: %v, %v; want up 0 alone", mfs, err)
	}
}
