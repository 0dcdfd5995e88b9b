package pgcluster

import (
	"context"
	"errors"
	"testing"
	"time"
)

// A standby made from a running cluster is in recovery, refuses writes and
// replays a row committed on the primary after it started.
func TestStandbyStreams(t *testing.T) {
	primary := startTest(t, t.TempDir())
	mustExec(t, connect(t, primary), "CREATE TABLE kept (id int)")
	standby, err := primary.StartStandby(context.Background(), t.TempDir())
	if errors.Is(err, ErrNoBinaries) {
		t.Skipf("no standby without pg_basebackup: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = standby.Stop(context.Background()) })
	if standby.URL("postgres") == primary.URL("postgres") {
		t.Fatal("the standby shares the primary's address")
	}
	conn := connect(t, standby)
	var recovering bool
	if err := conn.QueryRow(context.Background(), "SELECT pg_is_in_recovery()").Scan(&recovering); err != nil || !recovering {
		t.Fatalf("standby in recovery: %v, %v", recovering, err)
	}
	if _, err := conn.Exec(context.Background(), "INSERT INTO kept VALUES (1)"); err == nil {
		t.Fatal("the standby took a write")
	}
	mustExec(t, connect(t, primary), "INSERT INTO kept VALUES (1)")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for n := 0; n != 1; {
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM kept").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 && ctx.Err() != nil {
			t.Fatal("the standby never replayed the primary's row")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
