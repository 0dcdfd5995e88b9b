package pgcluster

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
)

// StartStandby makes a streaming standby of the running cluster c under
// dir (a cluster root of its own: data dir, socket or port, log): a
// pg_basebackup of c with -R, so that it follows c, started with pg_ctl
// from the same installation, returned once it streams WAL from c. Stop
// it with Stop. It needs pg_basebackup beside pg_ctl (ErrNoBinaries
// otherwise) and a replication entry for the superuser in c's pg_hba.conf,
// which initdb writes.
func (c *Cluster) StartStandby(ctx context.Context, dir string) (*Cluster, error) {
	bins, err := c.binaries()
	if err != nil {
		return nil, err
	}
	basebackup := filepath.Join(bins.Dir, "pg_basebackup")
	if !isExecutable(basebackup) {
		return nil, fmt.Errorf("%w: no pg_basebackup in %s", ErrNoBinaries, bins.Dir)
	}
	o := c.opts
	o.DataDir = dir
	l, err := o.normalize()
	if err != nil {
		return nil, err
	}
	if err := prepareRoot(l, c.su, &o); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	lk, err := lockDir(ctx, l.lock)
	if err != nil {
		return nil, err
	}
	defer lk.unlock()
	if err := c.baseBackup(ctx, l, basebackup); err != nil {
		return nil, err
	}
	s := &Cluster{opts: o, l: l, su: c.su, appName: newAppName()}
	if err := s.launch(ctx); err != nil {
		return nil, fmt.Errorf("standby %s: %w", l.root, err)
	}
	if err := s.waitStreaming(ctx); err != nil {
		return nil, stopOnError(err, s)
	}
	return s, nil
}

// baseBackup copies c into l.data, with the primary's password file (the
// copy has the same superuser) and the marker that says it is initialised.
func (c *Cluster) baseBackup(ctx context.Context, l layout, basebackup string) error {
	if err := copyOwned(c.l.password, l.password, c.su); err != nil {
		return err
	}
	cmd := c.su.command(l.root, basebackup, "-D", l.data, "-R", "-X", "stream", "-c", "fast", "-d", c.URL("postgres"))
	if out, err := runCtx(ctx, cmd); err != nil {
		return fmt.Errorf("pg_basebackup: %w\n%s", err, out)
	}
	return os.WriteFile(filepath.Join(l.root, initializedMarker), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o600)
}

func copyOwned(from, to string, su serverUser) error {
	raw, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("read %s: %w", from, err)
	}
	if err := os.WriteFile(to, raw, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", to, err)
	}
	return su.own(to)
}

// waitStreaming returns once the standby's WAL receiver streams from the
// primary, or ctx ends.
func (c *Cluster) waitStreaming(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connect to standby: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	for {
		var streaming bool
		err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming')`).Scan(&streaming)
		if err != nil {
			return fmt.Errorf("standby's WAL receiver: %w", err)
		}
		if streaming {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("standby not streaming: %w", ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func stopOnError(err error, s *Cluster) error {
	if stopErr := stopLocked(context.Background(), s.l, s.opts); stopErr != nil {
		return fmt.Errorf("%w (and stopping it: %v)", err, stopErr)
	}
	return err
}
