package bench

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

var (
	pgbenchTPS = regexp.MustCompile(`tps = ([\d.]+) \(without initial connection time\)`)
	pgbenchTx  = regexp.MustCompile(`number of transactions actually processed: (\d+)`)
)

// pgbench runs pgbench -S (primary-key selects) on a scratch database of
// the same server, with per-transaction logs for p50 and p99.
func (s *suite) pgbench(ctx context.Context) (LoadRun, error) {
	pgScale := max(s.scale.PGBenchScale, 1)
	r := LoadRun{Server: "PostgreSQL", Target: fmt.Sprintf("pgbench -S -c %d -j 2 (scale %d)", s.scale.ReadConns, pgScale)}
	var dbName string
	if err := s.pool.QueryRow(ctx, `SELECT current_database() || '_pgbench'`).Scan(&dbName); err != nil {
		return r, err
	}
	ident := pgx.Identifier{dbName}.Sanitize()
	if _, err := s.pool.Exec(ctx, `DROP DATABASE IF EXISTS `+ident+` WITH (FORCE)`); err != nil {
		return r, fmt.Errorf("bench: pgbench database: %w", err)
	}
	if _, err := s.pool.Exec(ctx, `CREATE DATABASE `+ident); err != nil {
		return r, fmt.Errorf("bench: pgbench database: %w", err)
	}
	defer func() {
		_, _ = s.pool.Exec(context.WithoutCancel(ctx), `DROP DATABASE IF EXISTS `+ident+` WITH (FORCE)`)
	}()
	env, err := pgEnv(s.opts.DatabaseURL, dbName)
	if err != nil {
		return r, err
	}
	initCmd := exec.CommandContext(ctx, "pgbench", "-i", "-q", "-s", strconv.Itoa(pgScale))
	initCmd.Env = env
	if out, err := initCmd.CombinedOutput(); err != nil {
		return r, fmt.Errorf("bench: pgbench -i: %w\n%s", err, out)
	}
	dir, err := os.MkdirTemp("", "zumodra-pgbench")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	args := []string{"-S", "-c", strconv.Itoa(s.scale.ReadConns), "-j", "2", "-T",
		strconv.Itoa(max(int(s.scale.ReadFor.Seconds()), 1)), "-l", "--log-prefix", filepath.Join(dir, "pgb")}
	cmd := exec.CommandContext(ctx, "pgbench", args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return r, fmt.Errorf("bench: pgbench: %w\n%s", err, out)
	}
	m := pgbenchTPS.FindStringSubmatch(string(out))
	if m == nil {
		return r, fmt.Errorf("bench: unreadable pgbench output\n%s", out)
	}
	r.PerSec, _ = strconv.ParseFloat(m[1], 64)
	lat, err := pgbenchLatencies(dir)
	if err != nil {
		return r, err
	}
	r.Requests, r.P50, r.P99 = len(lat), quantile(lat, 0.5), quantile(lat, 0.99)
	s.logf("  pgbench -S: p50 %s p99 %s %.0f tps", r.P50, r.P99, r.PerSec)
	return r, nil
}

// pgbenchLatencies reads the third field (microseconds) of every line of
// every per-transaction log, sorted.
func pgbenchLatencies(dir string) ([]time.Duration, error) {
	files, err := filepath.Glob(filepath.Join(dir, "pgb*"))
	if err != nil {
		return nil, err
	}
	var out []time.Duration
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if fs := strings.Fields(sc.Text()); len(fs) >= 3 {
				us, _ := strconv.ParseInt(fs[2], 10, 64)
				out = append(out, time.Duration(us)*time.Microsecond)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}

// pgEnv returns this process's environment plus the libpq variables that
// reach database name on the server of conn. The connection goes to pgbench
// through its environment, never its arguments: arguments, password
// included, are visible to every local user in ps.
func pgEnv(conn, name string) ([]string, error) {
	cfg, err := pgconn.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("bench: unreadable database URL")
	}
	env := append(os.Environ(), "PGHOST="+cfg.Host, "PGPORT="+strconv.Itoa(int(cfg.Port)),
		"PGUSER="+cfg.User, "PGDATABASE="+name, "PGPASSWORD="+cfg.Password)
	if cfg.TLSConfig == nil {
		env = append(env, "PGSSLMODE=disable")
	}
	return env, nil
}

// withDatabase returns the connection string with its database replaced,
// for URLs (postgres://...) and key=value strings alike.
func withDatabase(conn, name string) (string, error) {
	if strings.HasPrefix(conn, "postgres://") || strings.HasPrefix(conn, "postgresql://") {
		u, err := url.Parse(conn)
		if err != nil {
			return "", fmt.Errorf("bench: %w", err)
		}
		u.Path = "/" + name
		q := u.Query()
		q.Del("dbname")
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	return conn + " dbname=" + name, nil
}
