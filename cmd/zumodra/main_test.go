package main_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/migrate"
	"github.com/zumodra/zumodra/internal/testdb"
)

// binary is built once per test process from this very source.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zumodra-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "zumodra")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// zumodra runs the binary against dbURL and returns what it printed.
func zumodra(t *testing.T, dbURL string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "ZUMODRA_LOG_FORMAT=json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("run %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// must runs the binary and fails the test unless it exits with want and
// its stdout contains every one of contains.
func must(t *testing.T, dbURL string, want int, args []string, contains ...string) string {
	t.Helper()
	r := zumodra(t, dbURL, args...)
	if r.code != want {
		t.Fatalf("zumodra %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, want, r.stdout, r.stderr)
	}
	for _, s := range contains {
		if !strings.Contains(r.stdout+r.stderr, s) {
			t.Fatalf("zumodra %s: output lacks %q\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), s, r.stdout, r.stderr)
		}
	}
	return r.stdout
}

// emptyDatabase returns a test database with nothing in it, so that
// migrate has everything to do.
func emptyDatabase(t *testing.T) string {
	url := testdb.NewURL(t)
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `DROP SCHEMA public CASCADE; CREATE SCHEMA public`); err != nil {
		t.Fatal(err)
	}
	return url
}

var keyPattern = regexp.MustCompile(`zmd_[a-z0-9_-]{8}_[A-Za-z0-9_-]{43}`)

func TestMigrateAndShowMigrations(t *testing.T) {
	t.Parallel()
	db := emptyDatabase(t)
	nShared := len(migrate.Shared())
	must(t, db, 0, []string{"showmigrations"}, " [ ] 0001_tenants", fmt.Sprintf("Shared: 0 applied, %d pending.", nShared))
	must(t, db, 0, []string{"migrate"}, "Step 1/2: Migrating shared schema (public)...", "Applied 0001_tenants",
		fmt.Sprintf("Shared schema: %d applied.", nShared), "Tenant schemas: 0 visited")
	must(t, db, 0, []string{"tenants", "create", "acme", "--name", "Acme"})
	must(t, db, 0, []string{"migrate"}, "Shared schema: no migrations to apply.",
		"Tenant schemas: 1 visited, 0 migrated, 1 up to date, 0 failed; 0 migrations applied")
	must(t, db, 0, []string{"migrate", "--shared"}, "Shared schema: no migrations to apply.")
	must(t, db, 0, []string{"migrate", "--tenant"}, "Tenant schemas: 1 visited")
	must(t, db, 0, []string{"migrate", "--tenant=acme"}, "Tenant schemas: 1 visited, 0 migrated, 1 up to date")
	must(t, db, 1, []string{"migrate", "--tenant=nosuch"}, `tenant "nosuch" not found`)
	must(t, db, 2, []string{"migrate", "--shared", "--tenant"}, "exclude each other")
	out := must(t, db, 0, []string{"showmigrations"}, "shared (public)\n [X] 0001_tenants", "tenant acme (t_acme)\n [X] 0001_model",
		fmt.Sprintf("Shared: %d applied, 0 pending. Tenants: 1, 1 up to date, 0 with pending migrations", nShared))
	if strings.Contains(out, "[ ]") {
		t.Fatalf("nothing should be pending:\n%s", out)
	}
}

func TestMigrateCompletesATenantMissingAMigration(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	must(t, db, 0, []string{"tenants", "create", "acme", "--name", "Acme"})
	must(t, db, 0, []string{"tenants", "create", "globex", "--name", "Globex"})
	forgetCaptureMigration(t, db, "t_globex")
	must(t, db, 0, []string{"showmigrations", "--tenant=globex"}, "tenant globex (t_globex)\n [X] 0001_model\n [ ] 0002_capture",
		"Tenants: 1, 0 up to date, 1 with pending migrations (1 pending in all)")
	must(t, db, 0, []string{"showmigrations", "--pending"}, "tenant globex", "Tenants: 2, 1 up to date, 1 with pending")
	must(t, db, 0, []string{"migrate"}, "Tenant schemas: 2 visited, 1 migrated, 1 up to date, 0 failed; 1 migrations applied",
		"tenant schemas 2/2 (100%)")
	must(t, db, 0, []string{"showmigrations"}, "Tenants: 2, 2 up to date, 0 with pending migrations")
}

// forgetCaptureMigration undoes the tenant track's last migration by hand, as
// if the schema predated it.
func forgetCaptureMigration(t *testing.T, db, schema string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(context.Background(), `DO $$
		DECLARE r record;
		BEGIN
			FOR r IN SELECT tgname, c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
				JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = '`+schema+`' AND tgname LIKE '%capture%' LOOP
				EXECUTE format('DROP TRIGGER %I ON %I.%I', r.tgname, '`+schema+`', r.relname);
			END LOOP;
		END $$;
		DELETE FROM `+schema+`.schema_migrations WHERE version = 2`)
	if err != nil {
		t.Fatal(err)
	}
}

func TestTenantsLifecycle(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	out := must(t, db, 0, []string{"tenants", "create", "democompany", "--name", "Demo Company", "--logo-url", "https://demo.example/logo.png"},
		"Created tenant democompany (Demo Company), schema t_democompany, status active.", "shown only now and cannot be shown again")
	if keys := keyPattern.FindAllString(out, -1); len(keys) != 1 {
		t.Fatalf("want exactly one API key printed, got %v:\n%s", keys, out)
	}
	must(t, db, 1, []string{"tenants", "create", "democompany", "--name", "Again"}, `tenant "democompany" already exists`)
	must(t, db, 2, []string{"tenants", "create", "Bad-Slug", "--name", "X"}, "slug: must match")
	must(t, db, 2, []string{"tenants", "create", "acme"}, "--name: must not be empty")
	must(t, db, 2, []string{"tenants", "create"}, "accepts 1 arg(s)")
	must(t, db, 0, []string{"tenants", "list"}, "SLUG", "democompany  Demo Company  active  t_democompany", "1 tenants")
	must(t, db, 0, []string{"tenants", "list", "--json"}, `"slug":"democompany"`, `"logo_url":"https://demo.example/logo.png"`)
	must(t, db, 0, []string{"tenants", "show", "democompany"}, "Status:    active", "API keys:        1 active, 0 revoked")
	must(t, db, 1, []string{"tenants", "show", "nosuch"}, `tenant "nosuch" not found`)

	must(t, db, 0, []string{"tenants", "suspend", "democompany"}, "is suspended")
	must(t, db, 0, []string{"tenants", "show", "democompany"}, "Status:    suspended")
	must(t, db, 0, []string{"tenants", "activate", "democompany"}, "is active")
	must(t, db, 0, []string{"tenants", "rename", "democompany", "Demo Company Ltd"}, `now named "Demo Company Ltd"`)
	must(t, db, 0, []string{"tenants", "list"}, "Demo Company Ltd")
	must(t, db, 2, []string{"tenants", "rename", "democompany", "   "}, "must not be empty")
	must(t, db, 0, []string{"tenants", "update", "democompany", "--logo-url", "/media/demo.png"},
		"Updated tenant democompany.", "Logo URL:  /media/demo.png", "Name:      Demo Company Ltd")
	must(t, db, 2, []string{"tenants", "update", "democompany", "--logo-url", "http://demo.example/logo.png"}, "logo_url: must use https")
	must(t, db, 2, []string{"tenants", "update", "democompany"}, "nothing to update")
	must(t, db, 0, []string{"tenants", "update", "democompany", "--name", "Demo Company", "--logo-url", ""}, "Name:      Demo Company\n")
	must(t, db, 0, []string{"tenants", "show", "democompany"}, "Logo URL:  \n")

	out = must(t, db, 0, []string{"tenants", "keys", "create", "democompany", "--name", "ci"}, `API key "ci" (id 2)`)
	if !keyPattern.MatchString(out) {
		t.Fatalf("no key printed:\n%s", out)
	}
	must(t, db, 0, []string{"tenants", "keys", "revoke", "democompany", "1"}, "Revoked key 1")
	out = must(t, db, 0, []string{"tenants", "keys", "list", "democompany"}, "ID", "ci", "active", "revoked")
	if keyPattern.MatchString(out) {
		t.Fatalf("keys list must never show a secret:\n%s", out)
	}
	must(t, db, 1, []string{"tenants", "keys", "revoke", "democompany", "99"}, "key 99")
	must(t, db, 2, []string{"tenants", "keys", "revoke", "democompany", "one"}, "want the numeric id")

	must(t, db, 2, []string{"tenants", "delete", "democompany"}, "refusing to delete", "schema t_democompany")
	must(t, db, 0, []string{"tenants", "show", "democompany"}, "Slug:")
	must(t, db, 0, []string{"tenants", "delete", "democompany", "--confirm"}, "Deleted tenant democompany")
	must(t, db, 1, []string{"tenants", "show", "democompany"}, "not found")
	must(t, db, 0, []string{"tenants", "list"}, "0 tenants")
}

func TestTenantsUpdateProfile(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	must(t, db, 0, []string{"tenants", "create", "acme", "--name", "Acme"}, "Created tenant acme")
	must(t, db, 0, []string{"tenants", "update", "acme", "--website", "https://acme.example", "--industry", "Software",
		"--size", "51-200", "--founded-year", "2009", "--headquarters-city", "Berlin", "--headquarters-country", "DE",
		"--social-link", "https://github.com/acme", "--social-link", "https://x.com/acme", "--description", "We build\n\ntools."},
		"Updated tenant acme.", "Website:       https://acme.example\n", "Size:          51-200\n", "Founded:       2009\n",
		"Headquarters:  Berlin, DE\n", "Social links:  https://github.com/acme https://x.com/acme\n", "Description:   We build tools.\n")
	// Flags not given stay; "" and 0 remove.
	must(t, db, 0, []string{"tenants", "update", "acme", "--founded-year", "0", "--social-link", "", "--website", ""},
		"Industry:      Software\n", "Founded:       \n", "Social links:  \n", "Website:       \n")
	must(t, db, 0, []string{"tenants", "show", "acme"}, "Industry:      Software\n", "Headquarters:  Berlin, DE\n")
	must(t, db, 2, []string{"tenants", "update", "acme", "--website", "ftp://acme.example", "--size", "huge",
		"--founded-year", "1200", "--social-link", "http://x.com/acme"}, "website:", "size:", "founded_year:", "social_links:")
	must(t, db, 0, []string{"tenants", "update", "--help"}, "Examples:", "--social-link", "--founded-year", "51-200")
}

func TestVersionAndUsage(t *testing.T) {
	t.Parallel()
	must(t, "", 0, []string{"version"}, "zumodra ", "commit ", "go1.")
	must(t, "", 0, []string{"version", "--json"}, `"go_version":"go1.`)
	must(t, "", 2, []string{"nosuch"}, `unknown command "nosuch"`)
	must(t, "", 2, []string{"migrate", "--nosuch"}, "unknown flag: --nosuch")
	must(t, "", 2, []string{"version", "--log-format=xml"}, "log format")
	out := must(t, "", 0, []string{"migrate", "--help"}, "Examples:", "zumodra migrate --tenant=democompany")
	_ = out
}

// started is a long-running zumodra (serve, demo) and what it printed
// before saying where it listens.
type started struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:port
	head   []string
	stderr *bytes.Buffer
}

// start runs zumodra args against dbURL and reads its output up to the
// line starting with marker; the first URL printed is its address.
func start(t *testing.T, dbURL, marker string, env []string, args ...string) *started {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "DATABASE_URL="+dbURL, "ZUMODRA_LOG_FORMAT=json"), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &started{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	lines := bufio.NewScanner(stdout)
	addr := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	for lines.Scan() {
		s.head = append(s.head, lines.Text())
		if s.base == "" {
			s.base = addr.FindString(lines.Text())
		}
		if strings.HasPrefix(lines.Text(), marker) {
			break
		}
	}
	if s.base == "" {
		t.Fatalf("%v never said where it listens; stdout:\n%s\nstderr:\n%s", args, strings.Join(s.head, "\n"), s.stderr.String())
	}
	go func() {
		for lines.Scan() { // keep the pipe drained; head is complete already
		}
	}()
	return s
}

func (s *started) get(t *testing.T, path string) int {
	t.Helper()
	resp, err := http.Get(s.base + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("GET %s: no security headers: %v", path, resp.Header)
	}
	return resp.StatusCode
}

// stop sends SIGTERM and expects a clean exit, logged as such.
func (s *started) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v\nstderr:\n%s", err, s.stderr.String())
	}
	if !strings.Contains(s.stderr.String(), `"msg":"stopped"`) {
		t.Fatalf("no orderly shutdown logged:\n%s", s.stderr.String())
	}
	if _, err := http.Get(s.base); err == nil {
		t.Fatal("still answering after SIGTERM")
	}
}

