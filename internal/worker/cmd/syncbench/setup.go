package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/worker"
)

// bench holds a prepared scratch database with running workers.
type bench struct {
	o         options
	admin     *pgx.Conn
	dbName    string
	db        *pgxpool.Pool
	tables    []string // quoted job_postings tables, one per tenant
	stopW     context.CancelFunc
	wDone     chan struct{}
	tenantIDs []int64
	mu        sync.Mutex
	applied   map[jobKey][]time.Time // when batches that applied a job's change committed
}

func setup(ctx context.Context, o options, out io.Writer) (*bench, error) {
	admin, err := pgx.Connect(ctx, o.URL)
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, admin: admin, dbName: fmt.Sprintf("zumodra_syncbench_%d", os.Getpid()),
		applied: map[jobKey][]time.Time{}}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+b.dbName); err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(o.URL)
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.Database = b.dbName
	cfg.MaxConns = int32(o.Writers + o.Workers + 4)
	if b.db, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, err
	}
	if err := b.seed(ctx, out); err != nil {
		b.close()
		return nil, err
	}
	return b, b.startWorkers(ctx)
}

func (b *bench) seed(ctx context.Context, out io.Writer) error {
	start := time.Now()
	if err := migrate.Up(ctx, b.db, slog.New(slog.DiscardHandler)); err != nil {
		return err
	}
	store := tenants.New(b.db)
	for i := range b.o.Tenants {
		t, _, err := store.Create(ctx, tenants.CreateParams{Slug: fmt.Sprintf("bench_%d", i), Name: fmt.Sprintf("Bench %d", i)})
		if err != nil {
			return err
		}
		tbl := pgx.Identifier{t.SchemaName, "job_postings"}.Sanitize()
		b.tables = append(b.tables, tbl)
		b.tenantIDs = append(b.tenantIDs, t.ID)
		_, err = b.db.Exec(ctx, `INSERT INTO `+tbl+` (title, status, published_on_career_page, description, required_skills)
			SELECT 'seed ' || g, 'open', true, '<p>A realistic description of role ' || g || ' with <strong>markup</strong>.</p>', '{Go,SQL}'
			FROM generate_series(1, $1) g`, b.o.Jobs)
		if err != nil {
			return err
		}
	}
	w, err := worker.New(b.db, worker.Config{})
	if err != nil {
		return err
	}
	if _, err := w.Drain(ctx); err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %d tenants x %d jobs in %s\n", b.o.Tenants, b.o.Jobs, time.Since(start).Round(time.Millisecond))
	return nil
}

func (b *bench) startWorkers(ctx context.Context) error {
	if err := applyCapture(ctx, b.db, b.o.Capture); err != nil {
		return err
	}
	w, err := worker.New(b.db, worker.Config{Workers: b.o.Workers, Name: "syncbench", AfterCommit: b.record, PollInterval: b.o.Poll})
	if err != nil {
		return err
	}
	wctx, stop := context.WithCancel(ctx)
	b.stopW, b.wDone = stop, make(chan struct{})
	go func() { defer close(b.wDone); _ = w.Run(wctx) }()
	return nil
}

// jobKey names one job of one tenant.
type jobKey struct{ tenant, job int64 }

// record notes when each job's change became visible: the commit of the
// batch that applied it.
func (b *bench) record(batch worker.Batch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range batch.Applied {
		k := jobKey{e.TenantID, e.SourceID}
		b.applied[k] = append(b.applied[k], batch.Committed)
	}
}

// visibleAt is the first batch commit that applied the job after since.
func (b *bench) visibleAt(k jobKey, since time.Time) (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, at := range b.applied[k] {
		if !at.Before(since) {
			return at, true
		}
	}
	return time.Time{}, false
}

func (b *bench) close() {
	if b.stopW != nil {
		b.stopW()
		<-b.wDone
	}
	if b.db != nil {
		b.db.Close()
	}
	ctx := context.Background()
	_, _ = b.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+b.dbName+" WITH (FORCE)")
	_ = b.admin.Close(ctx)
}
