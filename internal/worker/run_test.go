package worker_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/worker"
)

// start runs a Pool in the background; the returned stop ends it and waits.
func start(t *testing.T, e *env, cfg worker.Config) (stop func()) {
	t.Helper()
	p, err := worker.New(e.db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}
	t.Cleanup(stop)
	return stop
}

func TestNotifyWakesWorkersWithoutPolling(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Published: new(false)})
	e.drain()
	// An hour between probes: only the NOTIFY can deliver this in time.
	start(t, e, worker.Config{Workers: 2, PollInterval: time.Hour, Name: "notify-test"})
	waitFor(t, "the LISTEN connection", func() bool {
		return e.count(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN zumodra_sync'`) == 1
	})
	err := pgx.BeginFunc(e.ctx, e.db, func(tx pgx.Tx) error {
		if _, err := tx.Exec(e.ctx, `SELECT set_config('zumodra.capture_notify', 'on', true)`); err != nil {
			return err
		}
		_, err := tx.Exec(e.ctx, `UPDATE `+schemaOf(tn)+`.job_postings SET published_on_career_page = true WHERE id = $1`, job.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the job to be public", func() bool { return e.jobRow(tn, job.ID) != nil })
}

// Writers do not NOTIFY by default: the probe finds their changes.
func TestProbeFindsChangesWithoutNotify(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	start(t, e, worker.Config{Workers: 2, PollInterval: 20 * time.Millisecond, Name: "probe-test"})
	listener, err := e.db.Acquire(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Release()
	if _, err := listener.Exec(e.ctx, "LISTEN zumodra_sync"); err != nil {
		t.Fatal(err)
	}
	job := testfactory.Job(t, e.db, tn, nil)
	waitFor(t, "the job to be public", func() bool { return e.jobRow(tn, job.ID) != nil })
	// A sentinel sent after the write arrives first: the write sent nothing.
	if _, err := e.db.Exec(e.ctx, "SELECT pg_notify('zumodra_sync', 'sentinel')"); err != nil {
		t.Fatal(err)
	}
	n, err := listener.Conn().WaitForNotification(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n.Payload != "sentinel" {
		t.Fatalf("the write notified (%q); capture must not NOTIFY by default", n.Payload)
	}
}

func TestProbeCoversALostNotify(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	job := testfactory.Job(t, e.db, tn, &testfactory.JobOpts{Published: new(false)})
	e.drain()
	start(t, e, worker.Config{Workers: 1, PollInterval: 20 * time.Millisecond})
	// A change whose NOTIFY never came: the capture trigger is bypassed and
	// the outbox row written by hand, without pg_notify.
	if _, err := e.db.Exec(e.ctx, `ALTER TABLE `+schemaOf(tn)+`.job_postings DISABLE TRIGGER job_postings_capture_upd`); err != nil {
		t.Fatal(err)
	}
	e.exec(tn, `UPDATE %s.job_postings SET published_on_career_page = true WHERE id = $1`, job.ID)
	if _, err := e.db.Exec(e.ctx, `INSERT INTO public.sync_outbox (tenant_id, entity, source_id) VALUES ($1, 'job', $2)`, tn.ID, job.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the probed change to be public", func() bool { return e.jobRow(tn, job.ID) != nil })
}

func TestShutdownRemovesHeartbeatsAndStopsClaiming(t *testing.T) {
	t.Parallel()
	e := newEnv(t, worker.Config{})
	tn := testfactory.Tenant(t, e.db, nil)
	stop := start(t, e, worker.Config{Workers: 3, PollInterval: 10 * time.Millisecond, Name: "shutdown-test"})
	waitFor(t, "heartbeats", func() bool {
		return e.count(`SELECT count(*) FROM public.worker_heartbeats WHERE worker_id LIKE 'shutdown-test/%'`) == 3
	})
	stop()
	if n := e.count(`SELECT count(*) FROM public.worker_heartbeats`); n != 0 {
		t.Fatalf("%d heartbeats left after shutdown", n)
	}
	testfactory.Job(t, e.db, tn, nil)
	if n := e.outboxCount(); n != 1 {
		t.Fatalf("outbox = %d rows after the job insert, want 1 (no worker left to take it)", n)
	}
}
