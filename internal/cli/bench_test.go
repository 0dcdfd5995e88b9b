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
	}{
		{[]string{"bench", "--scale", "huge"}, "want tiny, small, medium, large or full"},
		{[]string{"bench", "--only", "bulk,everything"}, "unknown stage \"everything\""},
		{[]string{"bench", "--serves", "0"}, "want 1 to 8"},
		{[]string{"bench", "--serves", "9"}, "want 1 to 8"},
	} {
		var out, errOut bytes.Buffer
		code := Execute(tc.args, &out, &errOut, func(string) string { return "" })
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
		"bench": {"--notify", "--scale", "--only", "--serves"},
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
