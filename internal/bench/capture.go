package bench

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/outbox"
)

// CaptureResult is what capture costs the tenant's own writers, and what
// each way of waking the workers costs and delivers.
type CaptureResult struct {
	Clients int
	For     time.Duration
	Rows    int // rows of the table the writers update
	Writes  []WriteRun
	Wakes   []WakeRun
}

// WriteRun is one pgbench run of single-row UPDATEs.
type WriteRun struct {
	Name         string
	TPS          float64
	Transactions int
	ServerPerTx  time.Duration // PostgreSQL CPU (all its processes) per transaction; 0 when not local
}

// writeVariant is a table and the session settings pgbench updates it with.
type writeVariant struct {
	name, table, options string
}

// runCapture measures writer overhead: pgbench, Clients connections, each
// transaction one UPDATE ... SET meta_title of a random row of the largest
// tenant's job_postings, against identical tables in the same schema: one
// without capture triggers (the baseline), one with the capture as shipped,
// with and without NOTIFY, and one with the previous dynamic capture
// function. Then the wake-up options (runWakes).
func (s *suite) runCapture(ctx context.Context) (CaptureResult, error) {
	r := CaptureResult{Clients: s.scale.ReadConns, For: s.scale.ReadFor}
	schema, err := s.largestTenantSchema(ctx)
	if err != nil {
		return r, err
	}
	variants, drop, err := s.captureTables(ctx, schema, &r.Rows)
	defer drop()
	if err != nil {
		return r, err
	}
	if r.Writes, err = s.writeRounds(ctx, variants, r.Rows); err != nil {
		return r, err
	}
	r.Wakes, err = s.runWakes(ctx)
	return r, err
}

// writeRounds runs the variants in turn, writeRoundsN times over, and keeps
// each variant's median round by commit rate: on a shared machine, load
// that comes and goes then falls on every variant alike.
func (s *suite) writeRounds(ctx context.Context, variants []writeVariant, rows int) ([]WriteRun, error) {
	runs := make([][]WriteRun, len(variants))
	for round := range writeRoundsN {
		for i, v := range variants {
			w, err := s.pgbenchWrites(ctx, v, rows)
			if err != nil {
				return nil, err
			}
			// Workers would drain the outbox as it fills; here nobody does.
			if err := s.emptyOutbox(ctx); err != nil {
				return nil, err
			}
			s.logf("  writes round %d, %s: %.0f tps, PostgreSQL CPU %s per commit", round+1, v.name, w.TPS, micros(w.ServerPerTx))
			runs[i] = append(runs[i], w)
		}
	}
	out := make([]WriteRun, len(variants))
	for i, rs := range runs {
		slices.SortFunc(rs, func(a, b WriteRun) int { return cmp.Compare(a.TPS, b.TPS) })
		out[i] = rs[len(rs)/2]
	}
	return out, nil
}

func (s *suite) emptyOutbox(ctx context.Context) error {
	if err := outbox.Purge(ctx, s.pool, true); err != nil {
		return fmt.Errorf("bench: empty the outbox: %w", err)
	}
	return nil
}

// writeRoundsN is how many times each writer variant runs.
const writeRoundsN = 3

