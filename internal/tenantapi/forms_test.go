package tenantapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/testfactory"
)

func questionsJob(qs any) map[string]any {
	j := validJob()
	j["application_questions"] = qs
	return j
}

var goodQuestions = []any{
	map[string]any{"id": "stack", "label": " Your stack ", "type": "multiple_choice", "required": true, "options": []string{"Go", "SQL"}},
	map[string]any{"id": "move", "label": "Relocate?", "type": "yes_no"},
}

// Questions are checked one by one, each bad one named by its index, and
// stored in canonical form; the private custom_questions are not checked
// as questions and never reach the catalog.
func TestApplicationQuestionsAreCheckedAndStoredCanonically(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.tenant("acme")
	bad := must(t, e.do("POST", tp+"/jobs", a.key, questionsJob([]any{
		map[string]any{"id": "ok", "label": "Fine", "type": "short_text"},
		map[string]any{"id": "level", "label": "Level", "type": "single_choice", "options": []string{"only"}},
		map[string]any{"id": "ok", "label": "Again\x00", "type": "date"},
	})), http.StatusUnprocessableEntity)
	want := []string{"application_questions[1].options", "application_questions[2].id", "application_questions[2].label", "application_questions[2].type"}
	if got := bad.fields(t); !slices.Equal(got, want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	must(t, e.do("POST", tp+"/jobs", a.key, questionsJob(map[string]any{"id": "x"})), http.StatusUnprocessableEntity)
	must(t, e.do("POST", tp+"/jobs", a.key, questionsJob([]any{map[string]any{"q": "PRIVATE-question"}})), http.StatusUnprocessableEntity)
	if n := e.count(a, "job_postings"); n != 0 {
		t.Fatalf("%d jobs stored by refused requests", n)
	}
	id, _ := e.create(a.key, tp+"/jobs", questionsJob(goodQuestions))
	got := must(t, e.do("GET", tp+"/jobs/"+strconv.FormatInt(id, 10), a.key, nil), http.StatusOK).json(t)["application_questions"].([]any)
	first := got[0].(map[string]any)
	if len(got) != 2 || first["label"] != "Your stack" || first["help"] != "" || got[1].(map[string]any)["options"] == nil {
		t.Fatalf("stored questions %v", got)
	}
	e.syncAll(a)
	var public string
	if err := e.pool.QueryRow(context.Background(), `SELECT application_questions::text FROM public.job_catalog WHERE source_id = $1`, id).Scan(&public); err != nil {
		t.Fatal(err)
	}
	if public != `[{"id": "stack", "help": "", "type": "multiple_choice", "label": "Your stack", "options": ["Go", "SQL"], "required": true}, `+
		`{"id": "move", "help": "", "type": "yes_no", "label": "Relocate?", "options": [], "required": false}]` {
		t.Fatalf("catalog holds %s", public)
	}
	var leaked bool
	if err := e.pool.QueryRow(context.Background(), `SELECT to_jsonb(c)::text LIKE '%Why us%' FROM public.job_catalog c`).Scan(&leaked); err != nil || leaked {
		t.Fatalf("custom_questions reached the catalog: %v %v", leaked, err)
	}
}

// The public JSON endpoint takes answers and a base64 file; the tenant sees
// both on the application and downloads the file, as sent, with headers
// that keep a browser from running it. Nobody else can.
func TestApplicationWithAnswersAndFileThroughTheAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a, b := e.tenant("acme"), e.tenant("globex")
	job, _ := e.create(a.key, tp+"/jobs", questionsJob(goodQuestions))
	e.syncAll(a)
	path := "/api/v1/careers/jobs/" + strconv.FormatInt(e.catalogID("job_catalog", a, job), 10) + "/applications"
	odt := testfactory.ODT(t)
	r := must(t, e.do("POST", path, "", map[string]any{"name": "Ada", "email": "ada@example.com",
		"answers":     map[string]any{"stack": []string{"SQL"}, "move": true},
		"resume_file": map[string]any{"file_name": "../cv\r\n.pdf", "content": base64.StdEncoding.EncodeToString(odt)}}), http.StatusCreated)
	id := strconv.FormatInt(int64(r.json(t)["id"].(float64)), 10)

	app := must(t, e.do("GET", tp+"/applications/"+id, a.key, nil), http.StatusOK).json(t)
	sum := sha256.Sum256(odt)
	file := app["resume_file"].(map[string]any)
	if file["file_name"] != "cv__.odt" || file["content_type"] != resume.ODT || file["size"] != float64(len(odt)) || file["sha256"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("resume_file %v", file)
	}
	if ans := app["answers"].(map[string]any); ans["move"] != true || ans["stack"].([]any)[0] != "SQL" {
		t.Fatalf("answers %v", ans)
	}
	dl := must(t, e.do("GET", tp+"/applications/"+id+"/resume", a.key, nil), http.StatusOK)
	h := dl.header
	if !bytes.Equal(dl.body, odt) || h.Get("Content-Type") != resume.ODT || h.Get("Content-Disposition") != `attachment; filename=cv__.odt` ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") != "default-src 'none'; sandbox; frame-ancestors 'none'" ||
		h.Get("Repr-Digest") != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" {
		t.Fatalf("download %d bytes, headers %v", len(dl.body), h)
	}
	must(t, e.do("GET", tp+"/applications/"+id+"/resume", b.key, nil), http.StatusNotFound)
	must(t, e.do("GET", tp+"/applications/"+id+"/resume", "", nil), http.StatusUnauthorized)

	// The file is the applicant's data: exported as metadata (its bytes have
	// their own route) and erased with the application.
	exp := must(t, e.do("GET", tp+"/applicants?email=ada@example.com", a.key, nil), http.StatusOK).json(t)
	rel := exp["applications"].([]any)[0].(map[string]any)["related"].(map[string]any)["application_resumes"].([]any)
	if len(rel) != 1 || rel[0].(map[string]any)["file_name"] != "cv__.odt" || rel[0].(map[string]any)["content"] != nil {
		t.Fatalf("export holds %v", rel)
	}
	must(t, e.do("DELETE", tp+"/applicants?email=ada@example.com", a.key, nil), http.StatusOK)
	if n := e.count(a, "application_resumes"); n != 0 {
		t.Fatalf("%d files left after erasing the applicant", n)
	}
	must(t, e.do("GET", tp+"/applications/"+id+"/resume", a.key, nil), http.StatusNotFound)

	// A name beyond ASCII is offered as RFC 2231 says, nothing else lost.
	r = must(t, e.do("POST", path, "", map[string]any{"name": "Zoë", "email": "zoe@example.com", "answers": map[string]any{"stack": []string{"Go"}},
		"resume_file": map[string]any{"file_name": "Lebenslauf Müller.docx", "content": base64.StdEncoding.EncodeToString(testfactory.PDF())}}), http.StatusCreated)
	dl = must(t, e.do("GET", tp+"/applications/"+strconv.FormatInt(int64(r.json(t)["id"].(float64)), 10)+"/resume", a.key, nil), http.StatusOK)
	if got := dl.header.Get("Content-Disposition"); got != `attachment; filename*=utf-8''Lebenslauf%20M%C3%BCller.pdf` || dl.header.Get("Content-Type") != resume.PDF {
		t.Fatalf("a PDF named .docx with a German name is offered as %q, %q", got, dl.header.Get("Content-Type"))
	}

	// Without a file: null on the application, 404 to download.
	r = must(t, e.do("POST", path, "", map[string]any{"name": "Bo", "email": "bo@example.com", "resume_text": "cv",
		"answers": map[string]any{"stack": []string{"Go"}}}), http.StatusCreated)
	id = strconv.FormatInt(int64(r.json(t)["id"].(float64)), 10)
	if app := must(t, e.do("GET", tp+"/applications/"+id, a.key, nil), http.StatusOK).json(t); app["resume_file"] != nil {
		t.Fatalf("resume_file %v, want null", app["resume_file"])
	}
	must(t, e.do("GET", tp+"/applications/"+id+"/resume", a.key, nil), http.StatusNotFound)
	must(t, e.do("GET", tp+"/applications/999999/resume", a.key, nil), http.StatusNotFound)
}

