package cli

import (
	"bytes"
	"strings"
	"testing"
)

// `zumodra bench` refuses what it cannot run before touching a database:
// bad usage exits 2 and says what is wanted. The suite itself runs in
// internal/bench's TestSuiteTiny, through the binary.
func TestBenchRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
		env  map[string]string
	}{
		{[]string{"bench", "--scale", "huge"}, "want tiny, small, medium, large or full", nil},
		{[]string{"bench", "--only", "bulk,everything"}, "unknown stage \"everything\"", nil},
		{[]string{"bench", "--serves", "0"}, "want 1 to 8", nil},
		{[]string{"bench", "--serves", "9"}, "want 1 to 8", nil},
		{[]string{"bench", "--replica", "--read-database-url", "postgres://replica/db"}, "--replica makes a replica of the embedded cluster", nil},
		{[]string{"bench", "--replica"}, "--replica makes a replica of the embedded cluster", map[string]string{"DATABASE_URL": "postgres://primary/db"}},
	} {
		var out, errOut bytes.Buffer
		code := Execute(tc.args, &out, &errOut, func(k string) string { return tc.env[k] })
		if code != 2 || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut.String(), tc.want)
		}
	}
}

// The options that replaced the separate benchmark tools are on the one
// harness and on serve.
func TestBenchAndServeHelpNameTheirOptions(t *testing.T) {
	t.Parallel()
	for cmd, flags := range map[string][]string{
		"bench": {"--notify", "--scale", "--only", "--serves", "--replica"},
		"serve": {"--result-cache", "--api-rate-limit", "--form-rate-limit"},
	} {
		var out, errOut bytes.Buffer
		if code := Execute([]string{cmd, "--help"}, &out, &errOut, func(string) string { return "" }); code != 0 {
			t.Fatalf("%s --help: exit %d\n%s", cmd, code, errOut.String())
		}
		for _, f := range flags {
			if !strings.Contains(out.String(), f) {
				t.Errorf("%s --help lacks %s:\n%s", cmd, f, out.String())
			}
		}
	}
}
