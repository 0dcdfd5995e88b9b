package cli

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		ran  bool
		want int
	}{
		{"success", nil, true, ExitOK},
		{"before the command ran: flags, args, unknown command", errors.New("unknown flag"), false, ExitUsage},
		{"usage error from Validate", usageErrorf("bad"), true, ExitUsage},
		{"invalid input from the domain", domain.FieldError("slug", "bad"), true, ExitUsage},
		{"wrapped invalid input", fmt.Errorf("create: %w", domain.FieldError("name", "bad")), true, ExitUsage},
		{"not found", domain.Errorf(domain.CodeNotFound, "tenant %q not found", "x"), true, ExitFailure},
		{"conflict", domain.Errorf(domain.CodeConflict, "exists"), true, ExitFailure},
		{"database failure", errors.New("connection refused"), true, ExitFailure},
		{"explicit status", exitError{code: 3, msg: "x"}, true, 3},
	} {
		if got := exitCode(tc.err, tc.ran); got != tc.want {
			t.Errorf("%s: exit %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestReportShowsSafeMessageAndHint(t *testing.T) {
	var b bytes.Buffer
	err := fmt.Errorf("create tenant: %w", &domain.Error{Code: domain.CodeConflict, Message: `tenant "acme" already exists`, Err: errors.New("pq: duplicate key 23505")})
	report(&b, err, ExitFailure, "zumodra tenants create")
	if got := b.String(); got != "error: tenant \"acme\" already exists\n" {
		t.Fatalf("report = %q", got)
	}
	b.Reset()
	report(&b, usageErrorf("--shared and --tenant exclude each other"), ExitUsage, "zumodra migrate")
	if !strings.Contains(b.String(), "Run 'zumodra migrate --help' for usage.") {
		t.Fatalf("usage hint missing: %q", b.String())
	}
}

func TestProgressPlainAndTerminal(t *testing.T) {
	now := time.Unix(0, 0)
	clock := func() time.Time { return now }
	var plain bytes.Buffer
	p := newProgress(&plain, false, "tenant schemas", clock)
	for i := 1; i <= 1000; i++ {
		p.update(i, 1000)
	}
	lines := strings.Split(strings.TrimSuffix(plain.String(), "\n"), "\n")
	if len(lines) != 11 || lines[0] != "  tenant schemas 1/1000 (0%)" || lines[10] != "  tenant schemas 1000/1000 (100%)" {
		t.Fatalf("plain progress: the start, then one line per tenth; got %d:\n%s", len(lines), plain.String())
	}
	var tty bytes.Buffer
	p = newProgress(&tty, true, "tenant schemas", clock)
	p.update(1, 2)
	now = now.Add(1500 * time.Millisecond)
	p.update(2, 2)
	want := "\r  tenant schemas [###############...............] 1/2 0s" +
		"\r  tenant schemas [##############################] 2/2 1.5s\n"
	if tty.String() != want {
		t.Fatalf("terminal progress:\n%q\nwant\n%q", tty.String(), want)
	}
}

func TestSiteURL(t *testing.T) {
	for addr, want := range map[string]string{
		"[::]:8002":       "http://localhost:8002/",
		"0.0.0.0:8002":    "http://localhost:8002/",
		"127.0.0.1:18002": "http://127.0.0.1:18002/",
	} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := siteURL(tcp); got != want {
			t.Errorf("siteURL(%s) = %s, want %s", addr, got, want)
		}
	}
}
