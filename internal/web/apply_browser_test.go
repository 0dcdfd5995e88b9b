package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/resume"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A visitor in a real browser meets the job's questions, is told which
// required ones are missing without losing what they typed, answers them,
// uploads a PDF through the file input and applies; axe finds nothing to
// fault on the form, fresh or refused.
func TestApplyWithQuestionsAndFileInABrowser(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, &testfactory.JobOpts{Title: "Robot Whisperer", Questions: formQuestions})
	srv := serveShowcase(t, e)
	ctx, consoleErrors := browser(t)
	src := axeSource(t)
	pdf := filepath.Join(t.TempDir(), "Jane's CV.pdf")
	if err := os.WriteFile(pdf, testfactory.PDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	page := srv.URL + "/careers/jobs/" + strconv.FormatInt(id, 10) + "/"
	do(t, ctx, "open", chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#q-tool")))
	for _, v := range axeViolations(t, ctx, src) {
		t.Errorf("fresh form: %s", v)
	}
	do(t, ctx, "fill some", chromedp.SendKeys(chromedp.CSS("#a-name"), "Jane Browser"),
		chromedp.SendKeys(chromedp.CSS("#a-email"), "jane@example.com"),
		chromedp.SendKeys(chromedp.CSS("#q-why"), "Robots & people"),
		chromedp.Click(chromedp.CSS("#q-stack-1")),
		chromedp.SetUploadFiles(chromedp.CSS("#a-resume_file"), []string{pdf}),
		chromedp.Click(chromedp.CSS(`#apply button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("#q-tool-err")))
	if got := text(t, ctx, "#q-move-err"); got != "This answer is required." {
		t.Errorf("relocation error %q", got)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[document.querySelector("#q-why").value,
		document.querySelector("#q-stack-1").checked, document.querySelector("#a-name").value,
		!!document.querySelector("#a-resume_file-again")]`))
	if err != nil || len(kept) != 4 || kept[0] != "Robots & people" || kept[1] != true || kept[2] != "Jane Browser" || kept[3] != true {
		t.Errorf("refused form kept %v (%v)", kept, err)
	}
	for _, v := range axeViolations(t, ctx, src) {
		t.Errorf("refused form: %s", v)
	}
	shot(t, ctx, "job-apply-questions-errors")
	do(t, ctx, "answer and send", chromedp.SendKeys(chromedp.CSS("#q-tool"), "vim"),
		chromedp.Click(chromedp.CSS("#q-move-1")),
		chromedp.SetUploadFiles(chromedp.CSS("#a-resume_file"), []string{pdf}),
		chromedp.Click(chromedp.CSS(`#apply button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".message-page h1")))
	if got := text(t, ctx, ".message-page h1"); got != "Application sent" {
		t.Fatalf("after submit: %q", got)
	}
	var answers, name, ct string
	var size int
	err = e.pool.QueryRow(context.Background(), `SELECT a.answers::text, r.file_name, r.content_type, r.size
		FROM t_acme.applications a JOIN t_acme.application_resumes r ON r.application_id = a.id`).Scan(&answers, &name, &ct, &size)
	if err != nil || answers != `{"why": "Robots & people", "move": false, "tool": "vim", "stack": ["SQL"]}` ||
		name != "Jane's CV.pdf" || ct != resume.PDF || size != len(testfactory.PDF()) {
		t.Fatalf("stored %s %q %q %d (%v)", answers, name, ct, size, err)
	}
	do(t, ctx, "a phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("#q-tool")))
	for _, v := range axeViolations(t, ctx, src) {
		t.Errorf("form on a phone: %s", v)
	}
	fitsWidth(t, ctx, "the apply form with questions")
	if errs := consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
