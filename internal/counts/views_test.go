package counts_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/zumodra/zumodra/internal/counts"
	"github.com/zumodra/zumodra/internal/kind"
)

const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

func TestCountable(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		method, ua string
		header     map[string]string
		want       bool
	}{
		"firefox":              {"GET", firefox, nil, true},
		"chrome":               {"GET", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", nil, true},
		"safari":               {"GET", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", nil, true},
		"googlebot":            {"GET", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", nil, false},
		"bingbot":              {"GET", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", nil, false},
		"slurp":                {"GET", "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", nil, false},
		"facebook":             {"GET", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", nil, false},
		"curl":                 {"GET", "curl/8.5.0", nil, false},
		"wget":                 {"GET", "Wget/1.21.4", nil, false},
		"python":               {"GET", "python-requests/2.32.3", nil, false},
		"go":                   {"GET", "Go-http-client/1.1", nil, false},
		"headless":             {"GET", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36", nil, false},
		"crawler":              {"GET", "SomeCrawler/3.0", nil, false},
		"spider":               {"GET", "Baiduspider-render/2.0", nil, false},
		"empty":                {"GET", "", nil, false},
		"control":              {"GET", "\x00\x01", nil, false},
		"invalid":              {"GET", "Mozilla/5.0 \xff\xfe (X11)", nil, true},
		"no mozilla":           {"GET", "MyApp/1.0 (Linux)", nil, false},
		"okhttp":               {"GET", "Mozilla/5.0 okhttp/4.12", nil, false},
		"head":                 {"HEAD", firefox, nil, false},
		"post":                 {"POST", firefox, nil, false},
		"sec-purpose prefetch": {"GET", firefox, map[string]string{"Sec-Purpose": "prefetch"}, false},
		"prerender":            {"GET", firefox, map[string]string{"Sec-Purpose": "prefetch;prerender"}, false},
		"purpose prefetch":     {"GET", firefox, map[string]string{"Purpose": "prefetch"}, false},
		"x-moz prefetch":       {"GET", firefox, map[string]string{"X-Moz": "prefetch"}, false},
		"other purpose":        {"GET", firefox, map[string]string{"Sec-Purpose": "something-else"}, true},
	} {
		r := httptest.NewRequest(tc.method, "/careers/jobs/1/", nil)
		r.Header.Set("User-Agent", tc.ua)
		for k, v := range tc.header {
			r.Header.Set(k, v)
		}
		if got := counts.Countable(r); got != tc.want {
			t.Errorf("%s: Countable = %v, want %v", name, got, tc.want)
		}
	}
}

// Over real HTTP: a person's 200 and 304 count; a HEAD, a bot, a prefetch,
// a redirect and a 404 do not, and neither does a malformed id.
func TestCountViewsOverHTTP(t *testing.T) {
	t.Parallel()
	c := counts.New(nil, counts.Options{})
	mux := http.NewServeMux()
	mux.Handle("GET /jobs/{id}/{$}", c.CountViews(kind.Jobs, func(w http.ResponseWriter, r *http.Request) {
		switch r.PathValue("id") {
		case "7-old-slug":
			http.Redirect(w, r, "/jobs/7-new/", http.StatusMovedPermanently)
		case "404":
			http.NotFound(w, r)
		default:
			if r.Header.Get("If-None-Match") == `"x"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			_, _ = w.Write([]byte("a job"))
		}
	}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(method, path, ua string, header ...string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", ua)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	get("GET", "/jobs/7-new/", firefox)
	get("GET", "/jobs/7-new/", firefox, "If-None-Match", `"x"`)
	get("HEAD", "/jobs/7-new/", firefox)
	get("GET", "/jobs/7-new/", "Googlebot/2.1")
	get("GET", "/jobs/7-new/", firefox, "Sec-Purpose", "prefetch")
	get("GET", "/jobs/7-old-slug/", firefox)
	get("GET", "/jobs/404/", firefox)
	get("GET", "/jobs/0/", firefox)
	get("GET", "/jobs/x7/", firefox)
	get("GET", "/jobs/99999999999999999999/", firefox)
	if c.Pending() != 1 {
		t.Fatalf("%d rows pending, want only job 7", c.Pending())
	}
	if got := c.Held(kind.Jobs, 7); got != (counts.Totals{Views: 2}) {
		t.Fatalf("job 7 holds %+v, want the 200 and the 304", got)
	}
}
