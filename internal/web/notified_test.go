package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/notify"
)

// The confirmation promises an answer by e-mail only when the company was
// told by e-mail; otherwise it says the company has the application.
func TestConfirmationPromisesEmailOnlyWhenMailed(t *testing.T) {
	e := newEnv(t)
	mailed := e.tenant("acme", "Acme Robotics", "")
	silent := e.tenant("quiet", "Quiet Co", "")
	s, err := notify.GetSettings(context.Background(), e.pool, mailed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := notify.UpdateSettings(context.Background(), e.pool, mailed.ID, s.Version, notify.SettingsInput{Email: "hr@acme.example"}); err != nil {
		t.Fatal(err)
	}
	const promise = "will contact you at the address you gave"
	for _, c := range []struct {
		tenant   string
		query    string
		promised bool
	}{{"acme", "?notified=email", true}, {"quiet", "", false}} {
		tn := mailed
		if c.tenant == "quiet" {
			tn = silent
		}
		id, _ := e.publicJob(tn, nil)
		path := "/careers/jobs/" + strconv.FormatInt(id, 10) + "/"
		res, _ := e.post(path+"apply", application())
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"applied/"+c.query {
			t.Fatalf("%s: %d to %q, want %sapplied/%s", c.tenant, res.StatusCode, res.Header.Get("Location"), path, c.query)
		}
		body := e.mustGet(res.Header.Get("Location"), http.StatusOK)
		if strings.Contains(body, promise) != c.promised {
			t.Errorf("%s: promise shown %v, want %v", c.tenant, !c.promised, c.promised)
		}
	}
}