func TestServeAnswersAndStopsOnSIGTERM(t *testing.T) {
	t.Parallel()
	const token = "admin-token-never-logged"
	s := start(t, testdb.NewURL(t), "Listening on ", []string{"ZUMODRA_ADMIN_TOKEN=" + token}, "serve", "--addr", "127.0.0.1:0")
	if code := s.get(t, "/careers/"); code != http.StatusOK {
		t.Fatalf("GET /careers/: %d", code)
	}
	// Listening comes before ready: /readyz waits for the search index,
	// built in the background from the catalog.
	for deadline := time.Now().Add(30 * time.Second); s.get(t, "/readyz") != http.StatusOK; {
		if time.Now().After(deadline) {
			t.Fatal("GET /readyz: not 200 within 30s of listening")
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, path := range []string{"/", "/browse-freelancers/", "/api/v1/careers/jobs", "/api/openapi.json", "/healthz", "/readyz", "/metrics"} {
		if code := s.get(t, path); code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, code)
		}
	}
	if code := s.get(t, "/admin/api/overview"); code != http.StatusUnauthorized {
		t.Fatalf("GET /admin/api/overview without the token: %d, want 401", code)
	}
	if code := s.get(t, "/no-such-page"); code != http.StatusNotFound {
		t.Fatalf("GET /no-such-page: %d", code)
	}
	s.stop(t)
	if logs := s.stderr.String(); strings.Contains(logs, token) || !strings.Contains(logs, `"admin_token":"REDACTED"`) {
		t.Fatalf("the admin token must be logged as REDACTED, never in clear:\n%s", logs)
	}
}

