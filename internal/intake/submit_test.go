package intake_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/testdb"
)

func TestApplicationLandsOnlyInOwningSchema(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a, b := newTenant(t, pool, "acme"), newTenant(t, pool, "globex")
	aJob, aCat := publicJob(t, pool, a, "Go engineer")
	_, bCat := publicJob(t, pool, b, "Go engineer")
	svc := intake.New(pool, nil)

	r, err := svc.SubmitApplication(context.Background(), aCat, intake.Application{
		Name: "Ada", Email: "ada@example.com", ResumeText: "cv", CoverLetter: "<script>alert(1)</script>'); DROP TABLE applications; --"})
	if err != nil {
		t.Fatal(err)
	}
	if r.TenantName != "Company acme" || r.Title != "Go engineer" || r.ID == 0 {
		t.Fatalf("receipt %+v", r)
	}
	if n := count(t, pool, a, "applications"); n != 1 {
		t.Fatalf("acme has %d applications, want 1", n)
	}
	if n := count(t, pool, b, "applications"); n != 0 {
		t.Fatalf("globex has %d applications, want 0", n)
	}
	var jobID int64
	var letter string
	err = pool.QueryRow(context.Background(), `SELECT job_id, cover_letter FROM `+qtable(a, "applications")+` WHERE id = $1`, r.ID).Scan(&jobID, &letter)
	if err != nil || jobID != aJob || letter != "<script>alert(1)</script>'); DROP TABLE applications; --" {
		t.Fatalf("stored job_id=%d letter=%q err=%v", jobID, letter, err)
	}
	// And the other way round: B's catalog id reaches B only.
	if _, err := svc.SubmitApplication(context.Background(), bCat, intake.Application{Name: "Bo", Email: "bo@example.com", ResumeText: "cv"}); err != nil {
		t.Fatal(err)
	}
	if count(t, pool, a, "applications") != 1 || count(t, pool, b, "applications") != 1 {
		t.Fatal("application crossed tenants")
	}
}

func TestSubmitUnknownCatalogIDIsNotFound(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	svc := intake.New(pool, nil)
	_, err := svc.SubmitApplication(context.Background(), 424242, intake.Application{Name: "A", Email: "a@example.com", ResumeText: "cv"})
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("application: want not_found, got %v", err)
	}
	_, err = svc.SubmitInquiry(context.Background(), 424242, intake.Inquiry{Name: "A", Email: "a@example.com", Message: "m"})
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("inquiry: want not_found, got %v", err)
	}
}

func TestInvalidApplicationWritesNothing(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	a := newTenant(t, pool, "acme")
	_, cat := publicJob(t, pool, a, "Go engineer")
	_, err := intake.New(pool, nil).SubmitApplication(context.Background(), cat, intake.Application{Name: "A", Email: "nope"})
	if domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("want invalid, got %v", err)
	}
	if n := count(t, pool, a, "applications"); n != 0 {
		t.Fatalf("%d applications stored", n)
	}
}

// The catalog lags the source: each change below is made to the source
// row only (no sync), as if the visitor submitted between the change and
// the worker's pass. The submission must be refused and nothing written.
func TestApplicationGoneWhenJobNoLongerPublic(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, job int64)
	}{
		{"unpublished", jobUpdate(`published_on_career_page = false`)},
		{"internal only", jobUpdate(`is_internal_only = true`)},
		{"closed", jobUpdate(`status = 'closed'`)},
		{"on hold", jobUpdate(`status = 'on_hold'`)},
		{"deadline passed", jobUpdate(`application_deadline = '2026-01-01T00:00:00Z'`)},
		{"deleted", func(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, job int64) {
			exec(t, pool, `DELETE FROM `+qtable(ten, "job_postings")+` WHERE id = $1`, job)
		}},
		{"tenant suspended", func(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, job int64) {
			exec(t, pool, `UPDATE public.tenants SET status = 'suspended' WHERE id = $1`, ten.ID)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			pool := testdb.New(t)
			ten := newTenant(t, pool, "acme")
			job, cat := publicJob(t, pool, ten, "Go engineer")
			c.change(t, pool, ten, job)
			clock := func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
			_, err := intake.New(pool, nil).WithClock(clock).SubmitApplication(context.Background(), cat,
				intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"})
			if domain.ErrorCode(err) != domain.CodeGone {
				t.Fatalf("want gone, got %v", err)
			}
			if n := count(t, pool, ten, "applications"); n != 0 {
				t.Fatalf("%d applications stored", n)
			}
		})
	}
}

