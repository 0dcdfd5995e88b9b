package inbox

import (
	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/resume"
)

// Kind is one of the two inboxes: its table, the history table beside it,
// the column naming the listing it was sent to, and its pipeline.
type Kind struct {
	Noun     string   // "application", "inquiry": for messages and event names
	Statuses []string // the pipeline
	Working  []string // stages the retention purge keeps (domain.*WorkingStatuses)
	table    string
	history  string
	ref      string // the history table's column pointing at the submission
	parent   string // job_id or provider_id
	columns  string
	moved    string // the event type of a status change (internal/notify)
	// extra are more select expressions, read in the tenant's schema for
	// the table as its query names it.
	extra func(t domain.Tenant, as string) string
	// related lists every table beside this one holding data of a
	// submission (see applicant.go): export, erase and the retention purge
	// cover exactly these, so a new table of applicant data is added here.
	related []related
}

// selectList is the kind's columns as read from tenant t's table, which
// the query names as.
func (k Kind) selectList(t domain.Tenant, as string) string {
	if k.extra == nil {
		return k.columns
	}
	return k.columns + ", " + k.extra(t, as)
}

// resumeColumn describes an application's résumé file, if it has one.
func resumeColumn(t domain.Tenant, as string) string {
	return resume.InfoColumn(t, as) + " AS resume_file"
}

// The two inboxes.
var (
	Applications = Kind{Noun: "application", Statuses: domain.ApplicationStatuses, Working: domain.ApplicationWorkingStatuses,
		table: "applications", history: "application_history", ref: "application_id", parent: "job_id", moved: notify.ApplicationStatusChanged,
		related: []related{{table: "application_history", ref: "application_id"},
			{table: "application_resumes", ref: "application_id", omit: []string{"content"}}},
		columns: `id, job_id, job_title, name, email, phone, resume_url, resume_text, cover_letter, answers,
			status, version, created_at, updated_at`, extra: resumeColumn}
	Inquiries = Kind{Noun: "inquiry", Statuses: domain.InquiryStatuses, Working: domain.InquiryWorkingStatuses,
		table: "project_inquiries", history: "inquiry_history", ref: "inquiry_id", parent: "provider_id", moved: notify.InquiryStatusChanged,
		related: []related{{table: "inquiry_history", ref: "inquiry_id"}},
		columns: `id, provider_id, provider_name, name, email, message, budget, currency,
			status, version, created_at, updated_at`}
)

// Kinds are both inboxes, in the order reports list them.
var Kinds = []Kind{Applications, Inquiries}

// Table is the inbox's table in a tenant's schema, for reports and metrics.
func (k Kind) Table() string { return k.table }

// Tables lists the inbox's table and its related tables, in report order.
func (k Kind) Tables() []string {
	out := []string{k.table}
	for _, r := range k.related {
		out = append(out, r.table)
	}
	return out
}

// ParentField is the filter and JSON name of the listing a submission was
// sent to: job_id or provider_id.
func (k Kind) ParentField() string { return k.parent }

// qualified quotes schema.table of the tenant: the schema name comes from
// a checked tenant row, never from input.
func qualified(t domain.Tenant, table string) string {
	return pgx.Identifier{t.SchemaName, table}.Sanitize()
}
