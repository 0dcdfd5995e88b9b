package bench

import (
	"os"
	"strings"
)

// cleanEnv is this process's environment without the variables the suite
// sets for its children, so that theirs win.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "DATABASE_URL=") || strings.HasPrefix(kv, "ZUMODRA_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}
