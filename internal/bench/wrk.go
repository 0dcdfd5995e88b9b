package bench

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"time"
)

// wrk runs wrk with --latency and parses its report.
func (s *suite) wrk(ctx context.Context, url string, extra ...string) (LoadRun, error) {
	args := append([]string{"-t2", fmt.Sprintf("-c%d", s.scale.ReadConns),
		fmt.Sprintf("-d%ds", max(int(s.scale.ReadFor.Seconds()), 1)), "--latency"}, extra...)
	out, err := exec.CommandContext(ctx, "wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		return LoadRun{}, fmt.Errorf("bench: wrk %s: %w\n%s", url, err, out)
	}
	run, err := parseWrk(string(out))
	if err != nil {
		// No latency figures: nothing finished within wrk's timeout. That
		// is a result, not a failure of the harness.
		return LoadRun{Note: "no request finished within wrk's 2 s timeout"}, nil
	}
	s.logf("  wrk %s: p50 %s p99 %s %.0f req/s (%d non-2xx)", url, run.P50, run.P99, run.PerSec, run.Non2xx)
	return run, nil
}

var (
	wrkP50     = regexp.MustCompile(`(?m)^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$`)
	wrkP99     = regexp.MustCompile(`(?m)^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$`)
	wrkRate    = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkTotal   = regexp.MustCompile(`(\d+) requests in`)
	wrkNon2xx  = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
	wrkSockErr = regexp.MustCompile(`Socket errors:[^\n]*`)
)

func parseWrk(out string) (LoadRun, error) {
	var r LoadRun
	p50, p99 := wrkP50.FindStringSubmatch(out), wrkP99.FindStringSubmatch(out)
	rate, total := wrkRate.FindStringSubmatch(out), wrkTotal.FindStringSubmatch(out)
	if p50 == nil || p99 == nil || rate == nil || total == nil {
		return r, fmt.Errorf("unreadable wrk output")
	}
	r.P50, r.P99 = wrkDuration(p50[1], p50[2]), wrkDuration(p99[1], p99[2])
	r.PerSec, _ = strconv.ParseFloat(rate[1], 64)
	r.Requests, _ = strconv.Atoi(total[1])
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		r.Non2xx, _ = strconv.Atoi(m[1])
	}
	r.Note = wrkSockErr.FindString(out)
	return r, nil
}

func wrkDuration(v, unit string) time.Duration {
	f, _ := strconv.ParseFloat(v, 64)
	scale := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute}[unit]
	return time.Duration(f * float64(scale))
}
