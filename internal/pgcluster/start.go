package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Start attaches to the server running in o.DataDir, or initialises (first
// time only) and starts one. Concurrent callers on one data dir serialise on
// a file lock: the first starts the server, the others attach.
func Start(ctx context.Context, o Options) (*Cluster, error) {
	l, err := o.normalize()
	if err != nil {
		return nil, err
	}
	su, err := currentServerUser()
	if err != nil {
		return nil, err
	}
	if err := prepareRoot(l, su, &o); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	lk, err := lockDir(ctx, l.lock)
	if err != nil {
		return nil, err
	}
	defer lk.unlock()
	c := &Cluster{opts: o, l: l, su: su, appName: newAppName()}
	if err := c.attachOrLaunch(ctx); err != nil {
		return nil, fmt.Errorf("postgres cluster %s: %w", l.root, err)
	}
	return c, nil
}

func (c *Cluster) attachOrLaunch(ctx context.Context) error {
	pf, err := readPidFile(c.l.data)
	if err != nil {
		return err
	}
	if pf != nil && pf.alive() && pf.status == "stopping" {
		if err := waitGone(ctx, c.l.data, pf.pid); err != nil {
			return err
		}
		pf = nil
	}
	if pf != nil && pf.alive() {
		return c.attach(ctx, pf)
	}
	if pf != nil {
		c.opts.Logger.WarnContext(ctx, "removing stale postmaster.pid", "pid", pf.pid)
		if err := os.Remove(filepath.Join(c.l.data, "postmaster.pid")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale postmaster.pid: %w", err)
		}
		if err := removeStaleSockets(c.l.run); err != nil {
			return err
		}
	}
	return c.launch(ctx)
}

func (c *Cluster) attach(ctx context.Context, pf *pidFile) error {
	if err := waitStatusReady(ctx, c.l.data); err != nil {
		return err
	}
	pf, err := readPidFile(c.l.data)
	if err != nil || pf == nil {
		return fmt.Errorf("server vanished while attaching: %w", err)
	}
	if err := c.target(pf); err != nil {
		return err
	}
	c.opts.Logger.InfoContext(ctx, "attached to running PostgreSQL", "pid", pf.pid, "data_dir", c.l.data)
	return c.ping(ctx)
}

func (c *Cluster) launch(ctx context.Context) error {
	bins, err := c.binaries()
	if err != nil {
		return err
	}
	if !initialized(c.l) {
		if err := initialize(ctx, c.l, c.su, bins, &c.opts); err != nil {
			return err
		}
	}
	if err := writeConfig(c.l, c.su, &c.opts); err != nil {
		return err
	}
	rotateLog(c.l.log)
	began := time.Now()
	secs := strconv.Itoa(int(c.opts.Timeout / time.Second))
	cmd := c.su.command(c.l.root, bins.PgCtl, "start", "-D", c.l.data, "-l", c.l.log, "-w", "-t", secs, "-s")
	if out, err := runCtx(ctx, cmd); err != nil {
		return fmt.Errorf("pg_ctl start: %w\n%s\nlast lines of %s:\n%s", err, out, c.l.log, logTail(c.l.log))
	}
	pf, err := readPidFile(c.l.data)
	if err != nil || pf == nil {
		return fmt.Errorf("pg_ctl start succeeded but no postmaster.pid: %w", err)
	}
	if err := c.target(pf); err != nil {
		return err
	}
	c.started = true
	c.opts.Logger.InfoContext(ctx, "started PostgreSQL", "pid", pf.pid, "data_dir", c.l.data,
		"ephemeral", c.opts.Ephemeral, "took_ms", time.Since(began).Milliseconds())
	return c.ping(ctx)
}

// binaries picks an installation; once the data dir exists it must be the
// major version recorded in PG_VERSION.
func (c *Cluster) binaries() (Binaries, error) {
	want := 0
	if raw, err := os.ReadFile(filepath.Join(c.l.data, "PG_VERSION")); err == nil && initialized(c.l) {
		want, _ = strconv.Atoi(strings.TrimSpace(string(raw)))
	}
	return c.opts.Finder.Find(want)
}

// ping proves the server accepts our connection string.
func (c *Cluster) ping(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connect to cluster: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return conn.Ping(ctx)
}

// removeStaleSockets clears the socket and its lock file a crashed server
// left in our private run dir. PostgreSQL would refuse to start if the lock
// file names a pid that still exists, which a zombie postmaster nobody reaped
// (pid 1 in many containers does not) still does.
func removeStaleSockets(runDir string) error {
	matches, err := filepath.Glob(filepath.Join(runDir, ".s.PGSQL.*"))
	if err != nil {
		return fmt.Errorf("list stale sockets: %w", err)
	}
	for _, m := range matches {
		if err := os.Remove(m); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale socket file: %w", err)
		}
	}
	return nil
}

// rotateLog keeps one previous log so a dev machine's log cannot grow forever.
func rotateLog(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() > 16<<20 {
		_ = os.Rename(path, path+".1") // best effort: a failed rotation only means a longer log
	}
}

func logTail(path string) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}
