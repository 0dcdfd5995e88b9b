package main

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// -h must not print the password of DATABASE_URL as the flag's default.
func TestHelpDoesNotShowDatabasePassword(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://u:s3cret@h:notaport/db")
	saved, savedArgs := flag.CommandLine, os.Args
	defer func() { flag.CommandLine, os.Args = saved, savedArgs }()
	flag.CommandLine = flag.NewFlagSet("catalogseed", flag.ContinueOnError)
	var out strings.Builder
	flag.CommandLine.SetOutput(&out)
	os.Args = []string{"catalogseed", "-h"}
	_ = run() // fails on the unparsable URL, after printing the help
	if !strings.Contains(out.String(), "database-url") {
		t.Fatalf("no help printed: %q", out.String())
	}
	if strings.Contains(out.String(), "s3cret") {
		t.Fatalf("help shows the password:\n%s", out.String())
	}
}
