package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/resync"
	"github.com/zumodra/zumodra/internal/testfactory"
	"github.com/zumodra/zumodra/internal/web"
)

// publicJob creates a real source job in a tenant's schema and syncs it
// into the catalog through the same code the workers use, so intake can
// find its owner. It returns the catalog id and the source id.
func (e *env) publicJob(tn domain.Tenant, o *testfactory.JobOpts) (int64, int64) {
	e.t.Helper()
	j := testfactory.Job(e.t, e.pool, tn, o)
	return e.synced(tn, "job_catalog", j.ID), j.ID
}

func (e *env) publicProvider(tn domain.Tenant) (int64, int64) {
	e.t.Helper()
	p := testfactory.Provider(e.t, e.pool, tn, nil)
	// A currency other than the default, to see the inquiry take it.
	if _, err := e.pool.Exec(context.Background(), `UPDATE `+pgx.Identifier{tn.SchemaName, "service_providers"}.Sanitize()+
		` SET currency = 'EUR' WHERE id = $1`, p.ID); err != nil {
		e.t.Fatal(err)
	}
	return e.synced(tn, "provider_catalog", p.ID), p.ID
}

func (e *env) synced(tn domain.Tenant, table string, sourceID int64) int64 {
	e.t.Helper()
	ctx := context.Background()
	if _, err := resync.Run(ctx, e.pool, resync.Options{TenantSlugs: []string{tn.Slug}}); err != nil {
		e.t.Fatalf("resync: %v", err)
	}
	var id int64
	err := e.pool.QueryRow(ctx, `SELECT id FROM public.`+table+` WHERE tenant_id = $1 AND source_id = $2`,
		tn.ID, sourceID).Scan(&id)
	if err != nil {
		e.t.Fatalf("catalog row for source %d: %v", sourceID, err)
	}
	return id
}

// count counts rows of a table in the tenant's schema.
func (e *env) count(tn domain.Tenant, table string) int {
	e.t.Helper()
	var n int
	err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM `+pgx.Identifier{tn.SchemaName, table}.Sanitize()).Scan(&n)
	if err != nil {
		e.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func application() url.Values {
	return url.Values{"name": {"Jane Doe"}, "email": {"jane@example.com"}, "phone": {"+49 30 1234"},
		"resume_url": {"https://example.com/jane.pdf"}, "cover_letter": {"I build robots."}}
}

func TestApplyStoresInOwningTenantAndRedirects(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	other := e.tenant("other", "Other Co", "")
	id, sourceID := e.publicJob(acme, &testfactory.JobOpts{Title: "Robot Whisperer"})
	path := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/"
	res, _ := e.post(path+"apply", application())
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"applied/" {
		t.Fatalf("status %d to %q, want 303 to %sapplied/", res.StatusCode, res.Header.Get("Location"), path)
	}
	var name, email, letter string
	var jobID int64
	err := e.pool.QueryRow(context.Background(), `SELECT job_id, name, email, cover_letter FROM t_acme.applications`).
		Scan(&jobID, &name, &email, &letter)
	if err != nil || jobID != sourceID || name != "Jane Doe" || email != "jane@example.com" || letter != "I build robots." {
		t.Errorf("stored (%d, %q, %q, %q), err %v", jobID, name, email, letter, err)
	}
	if n := e.count(other, "applications"); n != 0 {
		t.Errorf("other tenant has %d applications", n)
	}
	body := e.mustGet(path+"applied/", http.StatusOK)
	contains(t, body, "Application sent", "Acme Robotics has your application for “Robot Whisperer”")
}

func TestApplyValidationKeepsInputAndMarksFields(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	form := application()
	form.Set("name", "")
	form.Set("email", "not-an-email")
	form.Set("resume_url", "javascript:alert(1)")
	form.Set("cover_letter", `<script>alert("kept as text")</script>`)
	res, body := e.post("/careers/jobs/"+strconv.FormatInt(id, 10)+"/apply", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422\n%s", res.StatusCode, snippet(body))
	}
	contains(t, body, `role="alert">Please correct the fields marked below.`,
		`id="a-name" type="text" name="name" value="" required maxlength="200" autocomplete="name" aria-invalid="true" aria-describedby="a-name-err"`,
		`<p class="field-error" id="a-name-err">Name `, `<p class="field-error" id="a-email-err">Email `,
		`<p class="field-error" id="a-resume_url-err">Résumé link `, `value="not-an-email"`,
		`&lt;script&gt;alert(&#34;kept as text&#34;)&lt;/script&gt;</textarea>`, `value="&#43;49 30 1234"`)
	lacks(t, body, `<script>alert`)
	if n := e.count(acme, "applications"); n != 0 {
		t.Errorf("%d applications stored", n)
	}
}

// The race of a stale page: the job is unpublished after the visitor loaded the
// page and before the catalog caught up; intake re-checks and refuses.
func TestApplyToJobUnpublishedSinceTheVisitIsGone(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, sourceID := e.publicJob(acme, nil)
	path := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/"
	e.mustGet(path, http.StatusOK)
	if _, err := e.pool.Exec(context.Background(), `UPDATE t_acme.job_postings SET status = 'closed' WHERE id = $1`, sourceID); err != nil {
		t.Fatal(err)
	}
	e.mustGet(path, http.StatusOK) // the catalog still lags: the page shows
	res, body := e.post(path+"apply", application())
	if res.StatusCode != http.StatusGone {
		t.Fatalf("status %d, want 410", res.StatusCode)
	}
	contains(t, body, "No longer available", "Browse jobs")
	if res, _ := e.post("/careers/jobs/987654/apply", application()); res.StatusCode != http.StatusGone {
		t.Errorf("unknown job: status %d, want 410", res.StatusCode)
	}
	if n := e.count(acme, "applications"); n != 0 {
		t.Errorf("%d applications stored", n)
	}
}

func TestFormGuards(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	apply := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/apply"
	send := func(form url.Values, headers map[string]string) *http.Response {
		r := httptest.NewRequest(http.MethodPost, apply, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range headers {
			r.Header.Set(k, v)
		}
		res, _ := e.do(r)
		return res
	}
	t.Run("cross-site post refused", func(t *testing.T) {
		if res := send(application(), map[string]string{"Sec-Fetch-Site": "cross-site"}); res.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", res.StatusCode)
		}
	})
	t.Run("foreign origin refused", func(t *testing.T) {
		if res := send(application(), map[string]string{"Origin": "https://evil.example"}); res.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", res.StatusCode)
		}
	})
	t.Run("honeypot answered as success, nothing stored", func(t *testing.T) {
		form := application()
		form.Set("website", "http://spam.example")
		res := send(form, map[string]string{"Sec-Fetch-Site": "same-origin"})
		if res.StatusCode != http.StatusSeeOther {
			t.Errorf("status %d, want 303", res.StatusCode)
		}
	})
	t.Run("oversized body refused", func(t *testing.T) {
		form := application()
		form.Set("cover_letter", strings.Repeat("x", 300<<10))
		if res := send(form, map[string]string{"Sec-Fetch-Site": "same-origin"}); res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413", res.StatusCode)
		}
	})
	if n := e.count(acme, "applications"); n != 0 {
		t.Errorf("%d applications stored by refused posts", n)
	}
}

