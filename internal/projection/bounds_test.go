package projection

import (
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestTimesOutOfRangeAreInvalid(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	year10000 := time.Date(9999, 12, 31, 23, 59, 59, 0, est)
	tests := []struct {
		name   string
		change func(*JobInput)
		fields string // "" when the job stays public
	}{
		{"in range", func(*JobInput) {}, ""},
		{"last instant", func(in *JobInput) { in.Job.PublishedAt = new(domain.MaxTime) }, ""},
		{"first instant", func(in *JobInput) { in.Job.ApplicationDeadline = new(domain.MinTime) }, ""},
		{"year 10000 after the offset", func(in *JobInput) { in.Job.PublishedAt = &year10000 }, "published_at"},
		{"infinity", func(in *JobInput) { in.Job.PublishedAt = new(domain.Infinity) }, "published_at"},
		{"-infinity deadline", func(in *JobInput) { in.Job.ApplicationDeadline = new(domain.NegInfinity) }, "application_deadline"},
		{"1899", func(in *JobInput) { in.Job.ApplicationDeadline = new(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)) }, "application_deadline"},
		{"created_at stands in for published_at", func(in *JobInput) {
			in.Job.PublishedAt, in.Job.CreatedAt = nil, domain.Infinity
		}, "created_at"},
		{"created_at unused when published_at is set", func(in *JobInput) { in.Job.CreatedAt = domain.Infinity }, ""},
		{"both", func(in *JobInput) {
			in.Job.PublishedAt, in.Job.ApplicationDeadline = new(domain.Infinity), &year10000
		}, "application_deadline, published_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := publicJob()
			tt.change(&in)
			row, why := Job(in)
			err := JobValueError(in)
			if tt.fields == "" {
				if why != Public || err != nil {
					t.Fatalf("Job = %q, JobValueError = %v; want public", why, err)
				}
				return
			}
			if why != ReasonInvalid || row.ContentHash != nil || row.Title != "" {
				t.Fatalf("Job = %q with row %+v; want invalid_values and an identity row", why, row)
			}
			var de *domain.Error
			if err == nil || !asDomain(err, &de) || de.Field != tt.fields || !strings.Contains(err.Error(), "1900") {
				t.Fatalf("JobValueError = %v; want fields %q and the range", err, tt.fields)
			}
		})
	}
}

func TestInvalidComesAfterTheTenantsChoices(t *testing.T) {
	in := publicJob()
	in.Job.PublishedAt = new(domain.Infinity)
	in.Job.Status = "draft"
	if why := JobExclusion(in); why != ReasonNotOpen {
		t.Fatalf("a draft holding infinity: %q, want not_open (a private row is no error)", why)
	}
	p := publicProvider()
	p.Provider.PublishedAt = new(domain.Infinity)
	if _, why := Provider(p); why != ReasonInvalid || ProviderValueError(p) == nil {
		t.Fatalf("provider holding infinity: %q", why)
	}
	if got := ProviderExclusions(p); len(got) != 0 {
		t.Fatalf("ProviderExclusions = %v: the tenant's choices only", got)
	}
	p.Provider.MarketplaceEnabled = false
	if _, why := Provider(p); why != ReasonMarketplaceDisabled {
		t.Fatalf("a disabled provider holding infinity: %q", why)
	}
}

func asDomain(err error, de **domain.Error) bool {
	e, ok := err.(*domain.Error)
	*de = e
	return ok
}

// Questions written by SQL that the tenant API would refuse make the job a
// row error naming the field, never a public row whose form cannot be shown.
func TestBadQuestionsAreInvalid(t *testing.T) {
	for name, raw := range map[string]string{
		"unknown key":      `[{"q": "PRIVATE-question"}]`,
		"unknown type":     `[{"id": "a", "label": "x", "type": "date"}]`,
		"one option":       `[{"id": "a", "label": "x", "type": "single_choice", "options": ["only"]}]`,
		"not questions":    `[1, 2]`,
		"control in label": `[{"id": "a", "label": "x\u0007", "type": "yes_no"}]`,
	} {
		t.Run(name, func(t *testing.T) {
			in := publicJob()
			in.Job.ApplicationQuestions = []byte(raw)
			row, why := Job(in)
			var de *domain.Error
			err := JobValueError(in)
			if why != ReasonInvalid || row.ContentHash != nil || !asDomain(err, &de) || de.Field != "application_questions" {
				t.Fatalf("Job = %q, JobValueError = %v; want invalid_values naming application_questions", why, err)
			}
		})
	}
	in := publicJob()
	in.Job.ApplicationQuestions = []byte(`[]`)
	if row, why := Job(in); why != Public || string(row.ApplicationQuestions) != `[]` {
		t.Fatalf("no questions: %q %s", why, row.ApplicationQuestions)
	}
}
