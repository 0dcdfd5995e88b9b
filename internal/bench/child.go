package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"syscall"
	"time"
)

// ChildRun is one run of the zumodra binary as a child process.
type ChildRun struct {
	Args    []string
	Wall    time.Duration
	MaxRSS  int64 // bytes, from the child's rusage (ru_maxrss)
	CPU     time.Duration
	Output  string
	ExitErr error
}

// runChild runs bin with args and DATABASE_URL set, and reads its peak
// resident memory from the rusage the kernel keeps for it.
func runChild(ctx context.Context, bin, dbURL string, args ...string) (ChildRun, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = childEnv(dbURL)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	r := ChildRun{Args: args, Wall: time.Since(start), Output: out.String(), ExitErr: err}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru != nil {
		r.MaxRSS = ru.Maxrss * 1024 // kilobytes on Linux
		r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if err != nil {
		return r, fmt.Errorf("bench: %s %v: %w\n%s", bin, args, err, tail(r.Output, 2000))
	}
	return r, nil
}

func childEnv(dbURL string) []string {
	return append(cleanEnv(), "DATABASE_URL="+dbURL, "ZUMODRA_LOG_LEVEL=warn", "ZUMODRA_LOG_FORMAT=text")
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
