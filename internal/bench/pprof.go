package bench

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// pprofTop is `go tool pprof -top` of a CPU profile of this process, or a
// note saying why there is none.
func pprofTop(ctx context.Context, profile string) string {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "(go not on PATH: run go tool pprof -top " + profile + ")"
	}
	exe, err := os.Executable()
	if err != nil {
		return "(" + err.Error() + ")"
	}
	out, err := exec.CommandContext(ctx, goBin, "tool", "pprof", "-top", "-nodecount=30", exe, profile).CombinedOutput()
	if err != nil {
		return "(go tool pprof: " + err.Error() + ")"
	}
	return strings.TrimSpace(string(out))
}