func TestFormRateLimitPerAddress(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{FormLimiter: httpx.NewRateLimiter(1, 2)})
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	apply := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/apply"
	for i, want := range []int{http.StatusSeeOther, http.StatusSeeOther, http.StatusTooManyRequests} {
		form := application()
		form.Set("email", "jane"+strconv.Itoa(i)+"@example.com") // a repeat of one address is stored once
		res, body := e.post(apply, form)
		if res.StatusCode != want {
			t.Fatalf("post %d: status %d, want %d", i+1, res.StatusCode, want)
		}
		if want == http.StatusTooManyRequests {
			contains(t, body, "Slow down a little")
			if res.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	if n := e.count(acme, "applications"); n != 2 {
		t.Errorf("%d applications stored, want 2", n)
	}
}

func TestInquiry(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, sourceID := e.publicProvider(acme)
	path := "/browse-freelancers/" + strconv.FormatInt(id, 10) + "/"
	form := url.Values{"name": {"Bob"}, "email": {"bob@example.com"}, "message": {"Build me a site"}, "budget": {"5,000"}}
	res, _ := e.post(path+"inquire", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"sent/" {
		t.Fatalf("status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	var budget float64
	var provider int64
	var currency string
	err := e.pool.QueryRow(context.Background(), `SELECT provider_id, budget, currency FROM t_acme.project_inquiries`).Scan(&provider, &budget, &currency)
	if err != nil || provider != sourceID || budget != 5000 || currency != "EUR" {
		t.Errorf("stored provider %d budget %v %s, err %v", provider, budget, currency, err)
	}
	contains(t, e.mustGet(path+"sent/", http.StatusOK), "Inquiry sent", "has your message")

	form.Set("budget", "lots")
	form.Set("message", "")
	res, body := e.post(path+"inquire", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad budget: status %d, want 422", res.StatusCode)
	}
	contains(t, body, `<p class="field-error" id="i-budget-err">Budget must be a number.</p>`, `value="lots"`,
		`value="bob@example.com"`, "(optional, EUR)")

	if _, err := e.pool.Exec(context.Background(), `UPDATE t_acme.service_providers SET marketplace_enabled = false WHERE id = $1`, sourceID); err != nil {
		t.Fatal(err)
	}
	form.Set("budget", "")
	form.Set("message", "Still there?")
	if res, _ := e.post(path+"inquire", form); res.StatusCode != http.StatusGone {
		t.Errorf("unlisted provider: status %d, want 410", res.StatusCode)
	}
	if n := e.count(acme, "project_inquiries"); n != 1 {
		t.Errorf("%d inquiries stored, want 1", n)
	}
}

// The optional page limit answers a friendly 429 page past its burst.
func TestPageRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnvWith(t, web.Config{PageLimiter: httpx.NewRateLimiter(1, 3)})
	for range 3 {
		e.mustGet("/careers/", http.StatusOK)
	}
	res, body := e.get("/browse-freelancers/")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	contains(t, body, "Slow down a little")
	e.mustGet("/robots.txt", http.StatusOK) // robots and assets are never limited
}

// A proxy may rewrite Host; an Origin equal to the configured base URL is
// still this site, while any other origin is refused.
func TestConfiguredOriginIsTrusted(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	for origin, want := range map[string]int{baseURL: http.StatusSeeOther, "https://jobs.example.test.evil": http.StatusForbidden} {
		r := httptest.NewRequest(http.MethodPost, "/careers/jobs/"+strconv.FormatInt(id, 10)+"/apply", strings.NewReader(application().Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", origin)
		r.Host = "internal-backend:8080"
		if res, _ := e.do(r); res.StatusCode != want {
			t.Errorf("Origin %s: status %d, want %d", origin, res.StatusCode, want)
		}
	}
}
