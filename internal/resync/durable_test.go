package resync_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A bulk resync repairs the catalog without any outbox row behind its
// writes: a commit lost in a crash would not be redone by anyone (the run
// has already reported success), so its pages must commit synchronously.
// A trigger on the catalog records, for each write, whether the
// transaction set synchronous_commit itself (the test cluster may run with
// it off for speed, so the value alone proves nothing).
func TestRunCommitsDurably(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	for range 3 {
		testfactory.Job(t, pool, tn, nil)
	}
	if _, err := pool.Exec(ctx, `CREATE TABLE public.test_commit_mode (mode text);
		CREATE FUNCTION public.test_commit_mode() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO public.test_commit_mode
				SELECT source || ':' || setting FROM pg_settings WHERE name = 'synchronous_commit';
			RETURN NULL;
		END $$;
		CREATE TRIGGER test_commit_mode AFTER INSERT OR UPDATE OR DELETE ON public.job_catalog
			FOR EACH STATEMENT EXECUTE FUNCTION public.test_commit_mode();`); err != nil {
		t.Fatal(err)
	}
	rep, err := resync.Run(ctx, pool, resync.Options{TenantSlugs: []string{tn.Slug}})
	if err != nil || rep.Err() != nil {
		t.Fatalf("run: %v %v", err, rep.Err())
	}
	var writes, async int
	if err := pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE mode = 'session:off') FROM public.test_commit_mode`).Scan(&writes, &async); err != nil {
		t.Fatal(err)
	}
	if writes == 0 || async != 0 {
		t.Fatalf("%d of %d catalog writes ran with synchronous_commit off", async, writes)
	}
}
