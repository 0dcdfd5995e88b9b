package testdb

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

// ClusterDir is where the embedded test cluster lives: $ZUMODRA_TEST_PG_DIR,
// else a per-user directory under the system temp dir.
func ClusterDir() string {
	if d := os.Getenv("ZUMODRA_TEST_PG_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("zumodra-test-%d", os.Getuid()))
}

// ClusterOptions are the embedded test cluster's options, shared with the
// testcluster command so both agree on the directory.
func ClusterOptions(log *slog.Logger) pgcluster.Options {
	return pgcluster.Options{DataDir: ClusterDir(), Ephemeral: true, Logger: log, Timeout: 2 * time.Minute}
}

// server is the per-process connection to the test PostgreSQL server.
type server struct {
	maintenance string              // URL of the maintenance database
	admin       *pgxpool.Pool       // maintenance database, for CREATE/DROP DATABASE
	urlFor      func(string) string // connection string for a database name
	template    string
}

var (
	setupOnce sync.Once
	shared    *server
	setupErr  error
)

// getServer connects once per process; later calls return the same result.
func getServer() (*server, error) {
	setupOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		shared, setupErr = connectServer(ctx)
		if setupErr == nil {
			setupErr = shared.prepare(ctx)
		}
	})
	return shared, setupErr
}

func connectServer(ctx context.Context) (*server, error) {
	maintenance, urlFor, err := locateServer(ctx)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(maintenance)
	if err != nil {
		return nil, fmt.Errorf("testdb: parse maintenance URL: %w", err)
	}
	cfg.MaxConns = 4
	admin, err := pgxpool.NewWithConfig(ctx, cfg)
	if err == nil {
		err = admin.Ping(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("testdb: connect to %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	return &server{maintenance: maintenance, admin: admin, urlFor: urlFor, template: templateName()}, nil
}

// locateServer returns the maintenance URL and a per-database URL builder.
func locateServer(ctx context.Context) (string, func(string) string, error) {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return u, func(db string) string { return withDatabase(u, db) }, nil
	}
	if err := checkOwnDir(ClusterDir()); err != nil {
		return "", nil, err
	}
	c, err := pgcluster.Start(ctx, ClusterOptions(nil))
	if err != nil {
		return "", nil, fmt.Errorf("testdb: embedded test cluster (set DATABASE_URL to use another server): %w", err)
	}
	return c.URL("postgres"), c.URL, nil
}

// withDatabase points a URL or keyword/value connection string at db.
func withDatabase(conn, db string) string {
	if u, err := url.Parse(conn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + db
		q := u.Query()
		q.Del("dbname")
		u.RawQuery = q.Encode()
		return u.String()
	}
	// In keyword/value form a later keyword overrides an earlier one.
	return conn + " dbname='" + strings.ReplaceAll(db, "'", `\'`) + "'"
}

// checkOwnDir refuses a cluster dir someone else planted in the shared temp
// dir (a symlink, or another user's directory with a data dir and config of
// their choosing) before we run a server from it.
func checkOwnDir(dir string) error {
	st, err := os.Lstat(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("testdb: %s is not a directory; remove it or set ZUMODRA_TEST_PG_DIR", dir)
	}
	owner := int(st.Sys().(*syscall.Stat_t).Uid)
	if owner == os.Getuid() {
		return nil
	}
	// As root the cluster belongs to the postgres user we run the server as.
	if pg, err := user.Lookup("postgres"); os.Getuid() == 0 && err == nil && pg.Uid == strconv.Itoa(owner) {
		return nil
	}
	return fmt.Errorf("testdb: %s belongs to uid %d, not us; remove it or set ZUMODRA_TEST_PG_DIR", dir, owner)
}
