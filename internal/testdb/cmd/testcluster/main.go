// Command testcluster manages the embedded test cluster of package testdb.
//
//	go run ./internal/testdb/cmd/testcluster stop          # stop it unless a test process still uses it
//	go run ./internal/testdb/cmd/testcluster stop -force   # stop it regardless
//	go run ./internal/testdb/cmd/testcluster dir           # print its directory
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/zumodra/zumodra/internal/pgcluster"
	"github.com/zumodra/zumodra/internal/testdb"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "testcluster:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: testcluster stop [-force] | dir")
	}
	switch args[0] {
	case "dir":
		fmt.Fprintln(stdout, testdb.ClusterDir())
		return nil
	case "stop":
		fs := flag.NewFlagSet("stop", flag.ContinueOnError)
		fs.SetOutput(stderr)
		force := fs.Bool("force", false, "stop even if other clients are connected")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return stop(ctx, *force, stdout, stderr)
	default:
		return fmt.Errorf("unknown command %q (want stop or dir)", args[0])
	}
}

func stop(ctx context.Context, force bool, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	stopped, err := pgcluster.StopDir(ctx, testdb.ClusterOptions(log), !force)
	if err != nil {
		return err
	}
	if stopped {
		fmt.Fprintln(stdout, "test cluster stopped:", testdb.ClusterDir())
	} else {
		fmt.Fprintln(stdout, "test cluster not stopped (not running, or still in use):", testdb.ClusterDir())
	}
	return nil
}
