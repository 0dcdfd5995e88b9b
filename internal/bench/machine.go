package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Machine describes where the suite ran.
type Machine struct {
	Cores     int
	MemoryGiB float64
	CPU       string
	Postgres  string
	Go        string
	Load      string // load average when the run started
	Settings  string // server settings that move the figures
}

func describeMachine(ctx context.Context, pool *pgxpool.Pool) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: runtime.Version(), Load: loadAverage()}
	m.CPU = procField("/proc/cpuinfo", "model name")
	var kb float64
	if _, err := fmt.Sscanf(procField("/proc/meminfo", "MemTotal"), "%f", &kb); err == nil {
		m.MemoryGiB = kb / (1 << 20)
	}
	if err := pool.QueryRow(ctx, `SELECT version()`).Scan(&m.Postgres); err != nil {
		m.Postgres = "unknown: " + err.Error()
	}
	if err := pool.QueryRow(ctx, `SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name)
		FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_wal_size', 'gin_pending_list_limit')`).Scan(&m.Settings); err != nil {
		m.Settings = "unknown"
	}
	if i := strings.Index(m.Postgres, " on "); i > 0 {
		m.Postgres = m.Postgres[:i]
	}
	return m
}

// Markdown is the machine as a one-line summary.
func (m Machine) Markdown() string {
	return fmt.Sprintf("Machine: %d cores (%s), %.1f GiB memory, %s (%s), %s, load average at start %s",
		m.Cores, m.CPU, m.MemoryGiB, m.Postgres, m.Settings, m.Go, m.Load)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// procField is the value of the first "name: value" line of a /proc file.
func procField(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
