package bench

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// serveChild is `zumodra serve` running as a child process on a free port.
type serveChild struct {
	cmd  *exec.Cmd
	name string
	base string // http://host:port
	// Ready is the time from the start to the first 200 of /readyz, and
	// FirstPage to the first 200 of the careers list after it.
	Ready, FirstPage time.Duration
}

// startServe starts `zumodra serve` with args (the listen address is
// added) and waits until it is ready and serves the careers list.
func (s *suite) startServe(ctx context.Context, args ...string) (*serveChild, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	c := &serveChild{name: "zumodra serve " + strings.Join(args, " "), base: "http://" + addr}
	c.cmd = exec.CommandContext(ctx, s.opts.Binary, append([]string{"serve", "--addr", addr}, args...)...)
	c.cmd.Env = childEnv(s.opts.DatabaseURL)
	c.cmd.Stderr = os.Stderr
	start := time.Now()
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start %s: %w", c.name, err)
	}
	if err := waitHTTP(ctx, c.base+"/readyz", time.Minute); err != nil {
		c.stop()
		return nil, fmt.Errorf("bench: %s: %w", c.name, err)
	}
	c.Ready = time.Since(start)
	if err := waitHTTP(ctx, c.base+careersList, 30*time.Second); err != nil {
		c.stop()
		return nil, fmt.Errorf("bench: %s: %w", c.name, err)
	}
	c.FirstPage = time.Since(start)
	return c, nil
}

// stop ends the child with SIGTERM, as an operator would, and waits.
func (c *serveChild) stop() {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	_ = c.cmd.Wait()
}

// memory reads the child's resident set now and its peak (VmRSS and VmHWM
// of /proc; zero where there is no /proc).
func (c *serveChild) memory() (rss, peak int64) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		switch {
		case err != nil:
		case name == "VmRSS":
			rss = kb * 1024
		case name == "VmHWM":
			peak = kb * 1024
		}
	}
	return rss, peak
}

// waitHTTP polls url every 10 ms until it answers 200.
func waitHTTP(ctx context.Context, url string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("no 200 from %s within %s", url, limit)
}
