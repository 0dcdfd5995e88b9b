package intake_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/testdb"
)

// A budget just below the numeric(12, 2) limit that PostgreSQL rounds up to
// the limit is invalid input (4xx), not a store failure (5xx).
func TestInquiryBudgetRoundingToOverflowIsInvalid(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a := newTenant(t, pool, "acme")
	_, cat := publicProvider(t, pool, a, "Studio Nine")
	budget := 9999999999.996
	_, err := intake.New(pool, nil).SubmitInquiry(context.Background(), cat, intake.Inquiry{
		Name: "Bob", Email: "bob@example.org", Message: "Need a logo", Budget: &budget})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("budget %v: got %v (code %q), want an invalid-input error", budget, err, domain.ErrorCode(err))
	}
	if n := count(t, pool, a, "project_inquiries"); n != 0 {
		t.Fatalf("%d inquiries stored", n)
	}
	ok := 9999999999.99
	if _, err := intake.New(pool, nil).SubmitInquiry(context.Background(), cat, intake.Inquiry{
		Name: "Bob", Email: "bob@example.org", Message: "Need a logo", Budget: &ok}); err != nil {
		t.Fatalf("budget %v refused: %v", ok, err)
	}
}