func jobUpdate(set string) func(*testing.T, *pgxpool.Pool, domain.Tenant, int64) {
	return func(t *testing.T, pool *pgxpool.Pool, ten domain.Tenant, job int64) {
		exec(t, pool, `UPDATE `+qtable(ten, "job_postings")+` SET `+set+` WHERE id = $1`, job)
	}
}

func TestDeadlineInFutureAccepted(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	job, cat := publicJob(t, pool, ten, "Go engineer")
	exec(t, pool, `UPDATE `+qtable(ten, "job_postings")+` SET application_deadline = '2026-07-01T00:00:00Z' WHERE id = $1`, job)
	clock := func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
	if _, err := intake.New(pool, nil).WithClock(clock).SubmitApplication(context.Background(), cat,
		intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"}); err != nil {
		t.Fatal(err)
	}
}

func TestSurroundingSpacesAreTrimmed(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	_, cat := publicJob(t, pool, ten, "Go engineer")
	r, err := intake.New(pool, nil).SubmitApplication(context.Background(), cat,
		intake.Application{Name: "  Ada ", Email: " ada@example.com\t", ResumeText: "cv", CoverLetter: "  keep  "})
	if err != nil {
		t.Fatal(err)
	}
	var name, email, letter string
	err = pool.QueryRow(context.Background(), `SELECT name, email, cover_letter FROM `+qtable(ten, "applications")+` WHERE id = $1`, r.ID).
		Scan(&name, &email, &letter)
	if err != nil || name != "Ada" || email != "ada@example.com" || letter != "  keep  " {
		t.Fatalf("stored %q %q %q (%v)", name, email, letter, err)
	}
}

// A job or provider whose published_at is still ahead has never been
// public: a submission to it is refused as not found, not gone, and
// nothing is stored.
func TestScheduledRowsRefusedAsNeverPublic(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ten := newTenant(t, pool, "acme")
	job, cat := publicJob(t, pool, ten, "Go engineer")
	prov, provCat := publicProvider(t, pool, ten, "Studio")
	exec(t, pool, `UPDATE `+qtable(ten, "job_postings")+` SET published_at = '2026-07-01T00:00:00Z' WHERE id = $1`, job)
	exec(t, pool, `UPDATE `+qtable(ten, "service_providers")+` SET published_at = '2026-07-01T00:00:00Z' WHERE id = $1`, prov)
	svc := intake.New(pool, nil).WithClock(func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) })
	_, err := svc.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"})
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("application: want not found, got %v", err)
	}
	_, err = svc.SubmitInquiry(context.Background(), provCat, intake.Inquiry{Name: "Ada", Email: "ada@example.com", Message: "Hello there, a project"})
	if domain.ErrorCode(err) != domain.CodeNotFound {
		t.Errorf("inquiry: want not found, got %v", err)
	}
	if n := count(t, pool, ten, "applications") + count(t, pool, ten, "project_inquiries"); n != 0 {
		t.Fatalf("%d submissions stored", n)
	}
	later := svc.WithClock(func() time.Time { return time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC) })
	if _, err := later.SubmitApplication(context.Background(), cat, intake.Application{Name: "Ada", Email: "ada@example.com", ResumeText: "cv"}); err != nil {
		t.Errorf("application at its moment: %v", err)
	}
}
