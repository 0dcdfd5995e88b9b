package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func startTest(t *testing.T, dir string) *Cluster {
	t.Helper()
	c, err := Start(context.Background(), Options{DataDir: dir, Ephemeral: true})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = c.Stop(context.Background()) })
	return c
}

func connect(t *testing.T, c *Cluster) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), c.URL("postgres"))
	if err != nil {
		t.Fatalf("connect %s: %v", c.URL("postgres"), err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

func mustExec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t *testing.T, c *Cluster) int {
	t.Helper()
	var n int
	if err := connect(t, c).QueryRow(context.Background(), "SELECT count(*) FROM kept").Scan(&n); err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

func TestStartAttachStopRestart(t *testing.T) {
	dir := t.TempDir()
	first := startTest(t, dir)
	if !first.Started() {
		t.Fatal("first Start on an empty dir should start the server")
	}
	conn := connect(t, first)
	mustExec(t, conn, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (1), (2)")
	var fsync string
	if err := conn.QueryRow(context.Background(), "SHOW fsync").Scan(&fsync); err != nil || fsync != "off" {
		t.Fatalf("ephemeral cluster: fsync = %q (%v), want off", fsync, err)
	}

	second := startTest(t, dir)
	if second.Started() || second.pid != first.pid {
		t.Fatalf("second Start should attach to pid %d, got started=%v pid=%d", first.pid, second.Started(), second.pid)
	}
	if n := count(t, second); n != 2 {
		t.Fatalf("attached cluster sees %d rows, want 2", n)
	}
	if err := first.Stop(context.Background()); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if pf, _ := readPidFile(first.l.data); pf != nil {
		t.Fatalf("postmaster.pid still present after Stop: %+v", pf)
	}
	third := startTest(t, dir)
	if !third.Started() || count(t, third) != 2 {
		t.Fatal("restart should start the server again with the data kept")
	}
}

func TestRunsAsPostgresUserWhenRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only meaningful as root")
	}
	// A parent only root may enter, like /root: the server user must get search permission.
	parent := filepath.Join(t.TempDir(), "private")
	if err := os.Mkdir(parent, 0o700); err != nil {
		t.Fatal(err)
	}
	c := startTest(t, filepath.Join(parent, "pg"))
	if st, err := os.Stat(parent); err != nil || st.Mode().Perm() != 0o701 {
		t.Fatalf("parent should become 0701 (search, no listing): %v %v", st.Mode().Perm(), err)
	}
	su, err := currentServerUser()
	if err != nil {
		t.Fatal(err)
	}
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.pid))
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("Uid:\t%d\t", su.uid)
	if !strings.Contains(string(status), want) {
		t.Fatalf("postmaster should run as uid %d:\n%s", su.uid, status)
	}
	st, err := os.Stat(c.l.run)
	if err != nil {
		t.Fatal(err)
	}
	if uid := st.Sys().(*syscall.Stat_t).Uid; int(uid) != su.uid || st.Mode().Perm() != 0o700 {
		t.Fatalf("socket dir owner %d mode %v, want %d 0700", uid, st.Mode().Perm(), su.uid)
	}
}

func TestStalePidFiles(t *testing.T) {
	dir := t.TempDir()
	c := startTest(t, dir)
	mustExec(t, connect(t, c), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (1)")
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	// A live process that is not a postmaster: pid reuse after a crash.
	fake := fmt.Sprintf("%d\n%s\n0\n5432\n\n\n0 0\nready\n", os.Getpid(), c.l.data)
	if err := os.WriteFile(filepath.Join(c.l.data, "postmaster.pid"), []byte(fake), 0o600); err != nil {
		t.Fatal(err)
	}
	c = startTest(t, dir)
	if !c.Started() {
		t.Fatal("a pid file naming a non-postgres process must be treated as stale")
	}
	// A live postmaster of another cluster: pid reuse by another server.
	other := startTest(t, t.TempDir())
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	fake = fmt.Sprintf("%d\n%s\n0\n5432\n\n\n0 0\nready\n", other.pid, c.l.data)
	if err := os.WriteFile(filepath.Join(c.l.data, "postmaster.pid"), []byte(fake), 0o600); err != nil {
		t.Fatal(err)
	}
	c = startTest(t, dir)
	if !c.Started() || c.pid == other.pid {
		t.Fatal("a pid file naming another cluster's postmaster must be treated as stale")
	}
	// A real crash: the postmaster is killed and leaves its pid file behind.
	if err := syscall.Kill(c.pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := waitGone(ctx, c.l.data, c.pid); err != nil {
		t.Fatal(err)
	}
	if pf, _ := readPidFile(c.l.data); pf == nil {
		t.Fatal("expected the killed postmaster to leave its pid file")
	}
	c = startTest(t, dir)
	if !c.Started() || count(t, c) != 1 {
		t.Fatal("start after a crash should recover the data")
	}
}

func TestMissingBinaries(t *testing.T) {
	empty := t.TempDir()
	_, err := Finder{Path: empty, Globs: []string{filepath.Join(empty, "*/bin")}}.Find(0)
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("want ErrNoBinaries, got %v", err)
	}
	for _, want := range []string{"apt-get install postgresql", "dnf install postgresql-server", "brew install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q should mention %q", err, want)
		}
	}
	f := Finder{Path: empty}
	_, err = Start(context.Background(), Options{DataDir: filepath.Join(empty, "pg"), Finder: &f})
	if !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("Start without binaries: want ErrNoBinaries, got %v", err)
	}
}

