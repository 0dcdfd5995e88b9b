package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/testfactory"
)

const formQuestions = `[{"id": "tool", "label": "Your favourite tool", "type": "short_text", "required": true, "help": "One word is fine"},
	{"id": "why", "label": "Why us?", "type": "long_text"},
	{"id": "move", "label": "Can you relocate?", "type": "yes_no", "required": true},
	{"id": "level", "label": "Level", "type": "single_choice", "options": ["Junior", "Senior"]},
	{"id": "stack", "label": "Stack", "type": "multiple_choice", "required": true, "options": ["Go", "SQL", "<b>JS</b>"]}]`

// postMultipart sends the apply form as a browser does with a file input:
// the file part carries the client's name and Content-Type, which the site
// must not believe.
func (e *env) postMultipart(path string, form url.Values, fileName, contentType string, file []byte) (*http.Response, string) {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	h := make(map[string][]string)
	quote := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	h["Content-Disposition"] = []string{`form-data; name="resume_file"; filename="` + quote.Replace(fileName) + `"`}
	h["Content-Type"] = []string{contentType}
	part, err := w.CreatePart(h)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = part.Write(file)
	_ = w.Close()
	r := httptest.NewRequest(http.MethodPost, path, &body)
	r.Header.Set("Content-Type", w.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.do(r)
}

func TestApplyFormAsksTheJobsQuestions(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, &testfactory.JobOpts{Questions: formQuestions})
	body := e.mustGet("/careers/jobs/"+strconv.FormatInt(id, 10)+"/", http.StatusOK)
	contains(t, body, `enctype="multipart/form-data"`, `type="file" name="resume_file"`,
		`<label for="q-tool">Your favourite tool <span class="req" aria-hidden="true">*</span></label>`,
		`name="answers.tool" value="" maxlength="500" required aria-required="true" aria-describedby="q-tool-hint"`,
		`<textarea id="q-why" name="answers.why" rows="4" maxlength="5000">`, `Why us? <span class="count">(optional)</span>`,
		`<fieldset class="field-group" id="q-move" role="radiogroup" aria-required="true">`,
		`<legend>Can you relocate? <span class="req" aria-hidden="true">*</span></legend>`,
		`<input id="q-move-0" type="radio" name="answers.move" value="yes" required> Yes`,
		`<input id="q-level-1" type="radio" name="answers.level" value="Senior"> Senior`,
		`<fieldset class="field-group" id="q-stack">`, `Choose one or more.`,
		`<input id="q-stack-2" type="checkbox" name="answers.stack" value="&lt;b&gt;JS&lt;/b&gt;"> &lt;b&gt;JS&lt;/b&gt;`)
	lacks(t, body, "<b>JS</b>", "PRIVATE-question")
}

// A refused form shows each bad answer next to its question and keeps
// every answer given, the other fields' too; nothing is stored.
func TestApplyRefusedKeepsAnswers(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, &testfactory.JobOpts{Questions: formQuestions})
	form := application()
	form["answers.why"] = []string{"Robots <3"}
	form["answers.level"] = []string{"Senior"}
	form["answers.stack"] = []string{"Go", "<b>JS</b>"}
	form["answers.move"] = []string{"maybe"}
	res, body := e.post("/careers/jobs/"+strconv.FormatInt(id, 10)+"/apply", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%s", res.StatusCode, snippet(body))
	}
	contains(t, body, `<p class="field-error" id="q-tool-err">This answer is required.</p>`,
		`aria-describedby="q-tool-hint q-tool-err" aria-invalid="true"`,
		`<p class="field-error" id="q-move-err">This answer is required.</p>`,
		`>Robots &lt;3</textarea>`, `value="Senior" checked> Senior`, `value="Go" checked> Go`,
		`value="&lt;b&gt;JS&lt;/b&gt;" checked>`, `value="SQL"> SQL`, `value="jane@example.com"`)
	if n := e.count(acme, "applications"); n != 0 {
		t.Fatalf("%d applications stored", n)
	}
	form["answers.tool"], form["answers.move"] = []string{"  vim "}, []string{"no"}
	if res, body := e.post("/careers/jobs/"+strconv.FormatInt(id, 10)+"/apply", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.StatusCode, snippet(body))
	}
	var answers string
	if err := e.pool.QueryRow(context.Background(), `SELECT answers::text FROM t_acme.applications`).Scan(&answers); err != nil {
		t.Fatal(err)
	}
	if answers != `{"why": "Robots <3", "move": false, "tool": "vim", "level": "Senior", "stack": ["Go", "<b>JS</b>"]}` {
		t.Fatalf("stored answers %s", answers)
	}
}

