package bench

import (
	"fmt"
	"time"
)

// writesTable compares the writers' commit rate on each table with the
// table without capture, with the server CPU each transaction cost.
func writesTable(c CaptureResult) string {
	var base WriteRun
	if len(c.Writes) > 0 {
		base = c.Writes[0]
	}
	var rows [][]string
	for _, w := range c.Writes {
		cpu, extra := "unknown", "unknown"
		if w.ServerPerTx > 0 && base.ServerPerTx > 0 {
			cpu, extra = micros(w.ServerPerTx), micros(w.ServerPerTx-base.ServerPerTx)
		}
		rows = append(rows, []string{w.Name, rate(w.TPS), fmt.Sprintf("%.2f", ratio(w.TPS, base.TPS)), num(w.Transactions), cpu, extra})
	}
	s := fmt.Sprintf("Writer overhead of capture: pgbench -c %d -j 2 -M prepared, %s each, single-row UPDATE ... SET meta_title of a random job of the largest tenant (%s rows); the median of %d interleaved rounds\n\n",
		c.Clients, dur(c.For), num(c.Rows), writeRoundsN) +
		table([]string{"table", "commits/s", "of no capture", "transactions", "PostgreSQL CPU per commit", "extra over no capture"}, rows...)
	if len(c.Writes) > 1 {
		s += fmt.Sprintf("\n\n- capture as shipped / no capture: %.2f (goal >= 0.75: %s)", ratio(c.Writes[1].TPS, base.TPS), verdict(ratio(c.Writes[1].TPS, base.TPS) >= 0.75))
	}
	return s + "\n\nCPU: every process of the local PostgreSQL server (backends, WAL writer, reaped children) over the run, per committed transaction."
}

// wakesTable compares the ways of waking the workers.
func wakesTable(c CaptureResult) string {
	var rows [][]string
	for _, w := range c.Wakes {
		pg := "unknown"
		if w.IdlePG >= 0 {
			pg = fmt.Sprintf("%.2f%%", 100*w.IdlePG)
		}
		rows = append(rows, []string{w.Name, fmt.Sprintf("%.2f%%", 100*w.IdleGo), pg,
			num(w.Rate.Seen), dur(w.Rate.P50), dur(w.Rate.P95), dur(w.Rate.P99)})
	}
	return fmt.Sprintf("Waking the workers (2 workers; idle, then %d changes/s spread over all tenants)\n\n", wakeRate) +
		table([]string{"wake-up", "idle: Go CPU of a core", "idle: PostgreSQL CPU", "seen", "p50", "p95", "p99"}, rows...) +
		"\n\nIdle CPU: after 2 s without changes, over the idle period. The NOTIFY row's writers set zumodra.capture_notify = on; its cost to writers is in the writer-overhead table."
}

func micros(d time.Duration) string {
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}
