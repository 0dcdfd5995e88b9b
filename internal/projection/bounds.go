package projection

import (
	"cmp"
	"errors"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/questions"
)

// The catalog holds only times within domain's range. A source row written
// by SQL can hold any timestamp PostgreSQL allows, 'infinity' included
// (read as domain.Infinity); such a row is not excluded by the tenant's
// choice but cannot be made public as it is: ReasonInvalid, which the apply
// code turns into a row error (a visible dead letter) while it removes the
// row's catalog entry.

// jobTimes lists the job times that reach the catalog, by field name.
func jobTimes(j *domain.JobPosting) []namedTime {
	return []namedTime{
		{"application_deadline", j.ApplicationDeadline},
		publishedTime(j.PublishedAt, j.CreatedAt),
	}
}

func providerTimes(p *domain.ServiceProvider) []namedTime {
	return []namedTime{publishedTime(p.PublishedAt, p.CreatedAt)}
}

type namedTime struct {
	field string
	t     *time.Time
}

// publishedTime names the time that publishedAt copies.
func publishedTime(published *time.Time, created time.Time) namedTime {
	if published != nil {
		return namedTime{"published_at", published}
	}
	return namedTime{"created_at", &created}
}

// JobValueError says which of the job's values the catalog cannot hold, or
// is nil when it can hold them all.
func JobValueError(in JobInput) error {
	times, qs := valueError(jobTimes(&in.Job)), questionsError(in.Job.ApplicationQuestions)
	if times == nil || qs == nil {
		return cmp.Or(times, qs)
	}
	return errors.Join(times, qs)
}

// ProviderValueError is JobValueError for a provider.
func ProviderValueError(in ProviderInput) error { return valueError(providerTimes(&in.Provider)) }

// valueError names every field out of range in one error, so a dead
// letter's message says all that must be fixed.
func valueError(times []namedTime) error {
	var bad []string
	for _, nt := range times {
		if domain.CheckOptionalTime(nt.field, nt.t) != nil {
			bad = append(bad, nt.field)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return &domain.Error{Code: domain.CodeInvalid, Field: strings.Join(bad, ", "),
		Message: "a time the catalog cannot hold: must be " + domain.TimeRangeText}
}

// questionsError refuses application questions that internal/questions
// would not accept from the tenant API (SQL can write any JSON array the
// column's CHECK allows): the apply form could not show them, nor intake
// check answers against them.
func questionsError(raw []byte) error {
	if _, err := questions.Parse(raw); err != nil {
		return &domain.Error{Code: domain.CodeInvalid, Field: "application_questions",
			Message: "questions the apply form cannot show: " + domain.ErrorMessage(err)}
	}
	return nil
}
