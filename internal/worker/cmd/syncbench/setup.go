package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
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
	o       options
	admin   *pgx.Conn
	dbName  string
	db      *pgxpool.Pool
	tables  []string // quoted job_postings tables, one per tenant
	stopW   context.CancelFunc
	wDone   chan struct{}
	mu      sync.Mutex
	visible map[int64]time.Time // seq -> when its catalog row was seen committed
}

const notifyTrigger = `CREATE FUNCTION public.bench_visible() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('zumodra_bench', NEW.title); RETURN NULL; END $$;
CREATE TRIGGER bench_visible AFTER INSERT OR UPDATE ON public.job_catalog
	FOR EACH ROW EXECUTE FUNCTION public.bench_visible();`

func setup(ctx context.Context, o options, out io.Writer) (*bench, error) {
	admin, err := pgx.Connect(ctx, o.URL)
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, admin: admin, dbName: fmt.Sprintf("zumodra_syncbench_%d", os.Getpid()),
		visible: map[int64]time.Time{}}
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
	if _, err := b.db.Exec(ctx, notifyTrigger); err != nil {
		return err
	}
	fmt.Fprintf(out, "seeded %d tenants x %d jobs in %s\n", b.o.Tenants, b.o.Jobs, time.Since(start).Round(time.Millisecond))
	return nil
}

func (b *bench) startWorkers(ctx context.Context) error {
	w, err := worker.New(b.db, worker.Config{Workers: b.o.Workers, Name: "syncbench"})
	if err != nil {
		return err
	}
	wctx, stop := context.WithCancel(ctx)
	b.stopW, b.wDone = stop, make(chan struct{})
	go func() { defer close(b.wDone); _ = w.Run(wctx) }()
	ready := make(chan error, 1)
	go b.listen(wctx, ready)
	return <-ready
}

// listen records when each change became visible in the catalog.
func (b *bench) listen(ctx context.Context, ready chan<- error) {
	conn, err := b.db.Acquire(ctx)
	if err != nil {
		ready <- err
		return
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN zumodra_bench"); err != nil {
		ready <- err
		return
	}
	ready <- nil
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			return
		}
		at := time.Now()
		seq, err := strconv.ParseInt(strings.TrimPrefix(n.Payload, "b"), 10, 64)
		if err != nil {
			continue
		}
		b.mu.Lock()
		b.visible[seq] = at
		b.mu.Unlock()
	}
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
