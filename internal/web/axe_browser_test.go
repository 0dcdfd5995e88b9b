package web_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axe-core, fetched once from the npm registry and checked against the
// integrity the registry publishes for this version.
const (
	axeVersion   = "4.14.1"
	axeTarball   = "https://registry.npmjs.org/axe-core/-/axe-core-" + axeVersion + ".tgz"
	axeIntegrity = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)

// Every kind of public page, at desktop and phone width, has no violation
// of WCAG 2.2 A and AA or of axe's best practices, colour contrast
// included: the check scripts/validate.sh runs, kept in CI so a regression
// fails the day it lands.
func TestPagesPassAxe(t *testing.T) {
	e := newEnv(t) // parallel
	acme, jobID := seedShowcase(e)
	srv := serveShowcase(t, e)
	ctx, _ := browser(t)
	src := axeSource(t)
	paths := []string{"/", "/careers/", "/careers/?q=zzzzqqq", "/careers/?job_type=full_time&sort=salary",
		"/careers/jobs/" + strconv.FormatInt(jobID, 10) + "/", "/careers/jobs/" + strconv.FormatInt(jobID, 10) + "/applied/",
		"/browse-freelancers/", "/browse-freelancers/?q=ada", companyPath(acme, "-acme-robotics")}
	do(t, ctx, "a freelancer", chromedp.Navigate(srv.URL+"/browse-freelancers/?q=ada"), chromedp.WaitVisible(chromedp.CSS(".card")))
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".card a.btn-primary").getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, href)
	for _, vp := range []struct {
		name string
		set  chromedp.Action[chromedp.Void]
	}{{"desktop", chromedp.EmulateViewport(1280, 900)}, {"phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile)}} {
		do(t, ctx, vp.name, vp.set)
		for _, p := range paths {
			do(t, ctx, p, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main")))
			for _, v := range axeViolations(t, ctx, src) {
				t.Errorf("%s on a %s: %s", p, vp.name, v)
			}
		}
	}
}

// axeViolations runs axe in the page and describes each violation with
// its first nodes.
func axeViolations(t *testing.T, ctx context.Context, src string) []string {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		t.Fatalf("load axe: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: {type: "tag",
		values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}).then(r =>
		r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " +
			v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; ")))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe: %v", err)
	}
	return out
}

// axeSource is axe.min.js, from the test cache or the registry.
func axeSource(t *testing.T) string {
	t.Helper()
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	cached := filepath.Join(dir, "zumodra-test", "axe-core-"+axeVersion+".min.js")
	if b, err := os.ReadFile(cached); err == nil {
		return string(b)
	}
	src, err := fetchAxe()
	if err != nil {
		t.Fatalf("axe-core %s from the npm registry: %v", axeVersion, err)
	}
	if err := os.MkdirAll(filepath.Dir(cached), 0o755); err == nil {
		_ = os.WriteFile(cached, []byte(src), 0o644)
	}
	return src
}

func fetchAxe() (string, error) {
	client := &http.Client{Timeout: time.Minute}
	resp, err := client.Get(axeTarball)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", axeTarball, resp.Status)
	}
	tgz, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return "", err
	}
	sum := sha512.Sum512(tgz)
	if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != axeIntegrity {
		return "", fmt.Errorf("integrity %s, want %s", got, axeIntegrity)
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return "", err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err != nil {
			return "", fmt.Errorf("axe.min.js not in the package: %w", err)
		}
		if h.Name == "package/axe.min.js" {
			b, err := io.ReadAll(tr)
			return string(b), err
		}
	}
}
