package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// A dead notification delivery is listed on the page (its error as text)
// and replayed from it with the session's CSRF token, never without.
func TestAdminReplaysADeadDelivery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	syncedTenant(t, pool)
	var tenantID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM public.tenants`).Scan(&tenantID); err != nil {
		t.Fatal(err)
	}
	ep, err := notify.Endpoints{Guard: webhooks.Guard{AllowPrivate: true}}.Create(ctx, pool, tenantID,
		notify.EndpointInput{URL: "http://127.0.0.1:9/", Events: []string{notify.ListingUpdated}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (notify.Recorder{}).Record(ctx, pool, tenantID, notify.Event{Type: notify.ListingUpdated, Data: map[string]int{"id": 1}}); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := pool.QueryRow(ctx, `UPDATE public.notify_deliveries SET state = 'dead', attempts = 10,
		last_error = 'receiver answered 500 <b>bold</b>' WHERE endpoint_id = $1 RETURNING id`, ep.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	srv := site(t, pool, token)
	resp, _ := do(t, "POST", srv.URL+"/admin/login", "", url.Values{"token": {token}})
	cookies := resp.Cookies()
	_, page := do(t, "GET", srv.URL+"/admin/", "", nil, cookies...)
	for _, want := range []string{"Failing notifications", "listing.updated", "receiver answered 500 &lt;b&gt;bold&lt;/b&gt;", "/admin/deliveries/" + itoa(id) + "/replay"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	replay := srv.URL + "/admin/deliveries/" + itoa(id) + "/replay"
	if resp, _ := do(t, "POST", replay, "", url.Values{"csrf": {"forged"}}, cookies...); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("replay with a forged CSRF token: %d", resp.StatusCode)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.notify_deliveries WHERE state = 'pending'`); n != 0 {
		t.Fatal("a forged replay changed the delivery")
	}
	m := csrfField.FindStringSubmatch(page)
	resp, _ = do(t, "POST", replay, "", url.Values{"csrf": {m[1]}}, cookies...)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "queued+again") {
		t.Fatalf("replay: %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := count(t, pool, `SELECT count(*) FROM public.notify_deliveries WHERE state = 'pending' AND attempts = 0 AND id = $1`, id); n != 1 {
		t.Fatal("the delivery is not pending again")
	}
	if resp, body := do(t, "POST", srv.URL+"/admin/api/deliveries/999999/replay", token, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("replay of an unknown delivery: %d %s", resp.StatusCode, body)
	}
}
