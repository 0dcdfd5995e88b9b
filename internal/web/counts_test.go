package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/web"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

// Over real HTTP: people's views of a detail page and the applications
// sent from it are counted, flushed and shown on the page ("2 views ·
// 1 applicant"); a bot, a HEAD and a repeat application are not counted.
func TestDetailPagesShowCounts(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	c := counts.New(pool, counts.Options{})
	e := newEnvOn(t, pool, web.Config{Counts: c})
	srv := httptest.NewServer(e.mux)
	defer srv.Close()
	acme := e.tenant("acme", "Acme Robotics", "")
	id, _ := e.publicJob(acme, nil)
	path := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/"
	visit := func(method, ua string) string {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", ua)
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: %d", method, path, res.StatusCode)
		}
		return string(body)
	}
	if body := visit("GET", browserUA); strings.Contains(body, `class="counts"`) {
		t.Fatalf("a page never viewed shows counts: %s", snippet(body))
	}
	visit("GET", browserUA)
	visit("GET", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
	visit("HEAD", browserUA)
	for range 2 { // the same address twice: stored once, counted once
		if res, _ := e.post(path+"apply", application()); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("apply: %d", res.StatusCode)
		}
	}
	if err := c.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _ := counts.Of(context.Background(), pool, kind.Jobs, id); got != (counts.Totals{Views: 2, Submissions: 1}) {
		t.Fatalf("stored %+v, want 2 views and 1 applicant", got)
	}
	contains(t, visit("GET", browserUA), `<dt>Interest</dt><dd class="counts">2 views · 1 applicant</dd>`)

	pid, _ := e.publicProvider(acme)
	ppath := "/browse-freelancers/" + strconv.FormatInt(pid, 10) + "/"
	form := url.Values{"name": {"Bob"}, "email": {"bob@example.com"}, "message": {"Build me a site"}}
	if res, _ := e.post(ppath+"inquire", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inquire: %d", res.StatusCode)
	}
	contains(t, e.mustGet(ppath, http.StatusOK), `<dd class="counts">1 inquiry</dd>`)
}
