package projection

import (
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// Rules that depend on the clock are not projection rules: a catalog row
// holds published_at and application_deadline, and every read decides at
// its own time whether the row is listed, so a row appears or disappears at
// its moment without any write. The catalog's SQL condition
// (catalog.listedJob, catalog.listedProvider) is the same rule on the
// catalog's columns; the reverse path and the tenant's catalog status ask
// the functions below.
const (
	ReasonScheduled      Reason = "scheduled"       // published_at is still in the future
	ReasonDeadlinePassed Reason = "deadline_passed" // the application deadline has passed
)

// JobTimeExclusion is the clock rule a job otherwise public fails at now,
// or Public: listed once its published_at (created_at when unset) is
// reached and until its application deadline.
func JobTimeExclusion(j domain.JobPosting, now time.Time) Reason {
	switch {
	case publishedAt(j.PublishedAt, j.CreatedAt).After(now):
		return ReasonScheduled
	case j.ApplicationDeadline != nil && !j.ApplicationDeadline.After(now):
		return ReasonDeadlinePassed
	}
	return Public
}

// ProviderTimeExclusion is JobTimeExclusion for a provider: listed once
// its published_at (created_at when unset) is reached.
func ProviderTimeExclusion(p domain.ServiceProvider, now time.Time) Reason {
	if publishedAt(p.PublishedAt, p.CreatedAt).After(now) {
		return ReasonScheduled
	}
	return Public
}