// frontDoorLine is the address of / among those demo prints.
var frontDoorLine = regexp.MustCompile(`(?m)^  http://[^/\s]+/$`)

// The main job: demo sets everything up, its workers publish exactly the
// eligible rows, and a second run reuses data and key.
func TestDemoPublishesAndRerunsReuse(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	keys := filepath.Join(t.TempDir(), "keys.json")
	s := start(t, db, "Started ", nil, "demo", "--addr", "127.0.0.1:0", "--keys-file", keys)
	head := strings.Join(s.head, "\n")
	for _, want := range []string{"Demo Company (democompany), created: 15 public jobs (+5 kept private), 8 marketplace providers (+2 kept private)",
		"Freelancer Hub (freelancerhub), created: 5 public jobs (+3 kept private), 12 marketplace providers (+3 kept private)"} {
		if !strings.Contains(head, want) {
			t.Fatalf("demo output lacks %q:\n%s", want, head)
		}
	}
	for _, want := range []string{"/careers/", "/browse-freelancers/", "/admin/", "/metrics", "/api/openapi.json", "Admin token for this run"} {
		if !strings.Contains(head, want) {
			t.Fatalf("demo output lacks %q:\n%s", want, head)
		}
	}
	if !frontDoorLine.MatchString(head) {
		t.Fatalf("demo output lacks the front door /:\n%s", head)
	}
	firstKey := keyPattern.FindString(head)
	waitForCatalog(t, db, 20, 20)
	if code := s.get(t, "/careers/"); code != http.StatusOK {
		t.Fatalf("GET /careers/: %d", code)
	}
	s.stop(t)
	out := must(t, db, 0, []string{"demo", "--no-serve", "--keys-file", keys}, "Demo Company (democompany), existing data reused: 15 public jobs")
	if keyPattern.FindString(out) != firstKey {
		t.Fatalf("second run must print the same key %s:\n%s", firstKey, out)
	}
	must(t, db, 0, []string{"demo", "--no-serve", "--reset", "--keys-file", keys}, "Reset: deleted 2 demo tenants", "Demo Company (democompany), created")
}

