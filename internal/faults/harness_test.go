package faults

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/pgcluster"
)

var (
	bin         string // the zumodra binary built from this source
	clusterOpts pgcluster.Options
	cluster     *pgcluster.Cluster
	long        = os.Getenv("ZUMODRA_FAULTS_LONG") != ""
	dbSeq       atomic.Int64
)

// scale is n in the short version and n*factor in the long one.
func scale(n, factor int) int {
	if long {
		return n * factor
	}
	return n
}

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	// A short directory keeps the server's socket path within its limit,
	// and the socket (unlike a TCP port) stays the same across restarts.
	dir, err := os.MkdirTemp("", "zf-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin = filepath.Join(dir, "zumodra")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/zumodra/zumodra/cmd/zumodra").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		return 1
	}
	clusterOpts = pgcluster.Options{DataDir: filepath.Join(dir, "pg"), Ephemeral: true}
	if cluster, err = pgcluster.Start(context.Background(), clusterOpts); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = cluster.Stop(context.Background()) }()
	return m.Run()
}

// db is one scenario's database on the private cluster, migrated by the
// binary, with a pool of the test's own.
type db struct {
	t    *testing.T
	url  string
	pool *pgxpool.Pool
}

func newDB(t *testing.T) *db {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("faults_%d", dbSeq.Add(1))
	conn, err := pgx.Connect(ctx, cluster.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	d := &db{t: t, url: cluster.URL(name)}
	t.Cleanup(func() { d.drop(name) })
	if r := d.zumodra("migrate"); r.code != 0 {
		t.Fatalf("migrate: %d\n%s", r.code, r.stderr)
	}
	if d.pool, err = pgxpool.New(ctx, d.url); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.pool.Close)
	return d
}

func (d *db) drop(name string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, cluster.URL("postgres"))
	if err != nil {
		return // the cluster is down after a failed scenario
	}
	defer conn.Close(ctx)
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
}

type result struct {
	stdout, stderr string
	code           int
}

// zumodra runs a command of the binary to its end.
func (d *db) zumodra(args ...string) result {
	d.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = d.env()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		d.t.Fatalf("zumodra %v: %v", args, err)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

func (d *db) env(extra ...string) []string {
	return append(append(os.Environ(), "DATABASE_URL="+d.url, "ZUMODRA_LOG_FORMAT=json", "ZUMODRA_LOG_LEVEL=warn"), extra...)
}

// count runs a count query on the test's pool, failing the test on error.
func (d *db) count(sql string, args ...any) int {
	d.t.Helper()
	var n int
	if err := d.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		d.t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// drained waits for the outbox to empty with no dead letter, then checks
// the catalog against its sources with the binary's verify.
func (d *db) drainedAndVerified(limit time.Duration) {
	d.t.Helper()
	waitFor(d.t, limit, "an empty outbox", func() bool {
		var n int
		err := d.pool.QueryRow(context.Background(), `SELECT count(*) FROM public.sync_outbox`).Scan(&n)
		return err == nil && n == 0
	})
	if r := d.zumodra("verify"); r.code != 0 {
		d.t.Fatalf("verify after the faults: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// proc is a serve or worker process of the binary.
type proc struct {
	t    *testing.T
	name string
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
}

// start runs the binary with args against d until the test ends.
func (d *db) start(name string, env []string, args ...string) *proc {
	d.t.Helper()
	p := &proc{t: d.t, name: name, out: &lockedBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = d.env(env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		d.t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()
	d.t.Cleanup(func() {
		p.signal(syscall.SIGCONT)
		p.kill()
		if d.t.Failed() {
			d.t.Logf("output of %s:\n%s", p.name, p.out.tail(4000))
		}
	})
	return p
}

func (p *proc) signal(sig syscall.Signal) { _ = p.cmd.Process.Signal(sig) }

// kill is kill -9, waiting for the process to be gone.
func (p *proc) kill() {
	p.signal(syscall.SIGKILL)
	<-p.done
}

// stop asks the process to shut down cleanly and waits for it.
func (p *proc) stop() int {
	p.signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		p.t.Errorf("%s did not stop within 30s of SIGTERM", p.name)
		p.kill()
	}
	return p.cmd.ProcessState.ExitCode()
}

var listening = regexp.MustCompile(`Listening on (http://\S+?)/?\n`)

// siteURL waits for serve's "Listening on" line.
func (p *proc) siteURL() string {
	p.t.Helper()
	var u string
	waitFor(p.t, 30*time.Second, p.name+" listening", func() bool {
		if m := listening.FindStringSubmatch(p.out.String()); m != nil {
			u = strings.TrimSuffix(m[1], "/")
		}
		return u != ""
	})
	return u
}

// waitFor polls cond until it holds or limit passes: the conditions are
// other processes' states, which send the test no signal.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > limit {
			t.Fatalf("waited %s in vain for %s", limit, what)
		}
		time.Sleep(25 * time.Millisecond)
	}
	return time.Since(start)
}

type response struct {
	status int
	header http.Header
	body   string
	err    error
}

var client = &http.Client{Timeout: 15 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(u string) response { return do(http.MethodGet, u, "", nil) }

func do(method, u, contentType string, body io.Reader) response {
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return response{err: err}
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{err: err}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// restart stops the cluster (fast: SIGINT; immediate: SIGQUIT, a crash as
// far as the data is concerned) and starts it again after down.
func restart(t *testing.T, immediate bool, down time.Duration) {
	t.Helper()
	ctx := context.Background()
	if immediate {
		pid := postmasterPID(t)
		if err := syscall.Kill(pid, syscall.SIGQUIT); err != nil {
			t.Fatal(err)
		}
		waitFor(t, 30*time.Second, "postmaster exit", func() bool { return syscall.Kill(pid, 0) != nil })
	} else if err := cluster.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(down) // the outage itself: what the processes must ride out
	var err error
	if cluster, err = pgcluster.Start(ctx, clusterOpts); err != nil {
		t.Fatal(err)
	}
}

func postmasterPID(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(clusterOpts.DataDir, "data", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// lockedBuffer is a bytes.Buffer a process writes while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuffer) tail(n int) string {
	s := l.String()
	return s[max(0, len(s)-n):]
}
