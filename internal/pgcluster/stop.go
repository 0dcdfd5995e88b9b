package pgcluster

import (
	"context"
	"fmt"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// Stop shuts the server down with a fast shutdown (clients disconnected,
// transactions rolled back, a clean checkpoint), escalating to an immediate
// shutdown if that does not finish within the timeout. It stops the server
// whether or not this process started it.
func (c *Cluster) Stop(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	lk, err := lockDir(ctx, c.l.lock)
	if err != nil {
		return err
	}
	defer lk.unlock()
	return stopLocked(ctx, c.l, c.opts)
}

// StopIfUnused stops the server unless another client is connected to it, so
// the last zumodra process sharing a data dir is the one that turns it off.
// Connections made through this handle's URL do not count: after closing them
// their backends may linger for a moment.
// It reports whether it stopped the server.
func (c *Cluster) StopIfUnused(ctx context.Context) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	lk, err := lockDir(ctx, c.l.lock)
	if err != nil {
		return false, err
	}
	defer lk.unlock()
	pf, err := readPidFile(c.l.data)
	if err != nil || pf == nil || !pf.alive() {
		return false, err
	}
	others, err := c.otherClients(ctx)
	if err != nil {
		return false, err
	}
	if others > 0 {
		c.opts.Logger.InfoContext(ctx, "leaving PostgreSQL running for other clients", "clients", others, "pid", pf.pid)
		return false, nil
	}
	return true, stopLocked(ctx, c.l, c.opts)
}

// closingGrace is how long we wait for other clients' backends to go away:
// a backend outlives its client's close by a few milliseconds, so a process
// closing right after another would otherwise see the first still there.
// Only young backends get that benefit of the doubt: one connected longer
// than the grace that is still there after closingSettle belongs to a
// client that stays (a running demo), and waiting on would only make every
// command run beside it a second slower.
const (
	closingGrace  = time.Second
	closingSettle = 60 * time.Millisecond
)

func (c *Cluster) otherClients(ctx context.Context) (int, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return 0, fmt.Errorf("connect to count clients: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var n, young int
	began := time.Now()
	graceCtx, cancel := context.WithTimeout(ctx, closingGrace)
	defer cancel()
	err = poll(graceCtx, "other clients to disconnect", func() (bool, error) {
		err := conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE backend_start > now() - $2::interval)
			FROM pg_stat_activity WHERE backend_type = 'client backend' AND application_name <> $1`,
			c.appName, closingGrace.String()).Scan(&n, &young)
		return doneCounting(n, young, time.Since(began)), err
	})
	if err != nil && graceCtx.Err() == nil {
		return 0, fmt.Errorf("count clients: %w", err)
	}
	return n, nil
}

// doneCounting reports whether a count of other clients, young of them
// connected within closingGrace, after waiting so long, is the answer.
func doneCounting(others, young int, waited time.Duration) bool {
	return others == 0 || (young == 0 && waited >= closingSettle)
}

// StopDir stops a server running in o.DataDir without starting one; it
// reports false when none was running. Used by tools such as scripts/test.sh.
func StopDir(ctx context.Context, o Options, onlyIfUnused bool) (bool, error) {
	l, err := o.normalize()
	if err != nil {
		return false, err
	}
	pf, err := readPidFile(l.data)
	if err != nil || pf == nil || !pf.alive() {
		return false, err
	}
	su, err := currentServerUser()
	if err != nil {
		return false, err
	}
	c := &Cluster{opts: o, l: l, su: su, appName: newAppName()}
	if err := c.target(pf); err != nil {
		return false, err
	}
	if onlyIfUnused {
		return c.StopIfUnused(ctx)
	}
	return true, c.Stop(ctx)
}

// stopLocked signals the postmaster directly (SIGINT is PostgreSQL's fast
// shutdown, SIGQUIT its immediate one): root may signal the postgres user's
// process and no server binaries are needed to stop a server.
func stopLocked(ctx context.Context, l layout, o Options) error {
	pf, err := readPidFile(l.data)
	if err != nil || pf == nil || !pf.alive() {
		return err
	}
	began := time.Now()
	if err := syscall.Kill(pf.pid, syscall.SIGINT); err != nil {
		return fmt.Errorf("signal postmaster %d: %w", pf.pid, err)
	}
	fastCtx, cancel := context.WithTimeout(ctx, o.Timeout*3/4)
	defer cancel()
	if err := waitGone(fastCtx, l.data, pf.pid); err == nil {
		o.Logger.InfoContext(ctx, "stopped PostgreSQL", "pid", pf.pid, "took_ms", time.Since(began).Milliseconds())
		return nil
	}
	o.Logger.WarnContext(ctx, "fast shutdown too slow, forcing immediate shutdown", "pid", pf.pid)
	if err := syscall.Kill(pf.pid, syscall.SIGQUIT); err != nil {
		return fmt.Errorf("signal postmaster %d: %w", pf.pid, err)
	}
	return waitGone(ctx, l.data, pf.pid)
}