// waitForCatalog polls until the workers have published the given numbers
// of jobs and providers (a deadline, not a sleep to move a clock).
func waitForCatalog(t *testing.T, db string, jobs, providers int) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	deadline := time.Now().Add(60 * time.Second)
	var j, p int
	for time.Now().Before(deadline) {
		err := conn.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM public.job_catalog), (SELECT count(*) FROM public.provider_catalog)`).Scan(&j, &p)
		if err != nil {
			t.Fatal(err)
		}
		if j == jobs && p == providers {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("catalog has %d jobs and %d providers, want %d and %d", j, p, jobs, providers)
}

func TestWorkerRunsUntilSIGTERM(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	must(t, db, 0, []string{"tenants", "create", "acme", "--name", "Acme"})
	cmd := exec.Command(binary, "worker", "--workers", "1")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+db, "ZUMODRA_LOG_FORMAT=json")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "Running 1 sync workers; stop with Ctrl-C.\n" {
		t.Fatalf("worker said %q, %v; stderr:\n%s", line, err, stderr.String())
	}
	// A change made now is published by this worker: proof it works, not
	// just that it started.
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `INSERT INTO t_acme.job_postings (title, status, published_on_career_page, published_at)
		VALUES ('Welder', 'open', true, now())`); err != nil {
		t.Fatal(err)
	}
	waitForCatalog(t, db, 1, 0)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil || !strings.Contains(stderr.String(), `"msg":"workers stopped"`) {
		t.Fatalf("worker after SIGTERM: %v\n%s", err, stderr.String())
	}
	must(t, db, 2, []string{"worker", "--workers", "0"}, "--workers must be at least 1")
}

// A schema whose migration fails is reported by name, the others migrate,
// the exit status is 1, and once the cause is fixed a rerun completes it.
func TestMigrateReportsAFailingSchema(t *testing.T) {
	t.Parallel()
	db := testdb.NewURL(t)
	must(t, db, 0, []string{"tenants", "create", "acme", "--name", "Acme"})
	must(t, db, 0, []string{"tenants", "create", "globex", "--name", "Globex"})
	forgetCaptureMigration(t, db, "t_acme")
	forgetCaptureMigration(t, db, "t_globex")
	// Without the table its first trigger is for, 0002_capture fails in t_globex only.
	exec1(t, db, `ALTER TABLE t_globex.job_postings RENAME TO job_postings_moved`)
	must(t, db, 1, []string{"migrate", "--tenant"}, "Tenant schemas: 2 visited, 1 migrated, 0 up to date, 1 failed",
		"FAILED t_globex: 0002_capture", "1 of 2 tenant schemas failed to migrate")
	exec1(t, db, `ALTER TABLE t_globex.job_postings_moved RENAME TO job_postings`)
	must(t, db, 0, []string{"migrate", "--tenant"}, "Tenant schemas: 2 visited, 1 migrated, 1 up to date, 0 failed")
}

func exec1(t *testing.T, db, sql string) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatal(err)
	}
}
