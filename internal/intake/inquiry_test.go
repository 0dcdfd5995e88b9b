package intake_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/testdb"
)

func TestInquiryLandsOnlyInOwningSchema(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a, b := newTenant(t, pool, "acme"), newTenant(t, pool, "globex")
	prov, cat := publicProvider(t, pool, a, "Studio Nine")
	publicProvider(t, pool, b, "Studio Nine")
	budget := 1234.5
	r, err := intake.New(pool, nil).SubmitInquiry(context.Background(), cat, intake.Inquiry{
		Name: "Bob", Email: "bob@example.org", Message: "Need a <b>logo</b>", Budget: &budget})
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Studio Nine" || r.TenantName != "Company acme" {
		t.Fatalf("receipt %+v", r)
	}
	var pid int64
	var cur string
	var got float64
	err = pool.QueryRow(context.Background(), `SELECT provider_id, currency, budget FROM `+qtable(a, "project_inquiries")).Scan(&pid, &cur, &got)
	if err != nil || pid != prov || cur != "USD" || got != 1234.5 {
		t.Fatalf("stored provider=%d currency=%s budget=%v err=%v", pid, cur, got, err)
	}
	if n := count(t, pool, b, "project_inquiries"); n != 0 {
		t.Fatalf("globex has %d inquiries", n)
	}
}

func TestInquiryGoneWhenProviderNoLongerPublic(t *testing.T) {
	t.Parallel()
	for _, set := range []string{"marketplace_enabled = false", "is_active = false", "user_is_active = false"} {
		t.Run(set, func(t *testing.T) {
			t.Parallel()
			pool := testdb.New(t)
			ten := newTenant(t, pool, "acme")
			prov, cat := publicProvider(t, pool, ten, "Studio Nine")
			exec(t, pool, `UPDATE `+qtable(ten, "service_providers")+` SET `+set+` WHERE id = $1`, prov)
			_, err := intake.New(pool, nil).SubmitInquiry(context.Background(), cat, intake.Inquiry{Name: "B", Email: "b@example.org", Message: "m"})
			if domain.ErrorCode(err) != domain.CodeGone {
				t.Fatalf("want gone, got %v", err)
			}
			if n := count(t, pool, ten, "project_inquiries"); n != 0 {
				t.Fatalf("%d inquiries stored", n)
			}
		})
	}
}