func TestFindsInstalledServer(t *testing.T) {
	b, err := FindBinaries()
	if err != nil {
		t.Fatal(err)
	}
	if b.Major < 10 {
		t.Fatalf("implausible major version %d in %s", b.Major, b.Dir)
	}
	if _, err := (Finder{Path: b.Dir}).Find(b.Major + 100); !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("asking for a major version that is not installed should fail, got %v", err)
	}
}

func TestLastClientStops(t *testing.T) {
	dir := t.TempDir()
	first := startTest(t, dir)
	second := startTest(t, dir)
	conn := connect(t, second)
	if stopped, err := first.StopIfUnused(context.Background()); err != nil || stopped {
		t.Fatalf("must not stop while another client is connected: stopped=%v err=%v", stopped, err)
	}
	mustExec(t, conn, "SELECT 1")
	conn.Close(context.Background())
	if stopped, err := second.StopIfUnused(context.Background()); err != nil || !stopped {
		t.Fatalf("last client should stop the server: stopped=%v err=%v", stopped, err)
	}
}

func TestConcurrentStartsShareOneServer(t *testing.T) {
	dir := t.TempDir()
	results := make(chan *Cluster, 3)
	for range 3 {
		go func() {
			c, err := Start(context.Background(), Options{DataDir: dir, Ephemeral: true})
			if err != nil {
				t.Error(err)
			}
			results <- c
		}()
	}
	started := 0
	for range 3 {
		c := <-results
		if c == nil {
			t.FailNow()
		}
		t.Cleanup(func() { _ = c.Stop(context.Background()) })
		if c.Started() {
			started++
		}
	}
	if started != 1 {
		t.Fatalf("exactly one Start should launch the server, got %d", started)
	}
}

func TestLongPathFallsBackToPasswordTCP(t *testing.T) {
	dir := filepath.Join(t.TempDir(), strings.Repeat("d", 100))
	c := startTest(t, dir)
	if c.password == "" || c.host != "127.0.0.1" {
		t.Fatalf("want TCP with a password, got host %q", c.host)
	}
	mustExec(t, connect(t, c), "SELECT 1")
	noPassword := fmt.Sprintf("postgres://%s@127.0.0.1:%d/postgres?sslmode=disable", Superuser, c.port)
	if conn, err := pgx.Connect(context.Background(), noPassword); err == nil {
		conn.Close(context.Background())
		t.Fatal("TCP connection without the password must be refused")
	}
}

// A client connected for longer than the grace stays: counting it again
// for a whole second only slowed down every command run beside a demo.
func TestDoneCountingWaitsOnlyForYoungBackends(t *testing.T) {
	for _, c := range []struct {
		others, young int
		waited        time.Duration
		want          bool
	}{
		{0, 0, 0, true},
		{2, 0, closingSettle, true},
		{2, 0, 0, false},             // a closing backend may still be leaving
		{2, 1, closingSettle, false}, // one just connected may be on its way out
		{1, 1, 900 * time.Millisecond, false},
	} {
		if got := doneCounting(c.others, c.young, c.waited); got != c.want {
			t.Errorf("doneCounting(%d, %d, %v) = %v", c.others, c.young, c.waited, got)
		}
	}
}
