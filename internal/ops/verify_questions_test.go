package ops

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// The catalog's copy of a job's application questions, read back from
// jsonb, equals the projection's byte for byte (quotes, backslashes and
// text beyond ASCII included), so verify finds the synced catalog clean;
// questions SQL then breaks are an invalid row naming the column, and a
// change SQL makes to the column is captured like any other.
func TestVerifyHoldsApplicationQuestions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	j := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Questions: `[{"id": "why", "label": "Warum \"wir\"? \\ 日本",
		"type": "single_choice", "options": ["Ja", "Nein – später"], "help": "<b>kurz</b>"}]`})
	testfactory.Job(t, pool, tn, nil)
	syncAll(t, pool)
	v := &Verifier{Pool: pool}
	rep, err := v.Verify(ctx, VerifyOptions{})
	if err != nil || rep.Discrepancies() != 0 || rep.Failed() {
		t.Fatalf("synced questions reported: %v %+v", err, rep.Results)
	}
	schema := pgx.Identifier{tn.SchemaName}.Sanitize()
	drain(t, pool)
	exec(t, pool, `UPDATE `+schema+`.job_postings SET application_questions = '[{"id": "x", "label": "x", "type": "essay"}]' WHERE id = $1`, j.ID)
	var queued int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1`, tn.ID).Scan(&queued); err != nil || queued == 0 {
		t.Fatalf("the change to application_questions was not captured (%d outbox rows, %v)", queued, err)
	}
	drain(t, pool)
	rep, err = v.Verify(ctx, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	jobs := result(t, rep, tn.Slug, kind.Jobs)
	if jobs.Invalid != 1 || len(jobs.Samples) == 0 || !strings.Contains(jobs.Samples[0].Reason, "application_questions") {
		t.Fatalf("jobs %+v; want one invalid row naming application_questions", jobs)
	}
}
