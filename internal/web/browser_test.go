package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// chromiumPath finds the browser. Without one the browser tests skip on a
// developer's machine and fail in CI, where .ci/run installs Chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("browser tests need Chromium and CI=true: install it (apt-get install -y chromium) or set CHROMIUM to its path")
	}
	t.Skip("Chromium not found (set CHROMIUM or apt-get install -y chromium); browser tests skipped outside CI")
	return ""
}

// browser starts headless Chromium with a fresh profile and collects the
// page's console errors (a CSP violation is one) for the test to check.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	path := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil { // start the browser now, to fail early
		t.Fatalf("start chromium: %v", err)
	}
	var mu sync.Mutex
	var errs []string
	msgs := chromedp.Console(bctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			// A 4xx the test provokes (the 422 of an invalid form) is a
			// network entry, not a fault of the page.
			if (m.Type == chromedp.ConsoleError && m.Source != "network") || m.IsException() {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	return bctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), errs...)
	}
}

// artifactDir is where screenshots go: artifacts/web at the repository
// root (gitignored), or $ARTIFACTS_DIR/web.
func artifactDir(t *testing.T) string {
	t.Helper()
	root := os.Getenv("ARTIFACTS_DIR")
	if root == "" {
		root = filepath.Join("..", "..", "artifacts")
	}
	dir := filepath.Join(root, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts: %v", err)
	}
	return dir
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name+".png"), png, 0o644); err != nil {
		t.Fatalf("save screenshot %s: %v", name, err)
	}
}

// stepTimeout bounds one browser step, so a missing element fails the
// step quickly instead of the whole test at its deadline.
const stepTimeout = 20 * time.Second

// view saves what the visitor sees first: the viewport, not the whole page.
func view(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir(t), name+".png"), png, 0o644); err != nil {
		t.Fatalf("save screenshot %s: %v", name, err)
	}
}

func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("location: %v", err)
	}
	return u
}

// fitsWidth fails if the page scrolls sideways: a layout that overflows a
// phone's width.
func fitsWidth(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil || over > 0 {
		t.Errorf("%s overflows the viewport by %d px (err %v)", page, over, err)
	}
}

// logoSVG stands in for a tenant's logo host, so pages show a real image.
const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0f766e"/><circle cx="32" cy="32" r="14" fill="#fff"/></svg>`

// seedShowcase fills the catalog with a believable mix: several tenants,
// logos and initials, salaries shown and hidden, remote and on-site work.
func seedShowcase(e *env) (domain.Tenant, int64) {
	acme := e.tenant("acme", "Acme Robotics", "")
	globex := e.tenant("globex", "Globex Corporation", "")
	hub := e.tenant("hub", "Freelancer Hub", "")
	showcaseProfiles(e, acme, globex, hub)
	// First: resyncing acme replaces all of acme's catalog rows with the
	// projection of its sources, which would drop the rows inserted below.
	id, _ := e.publicJob(acme, &testfactory.JobOpts{Title: "Applied Robotics Engineer", ShowSalary: true})
	titles := []string{"Senior Go Engineer", "Product Designer", "Data Analyst", "Site Reliability Engineer",
		"Frontend Developer", "Technical Writer", "Engineering Manager", "QA Engineer", "Robotics Engineer",
		"Customer Success Lead", "Machine Learning Engineer", "Security Engineer"}
	types := []string{"full_time", "contract", "part_time", "full_time", "internship", "freelance"}
	remotes := []string{"on_site", "remote", "hybrid"}
	cities := [][2]string{{"Berlin", "Germany"}, {"Lisbon", "Portugal"}, {"Paris", "France"}, {"Austin", "United States"}}
	for i := range 26 {
		tn := []domain.Tenant{acme, globex}[i%2]
		e.job(tn, func(r *jobRow) {
			r.Title = titles[i%len(titles)]
			if i >= len(titles) {
				r.Title += " " + strconv.Itoa(i/len(titles)+1)
			}
			r.JobType, r.Remote = types[i%len(types)], remotes[i%len(remotes)]
			r.City, r.Country = cities[i%len(cities)][0], cities[i%len(cities)][1]
			r.PublishedAt = now.Add(-time.Duration(i*9+2) * time.Hour)
			r.Featured = i%7 == 0
			if tn.ID == acme.ID {
				r.Logo = "/test-logos/acme.svg" // tenants take https logos; the catalog row may hold a site path
			}
			r.Skills = [][]string{{"Go", "PostgreSQL", "Kubernetes"}, {"Figma", "UX research"}, {"SQL", "Python", "dbt", "Looker", "Statistics", "Airflow", "Spark"}}[i%3]
			r.CategorySlug, r.CategoryName = [][2]string{{"engineering", "Engineering"}, {"design", "Design"}, {"data", "Data"}}[i%3][0], [][2]string{{"engineering", "Engineering"}, {"design", "Design"}, {"data", "Data"}}[i%3][1]
			if i%2 == 0 {
				r.SalaryMin, r.SalaryMax = num(float64(55000+i*2500)), num(float64(75000+i*3000))
			}
			r.Description = "<p>Join a small team that ships <strong>every day</strong>.</p><ul><li>Own features end to end</li><li>Work with kind people</li></ul>"
		})
	}
	names := []string{"Ada Lovelace", "Grace Hopper", "Linus Studio", "Margaret Hamilton", "Pixel & Co", "Alan Turing",
		"Katherine Johnson", "Radia Perlman", "Barbara Liskov"}
	for i, n := range names {
		e.provider([]domain.Tenant{hub, acme}[i%2], func(r *providerRow) {
			r.Name, r.Verified, r.Rating, r.Reviews, r.Completed = n, i%3 != 1, 3.9+float64(i%5)*0.25, 4+i*7, 10+i*6
			r.Tagline = []string{"Backend systems that stay up", "Brand and product design", "Data pipelines and dashboards"}[i%3]
			r.HourlyRate = num(float64(45 + i*10))
			r.Accepting, r.Availability = i%4 != 3, []string{"available", "available", "available", "busy"}[i%4]
			r.City, r.Country = cities[i%len(cities)][0], cities[i%len(cities)][1]
			r.SkillNames = [][]string{{"Go", "PostgreSQL", "AWS"}, {"Figma", "Illustration"}, {"Python", "SQL", "dbt"}}[i%3]
			r.Featured = i == 0
		})
	}
	return acme, id
}

func serveShowcase(t *testing.T, e *env) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", e.mux)
	mux.HandleFunc("GET /test-logos/acme.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		_, _ = w.Write([]byte(logoSVG))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