// Hostile files and answers are refused with 422 naming the field, and
// nothing is stored: not the application, not the file.
func TestHostileApplicationsStoreNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, unlimited())
	a := e.tenant("acme")
	job, _ := e.create(a.key, tp+"/jobs", questionsJob(goodQuestions))
	e.syncAll(a)
	path := "/api/v1/careers/jobs/" + strconv.FormatInt(e.catalogID("job_catalog", a, job), 10) + "/applications"
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	bomb := testfactory.Zip(t, append(testfactory.DOCXEntries(), testfactory.ZipEntry{Name: "word/zeros.bin", Body: make([]byte, 4<<20), Method: 8})...)
	body := func(file []byte, answers map[string]any) map[string]any {
		return map[string]any{"name": "Ada", "email": "ada@example.com", "answers": answers,
			"resume_file": map[string]any{"file_name": "cv.docx", "content": base64.StdEncoding.EncodeToString(file)}}
	}
	ok := map[string]any{"stack": []string{"Go"}}
	for name, c := range map[string]struct {
		body   map[string]any
		fields []string
	}{
		"renamed png":     {body(png, ok), []string{"resume_file"}},
		"zip bomb":        {body(bomb, ok), []string{"resume_file"}},
		"empty file":      {body(nil, ok), []string{"resume_file"}},
		"required answer": {body(testfactory.PDF(), map[string]any{"move": "yes"}), []string{"answers.stack", "answers.move"}},
		"no résumé":       {map[string]any{"name": "Ada", "email": "ada@example.com", "answers": ok}, []string{"resume"}},
	} {
		t.Run(name, func(t *testing.T) {
			r := must(t, e.do("POST", path, "", c.body), http.StatusUnprocessableEntity)
			if got := r.fields(t); !slices.Equal(got, c.fields) {
				t.Fatalf("fields %v, want %v: %s", got, c.fields, r.body)
			}
		})
	}
	must(t, e.do("POST", path, "", map[string]any{"name": "Ada", "email": "ada@example.com", "resume_text": "cv",
		"answers": ok, "resume_file": map[string]any{"content": "not base64!"}}), http.StatusBadRequest)
	if n := e.count(a, "applications") + e.count(a, "application_resumes"); n != 0 {
		t.Fatalf("%d rows stored by refused applications", n)
	}
}
