package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgcluster"
	"github.com/zumodra/zumodra/internal/testdb"
)

func TestStopLeavesAClusterInUseUnlessForced(t *testing.T) {
	t.Setenv("ZUMODRA_TEST_PG_DIR", filepath.Join(t.TempDir(), "pg"))
	ctx := context.Background()
	c, err := pgcluster.Start(ctx, testdb.ClusterOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Stop(ctx) })
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	var out bytes.Buffer
	if err := run(ctx, []string{"stop"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "not stopped") || conn.Ping(ctx) != nil {
		t.Fatalf("stop must leave a cluster with a connected test alone: %q", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"stop", "-force"}, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "test cluster stopped") || conn.Ping(ctx) == nil {
		t.Fatalf("stop -force must stop it: %q", out.String())
	}
}

func TestUsage(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"dir"}, &out, io.Discard); err != nil || strings.TrimSpace(out.String()) != testdb.ClusterDir() {
		t.Fatalf("dir printed %q, err %v", out.String(), err)
	}
	for _, args := range [][]string{nil, {"start"}, {"stop", "-nope"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("%v should fail", args)
		}
	}
}
