package pgcluster

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"sync/atomic"
)

// Cluster is a running private PostgreSQL server, started or attached to by Start.
type Cluster struct {
	opts     Options
	l        layout
	su       serverUser
	started  bool // this process started the server (rather than attaching)
	pid      int
	host     string // socket directory, or a loopback address
	port     int
	password string // set only in TCP mode
	appName  string // application_name of our connections, to tell them from other clients'
}

var clusterSeq atomic.Int64

// newAppName is unique per Cluster value: per process, and per handle within
// a process so tests can play two processes.
func newAppName() string {
	return fmt.Sprintf("zumodra-%d-%d", os.Getpid(), clusterSeq.Add(1))
}

// Started reports whether this process started the server; false means it
// attached to a server another process had started.
func (c *Cluster) Started() bool { return c.started }

// DataDir is the absolute cluster root.
func (c *Cluster) DataDir() string { return c.l.root }

// URL is a connection string for dbname as the superuser. Its
// application_name identifies this handle, so StopIfUnused can ignore our own
// connections even while they are still closing.
func (c *Cluster) URL(dbname string) string {
	u := url.URL{Scheme: "postgres", Path: "/" + dbname}
	q := url.Values{"sslmode": {"disable"}, "application_name": {c.appName}}
	if c.password == "" {
		// pgx and libpq take a socket directory as the host query parameter.
		u.User = url.User(Superuser)
		q.Set("host", c.host)
		q.Set("port", strconv.Itoa(c.port))
	} else {
		u.User = url.UserPassword(Superuser, c.password)
		u.Host = net.JoinHostPort(c.host, strconv.Itoa(c.port))
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// target reads where the running server listens from its pid file, so an
// attaching process needs no knowledge of how the server was started.
func (c *Cluster) target(pf *pidFile) error {
	c.pid, c.port = pf.pid, pf.port
	if pf.socketDir != "" {
		c.host, c.password = pf.socketDir, ""
		return nil
	}
	if pf.listenAddr == "" {
		return fmt.Errorf("server pid %d listens on neither a socket nor TCP", pf.pid)
	}
	pw, err := readPassword(c.l.password)
	if err != nil {
		return err
	}
	c.host, c.password = pf.listenAddr, pw
	return nil
}
