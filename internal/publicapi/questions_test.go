package publicapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The job detail describes the apply form's questions, every key present,
// as the JSON apply endpoint's answers are keyed; a job without questions
// says so with an empty list, never null.
func TestJobDetailListsApplicationQuestions(t *testing.T) {
	f := newFixture(t)
	id := f.job("Go Developer", "contract", "Germany", time.Hour, nil)
	plain := f.job("Designer", "contract", "Germany", time.Hour, nil)
	if _, err := f.pool.Exec(context.Background(), `UPDATE public.job_catalog SET application_questions =
		'[{"id": "move", "help": "", "type": "yes_no", "label": "Relocate?", "options": [], "required": true}]' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	w := f.get("/api/v1/careers/jobs/" + itoa(id))
	if body := w.Body.String(); w.Code != http.StatusOK ||
		!strings.Contains(body, `"application_questions":[{"id":"move","label":"Relocate?","type":"yes_no","required":true,"options":[],"help":""}]`) {
		t.Fatalf("%d %s", w.Code, body)
	}
	if body := f.get("/api/v1/careers/jobs/" + itoa(plain)).Body.String(); !strings.Contains(body, `"application_questions":[]`) {
		t.Fatalf("no questions: %s", body)
	}
}