func (s *suite) largestTenantSchema(ctx context.Context) (string, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT tenant_id FROM public.job_catalog GROUP BY tenant_id ORDER BY count(*) DESC, tenant_id LIMIT 1`).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("bench: largest tenant: %w", err)
	}
	for _, t := range s.gen.Tenants {
		if t.ID == id {
			return t.SchemaName, nil
		}
	}
	return "", fmt.Errorf("bench: tenant %d not generated", id)
}

// captureTables copies the tenant's job_postings twice beside it, same rows
// and indexes: one with the model's own row trigger only (no capture), one
// with the previous capture (public.zumodra_capture, which looks the tenant
// up and builds its SQL per statement) on UPDATE.
func (s *suite) captureTables(ctx context.Context, schema string, rows *int) ([]writeVariant, func(), error) {
	src := pgx.Identifier{schema, "job_postings"}.Sanitize()
	plain := pgx.Identifier{schema, "bench_plain_jobs"}.Sanitize()
	dynamic := pgx.Identifier{schema, "bench_dynamic_jobs"}.Sanitize()
	drop := func() {
		_, _ = s.pool.Exec(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS `+plain+`, `+dynamic)
	}
	stmts := []string{}
	for _, t := range []string{plain, dynamic} {
		stmts = append(stmts,
			`CREATE TABLE `+t+` (LIKE `+src+` INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
			`INSERT INTO `+t+` SELECT * FROM `+src,
			`CREATE TRIGGER touch BEFORE UPDATE ON `+t+` FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch()`)
	}
	stmts = append(stmts,
		`CREATE TRIGGER capture_upd AFTER UPDATE ON `+dynamic+` REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
			FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('job', 'id')`,
		`ANALYZE `+plain, `ANALYZE `+dynamic)
	for _, q := range stmts {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			return nil, drop, fmt.Errorf("bench: capture tables: %w", err)
		}
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM `+src).Scan(rows); err != nil {
		return nil, drop, err
	}
	return []writeVariant{
		{"no capture (same table, no capture triggers)", plain, ""},
		{"capture as shipped (no NOTIFY)", src, ""},
		{"capture as shipped, zumodra.capture_notify = on", src, "-c zumodra.capture_notify=on"},
		{"previous capture (tenant lookup and dynamic SQL per statement), no NOTIFY", dynamic, ""},
	}, drop, nil
}

// pgbenchWrites runs one variant: a random id of the table's range (the
// generator numbers a tenant's jobs 1..n), through the primary key.
func (s *suite) pgbenchWrites(ctx context.Context, v writeVariant, rows int) (WriteRun, error) {
	w := WriteRun{Name: v.name}
	dir, err := os.MkdirTemp("", "zumodra-capture")
	if err != nil {
		return w, err
	}
	defer os.RemoveAll(dir)
	var lo, hi int64
	if err := s.pool.QueryRow(ctx, `SELECT min(id), max(id) FROM `+v.table).Scan(&lo, &hi); err != nil {
		return w, fmt.Errorf("bench: id range: %w", err)
	}
	script := fmt.Sprintf("\\set id random(%d, %d)\nUPDATE %s SET meta_title = 'bench ' || :id WHERE id = :id;\n", lo, hi, v.table)
	path := filepath.Join(dir, "update.sql")
	if err := os.WriteFile(path, []byte(script), 0o600); err != nil {
		return w, err
	}
	var dbName string
	if err := s.pool.QueryRow(ctx, `SELECT current_database()`).Scan(&dbName); err != nil {
		return w, err
	}
	env, err := pgEnv(s.opts.DatabaseURL, dbName)
	if err != nil {
		return w, err
	}
	if v.options != "" {
		env = append(env, "PGOPTIONS="+v.options)
	}
	before, local := serverCPU(ctx, s.pool)
	cmd := exec.CommandContext(ctx, "pgbench", "-n", "-M", "prepared", "-c", strconv.Itoa(s.scale.ReadConns), "-j", "2",
		"-T", strconv.Itoa(max(int(s.scale.ReadFor.Seconds()), 1)), "-f", path)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return w, fmt.Errorf("bench: pgbench writes: %w\n%s", err, out)
	}
	after, _ := serverCPU(ctx, s.pool)
	m := pgbenchTPS.FindStringSubmatch(string(out))
	tx := pgbenchTx.FindStringSubmatch(string(out))
	if m == nil || tx == nil {
		return w, fmt.Errorf("bench: unreadable pgbench output\n%s", out)
	}
	w.TPS, _ = strconv.ParseFloat(m[1], 64)
	w.Transactions, _ = strconv.Atoi(tx[1])
	if local && w.Transactions > 0 {
		w.ServerPerTx = (after - before) / time.Duration(w.Transactions)
	}
	return w, nil
}
