package intake_test

import (
	"context"
	"slices"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/questions"
	"github.com/zumodra/zumodra/internal/testdb"
)

const askStack = `[{"id": "stack", "label": "Your stack", "type": "multiple_choice", "required": true, "options": ["Go", "SQL"]},
	{"id": "move", "label": "Relocate?", "type": "yes_no"}]`

func badFields(err error) []string {
	var out []string
	for _, e := range check.Fields(err) {
		out = append(out, e.Field)
	}
	return out
}

// Answers are checked against the job's questions and stored, in their
// checked form, with the application in the owning tenant's schema only.
func TestAnswersStoredWithTheApplicationInTheOwningSchema(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a, b := newTenant(t, pool, "acme"), newTenant(t, pool, "globex")
	aJob, _ := publicJob(t, pool, a, "Go engineer")
	exec(t, pool, `UPDATE `+qtable(a, "job_postings")+` SET application_questions = $1 WHERE id = $2`, askStack, aJob)
	aCat := syncRow(t, pool, a, kind.Jobs, aJob)
	publicJob(t, pool, b, "Go engineer")
	svc := intake.New(pool, nil)

	r, err := svc.SubmitApplication(context.Background(), aCat, intake.Application{Name: "Ada", Email: "ada@example.com",
		ResumeText: "cv", Answers: questions.Answers{"stack": []any{"SQL", "Go"}, "move": false}})
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := pool.QueryRow(context.Background(), `SELECT answers::text FROM `+qtable(a, "applications")+` WHERE id = $1`, r.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != `{"move": false, "stack": ["SQL", "Go"]}` {
		t.Fatalf("stored answers %s", stored)
	}
	if n := count(t, pool, b, "applications"); n != 0 {
		t.Fatalf("globex has %d applications", n)
	}
}

// A required question left unanswered is refused naming it, together with
// the other bad fields, and nothing is stored.
func TestMissingRequiredAnswerIsRefusedWithTheOtherFields(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a := newTenant(t, pool, "acme")
	job, _ := publicJob(t, pool, a, "Go engineer")
	exec(t, pool, `UPDATE `+qtable(a, "job_postings")+` SET application_questions = $1 WHERE id = $2`, askStack, job)
	cat := syncRow(t, pool, a, kind.Jobs, job)
	_, err := intake.New(pool, nil).SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "nope",
		Answers: questions.Answers{"move": "perhaps", "<script>": "x"}})
	want := []string{"email", "resume", "answers.?", "answers.stack", "answers.move"}
	if domain.ErrorCode(err) != domain.CodeInvalid || !slices.Equal(badFields(err), want) {
		t.Fatalf("got %v (%v), want fields %v", badFields(err), err, want)
	}
	if n := count(t, pool, a, "applications"); n != 0 {
		t.Fatalf("%d applications stored", n)
	}
}

// The catalog's copy of the questions may lag the source row: answers are
// judged by the source row's questions, read in the submission's
// transaction, and questions SQL broke make the job take no application.
func TestAnswersFollowTheSourceRowNotTheCatalog(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a := newTenant(t, pool, "acme")
	job, cat := publicJob(t, pool, a, "Go engineer") // synced with no questions
	exec(t, pool, `UPDATE `+qtable(a, "job_postings")+` SET application_questions = $1 WHERE id = $2`, askStack, job)
	svc := intake.New(pool, nil)
	_, err := svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"})
	if !slices.Equal(badFields(err), []string{"answers.stack"}) {
		t.Fatalf("new required question not asked: %v", err)
	}
	// The other way: the catalog still asks "stack", the source no longer does.
	cat = syncRow(t, pool, a, kind.Jobs, job)
	exec(t, pool, `UPDATE `+qtable(a, "job_postings")+` SET application_questions = '[]' WHERE id = $1`, job)
	_, err = svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv",
		Answers: questions.Answers{"stack": []any{"Go"}}})
	if !slices.Equal(badFields(err), []string{"answers.stack"}) {
		t.Fatalf("answer to a withdrawn question accepted: %v", err)
	}
	if _, err := svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"}); err != nil {
		t.Fatal(err)
	}
	exec(t, pool, `UPDATE `+qtable(a, "job_postings")+` SET application_questions = '[{"q": "PRIVATE-question"}]' WHERE id = $1`, job)
	_, err = svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Bo", Email: "bo@example.com", ResumeText: "cv"})
	if domain.ErrorCode(err) != domain.CodeGone {
		t.Fatalf("job with broken questions: want gone, got %v", err)
	}
	if n := count(t, pool, a, "applications"); n != 1 {
		t.Fatalf("%d applications stored, want 1", n)
	}
}
