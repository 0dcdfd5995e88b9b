package server

import (
	"bufio"
	"net/http"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/changefeed"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A live list through the whole server (compression and ETags included)
// gets each event as it happens, not when the stream ends: a job published
// after the stream opened is announced, one on another list is not, and
// the shutdown ends the open stream instead of waiting for it.
func TestLiveListThroughTheServer(t *testing.T) {
	t.Parallel()
	f := startSite(t)
	tn := testfactory.Tenant(t, f.s.Pool, &testfactory.TenantOpts{Slug: "livecorp", Name: "Live Corp"})
	req, err := http.NewRequest(http.MethodGet, f.base+"/careers/live?q=welder", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip, br")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" || res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("stream: %d %v", res.StatusCode, res.Header)
	}
	lines := bufio.NewScanner(res.Body)
	next := func() string {
		for lines.Scan() {
			if l := lines.Text(); strings.HasPrefix(l, "data: ") || l == ": connected" {
				return l
			}
		}
		return "end: " + lines.Err().Error()
	}
	if l := next(); l != ": connected" {
		t.Fatalf("first line %q", l)
	}
	testfactory.Job(t, f.s.Pool, tn, &testfactory.JobOpts{Title: "Plumber"}) // another list
	f.seen(func(c changefeed.Change) bool {
		return c.Catalog == kind.Jobs && c.TenantID == tn.ID && c.Op == changefeed.Insert
	})
	testfactory.Job(t, f.s.Pool, tn, &testfactory.JobOpts{Title: "Welder"})
	if l := next(); l != `data: {"new":1}` {
		t.Fatalf("after a matching job: %q", l)
	}
	f.stop() // fails the test unless the server drained cleanly
	for lines.Scan() {
		if l := lines.Text(); l != "" && !strings.HasPrefix(l, ":") {
			t.Fatalf("the stream went on after the shutdown: %q", l)
		}
	}

}
