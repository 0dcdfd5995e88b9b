package bench

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// serverCPU is the CPU the whole local PostgreSQL server has used: its
// live processes plus, through the postmaster's cutime and cstime, every
// child it has reaped. The difference of two readings therefore counts the
// backends of clients that came and went between them (pgbench's), which
// backendCPU, reading only live backends, cannot. ok is false when the
// server is not on this machine.
func serverCPU(ctx context.Context, pool *pgxpool.Pool) (time.Duration, bool) {
	rows, err := pool.Query(ctx, `SELECT pid FROM pg_stat_activity`)
	if err != nil {
		return 0, false
	}
	defer rows.Close()
	var total time.Duration
	postmaster := 0
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			continue
		}
		f, ok := procStat(pid)
		if !ok {
			continue
		}
		total += ticks(f[11]) + ticks(f[12])
		postmaster, _ = strconv.Atoi(f[1])
	}
	if postmaster == 0 {
		return 0, false
	}
	f, ok := procStat(postmaster)
	if !ok {
		return 0, false
	}
	// utime, stime, cutime, cstime of the postmaster itself.
	return total + ticks(f[11]) + ticks(f[12]) + ticks(f[13]) + ticks(f[14]), true
}

// procStat returns the fields of /proc/<pid>/stat after the command name:
// f[0] is the state, f[1] the parent pid, f[11] utime, f[12] stime, f[13]
// cutime, f[14] cstime.
func procStat(pid int) ([]string, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil, false
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	return f, len(f) >= 15
}

func ticks(s string) time.Duration {
	n, _ := strconv.ParseInt(s, 10, 64)
	return time.Duration(n) * time.Second / 100 // USER_HZ is 100 on Linux
}
