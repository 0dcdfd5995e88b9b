package tenantapi_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/tenantapi"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// An application sent through the public API reaches the endpoint, its
// delivery is listed with its log, can be replayed by its tenant only, and
// the replay carries the same webhook-id.
func TestDeliveriesListReadAndReplay(t *testing.T) {
	t.Parallel()
	guard := webhooks.Guard{AllowPrivate: true}
	e := newEnv(t, tenantapi.WithWebhooks(notify.Endpoints{Guard: guard}))
	acme, other := e.tenant("acme"), e.tenant("other")
	var mu sync.Mutex
	var ids []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		mu.Lock()
		ids = append(ids, r.Header.Get(webhooks.HeaderID))
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	}))
	defer recv.Close()
	e.create(acme.key, hooks, map[string]any{"url": recv.URL, "events": []string{notify.ApplicationCreated}})
	job, _ := e.create(acme.key, tp+"/jobs", map[string]any{"title": "Go engineer", "status": "open", "published_on_career_page": true})
	e.syncAll(acme)
	catID := e.catalogID("job_catalog", acme, job)
	must(t, e.do("POST", fmt.Sprintf("/api/v1/careers/jobs/%d/applications", catID), "",
		map[string]any{"name": "Ada", "email": "ada@example.com", "resume_text": "Engines"}), http.StatusCreated)

	w := &notify.Worker{Pool: e.pool, Guard: guard}
	if sent, err := w.DeliverOne(context.Background()); !sent || err != nil {
		t.Fatalf("deliver: %v %v", sent, err)
	}
	list := must(t, e.do("GET", tp+"/deliveries?state=delivered", acme.key, nil), http.StatusOK).json(t)
	items := list["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("deliveries %v", list)
	}
	d := items[0].(map[string]any)
	if d["event_type"] != notify.ApplicationCreated || d["event_id"] != ids[0] || d["attempts"] != 1.0 {
		t.Fatalf("delivery %v, receiver got %v", d, ids)
	}
	path := fmt.Sprintf("%s/deliveries/%d", tp, int64(d["id"].(float64)))
	if got := must(t, e.do("GET", path, acme.key, nil), http.StatusOK).json(t); len(got["log"].([]any)) != 1 {
		t.Fatalf("log %v", got)
	}
	must(t, e.do("GET", path, other.key, nil), http.StatusNotFound)
	must(t, e.do("POST", path+"/replay", other.key, nil), http.StatusNotFound)
	if l := must(t, e.do("GET", tp+"/deliveries", other.key, nil), http.StatusOK).json(t); len(l["items"].([]any)) != 0 {
		t.Fatalf("another tenant lists %v", l)
	}
	must(t, e.do("GET", tp+"/deliveries?state=lost", acme.key, nil), http.StatusBadRequest)
	re := must(t, e.do("POST", path+"/replay", acme.key, nil), http.StatusAccepted).json(t)
	if re["state"] != notify.StatePending || re["attempts"] != 0.0 {
		t.Fatalf("replayed %v", re)
	}
	if sent, err := w.DeliverOne(context.Background()); !sent || err != nil {
		t.Fatalf("deliver the replay: %v %v", sent, err)
	}
	if len(ids) != 2 || ids[0] != ids[1] {
		t.Fatalf("webhook-ids %v, want the same twice", ids)
	}
}
