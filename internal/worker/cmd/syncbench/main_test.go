package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// -h must not print the password of DATABASE_URL as the flag's default,
// and the URL is still taken from DATABASE_URL.
func TestHelpDoesNotShowDatabasePassword(t *testing.T) {
	const url = "postgres://u:s3cret@h/db"
	t.Setenv("DATABASE_URL", url)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	_, _ = parseFlags([]string{"-h"})
	os.Stderr = saved
	w.Close()
	out, _ := io.ReadAll(r)
	if !strings.Contains(string(out), "-db") {
		t.Fatalf("no help printed: %q", out)
	}
	if strings.Contains(string(out), "s3cret") {
		t.Fatalf("help shows the password:\n%s", out)
	}
	o, err := parseFlags(nil)
	if err != nil || o.URL != url {
		t.Fatalf("URL %q, err %v; want %q from DATABASE_URL", o.URL, err, url)
	}
}