// A file is stored in the owning tenant's schema with the type its bytes
// have; the client's name is cleaned and its Content-Type ignored.
func TestApplyUploadsResume(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	other := e.tenant("other", "Other Co", "")
	id, _ := e.publicJob(acme, nil)
	apply := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/apply"
	form := application()
	form.Del("resume_url")
	res, body := e.postMultipart(apply, form, `..\..\cv "final".pdf`, "image/png", testfactory.DOCX(t))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.StatusCode, snippet(body))
	}
	var name, ct string
	var size int
	err := e.pool.QueryRow(context.Background(), `SELECT file_name, content_type, size FROM t_acme.application_resumes`).Scan(&name, &ct, &size)
	if err != nil || name != "cv _final_.docx" || ct != resume.DOCX || size != len(testfactory.DOCX(t)) {
		t.Fatalf("stored %q %q %d, err %v", name, ct, size, err)
	}
	if n := e.count(other, "application_resumes"); n != 0 {
		t.Fatalf("other tenant has %d files", n)
	}
}

func TestApplyRefusesBadFilesAndStoresNothing(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	apply := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/apply"
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tooBig := append(testfactory.PDF(), make([]byte, resume.MaxBytes+1-len(testfactory.PDF()))...)
	for _, c := range []struct {
		name, file string
		content    []byte
		status     int
		says       string
	}{
		{"png renamed .pdf", "cv.pdf", png, http.StatusUnprocessableEntity, "The file must be a PDF, DOCX or ODT file"},
		{"empty", "cv.pdf", nil, http.StatusUnprocessableEntity, "The file is empty."},
		{"5 MB and one byte", "cv.pdf", tooBig, http.StatusUnprocessableEntity, "The file must be at most 5 MB"},
		{"body past the limit", "cv.pdf", make([]byte, resume.MaxBytes+300<<10), http.StatusRequestEntityTooLarge, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, body := e.postMultipart(apply, application(), c.file, "application/pdf", c.content)
			if res.StatusCode != c.status || !strings.Contains(body, c.says) {
				t.Fatalf("status %d, want %d saying %q\n%s", res.StatusCode, c.status, c.says, snippet(body))
			}
			if c.status == http.StatusUnprocessableEntity {
				contains(t, body, `id="a-resume_file-err"`, `value="jane@example.com"`)
			}
		})
	}
	if n := e.count(acme, "applications") + e.count(acme, "application_resumes"); n != 0 {
		t.Fatalf("%d rows stored by refused posts", n)
	}
	// A file sent with a mistake elsewhere is asked for again.
	form := application()
	form.Set("email", "nope")
	_, body := e.postMultipart(apply, form, "cv.pdf", "application/pdf", testfactory.PDF())
	contains(t, body, `id="a-resume_file-again"`, "choose it again")
}

// Only the apply form takes a file: a multipart body past the forms' usual
// limit is refused on the inquiry form, stored nowhere.
func TestUploadLimitIsTheApplyFormsAlone(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicProvider(acme)
	form := url.Values{"name": {"Bob"}, "email": {"bob@example.com"}, "message": {"Build me a site"}}
	res, _ := e.postMultipart("/browse-freelancers/"+strconv.FormatInt(id, 10)+"/inquire", form, "cv.pdf", "application/pdf",
		append(testfactory.PDF(), make([]byte, 300<<10)...))
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", res.StatusCode)
	}
	if n := e.count(acme, "project_inquiries"); n != 0 {
		t.Fatalf("%d inquiries stored", n)
	}
}
