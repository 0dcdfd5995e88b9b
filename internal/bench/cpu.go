package bench

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// cpuMeter splits a phase's CPU time between this process (the Go side:
// reading, projecting, hashing, encoding) and the PostgreSQL backends
// serving this database (parsing, tsvector, indexes, WAL), read from
// /proc when the server runs on this machine.
type cpuMeter struct {
	pool          *pgxpool.Pool
	self, backend time.Duration
}

// CPU is the CPU time a phase used, by side.
type CPU struct {
	Go, Backends time.Duration
	BackendsSeen bool // false when the server is not local: Backends unknown
}

func startCPU(ctx context.Context, pool *pgxpool.Pool) *cpuMeter {
	m := &cpuMeter{pool: pool, self: selfCPU()}
	m.backend, _ = backendCPU(ctx, pool)
	return m
}

func (m *cpuMeter) stop(ctx context.Context) CPU {
	b, ok := backendCPU(ctx, m.pool)
	return CPU{Go: selfCPU() - m.self, Backends: b - m.backend, BackendsSeen: ok}
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// backendCPU sums the CPU time of the backends connected to the current
// database. A phase's pools keep their connections, so the difference of
// two readings is the phase's server-side CPU (background processes such
// as the WAL writer are not counted).
func backendCPU(ctx context.Context, pool *pgxpool.Pool) (time.Duration, bool) {
	rows, err := pool.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return 0, false
	}
	defer rows.Close()
	var total time.Duration
	seen := false
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			continue
		}
		if d, ok := procCPU(pid); ok {
			total += d
			seen = true
		}
	}
	return total, seen
}

// procCPU reads utime+stime of a process from /proc/<pid>/stat.
func procCPU(pid int) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0, false
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100, true // USER_HZ is 100 on Linux
}
