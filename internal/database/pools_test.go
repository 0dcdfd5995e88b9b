package database

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/zumodra/zumodra/internal/metrics"
	"github.com/zumodra/zumodra/internal/testdb"
)

// A pool too small for its callers: the waits are counted in the metrics,
// a caller that gives up is counted too, and the watch logs the pool.
func TestStarvationIsCountedAndLogged(t *testing.T) {
	t.Parallel()
	base := testdb.New(t)
	limits := DefaultLimits()
	l := limits[RolePublic]
	l.MaxConns = 1
	limits[RolePublic] = l
	pools, err := OpenPools(base, limits, RolePublic)
	if err != nil {
		t.Fatal(err)
	}
	defer pools.Close()
	pool := pools.For(RolePublic)
	ctx := context.Background()
	held, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := pool.Acquire(waitCtx); err == nil {
		t.Fatal("a second acquire from a pool of 1 succeeded")
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		c, err := pool.Acquire(ctx) // waits for the held one
		if err == nil {
			c.Release()
		}
	})
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	watchCtx, stopWatch := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { pools.watch(watchCtx, log, 20*time.Millisecond); close(done) }()
	time.Sleep(150 * time.Millisecond) // a wait long enough to count as starvation
	held.Release()
	wg.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(buf.String(), "database pool starved") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stopWatch()
	<-done
	if got := buf.String(); !strings.Contains(got, "pool=public") || !strings.Contains(got, "gave_up=1") {
		t.Errorf("log: %s", got)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(metrics.NewPoolCollector(pools.Named()))
	for name, want := range map[string]float64{"zumodra_db_pool_waits_total": 2, "zumodra_db_pool_canceled_acquires_total": 1} {
		if got := gatherValue(t, reg, name); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
}

func gatherValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// ReadFromReplica moves the public role, and only it, onto the replica's
// server, with the public limits, and adds the monitor's pool.
func TestReadFromReplicaMovesThePublicRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	primary, read := testdb.New(t), testdb.New(t)
	pools, err := OpenPools(primary, DefaultLimits(), RolePublic, RoleWrite, RoleReady)
	if err != nil {
		t.Fatal(err)
	}
	defer pools.Close()
	if err := pools.ReadFromReplica(read, DefaultLimits()); err != nil {
		t.Fatal(err)
	}
	dbOf := func(r Role) string {
		var db, timeout string
		if err := pools.For(r).QueryRow(ctx, `SELECT current_database(), current_setting('statement_timeout')`).Scan(&db, &timeout); err != nil {
			t.Fatal(err)
		}
		if r == RolePublic && timeout != "5s" {
			t.Errorf("public pool on the replica has statement_timeout %s", timeout)
		}
		return db
	}
	var want, replica string
	_ = read.QueryRow(ctx, `SELECT current_database()`).Scan(&replica)
	_ = primary.QueryRow(ctx, `SELECT current_database()`).Scan(&want)
	if got := dbOf(RolePublic); got != replica {
		t.Errorf("public reads %s, want the replica's %s", got, replica)
	}
	for _, r := range []Role{RoleWrite, RoleReady} {
		if got := dbOf(r); got != want {
			t.Errorf("%s reads %s, want the primary's %s", r, got, want)
		}
	}
	if pools.Named()[ReplicaPool] == nil {
		t.Error("no monitor pool named")
	}
}
