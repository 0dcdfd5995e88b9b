package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// insertCategories writes the categories the specs use, in first-use order,
// and returns name -> id. table is job_categories or provider_categories.
func insertCategories(ctx context.Context, tx pgx.Tx, table string, names []string) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, name := range names {
		if _, seen := ids[name]; seen {
			continue
		}
		var id int64
		err := tx.QueryRow(ctx, "INSERT INTO "+table+" (name, slug) VALUES ($1, $2) RETURNING id", name, domain.Slugify(name)).Scan(&id)
		if err != nil {
			return nil, fmt.Errorf("insert %s %q: %w", table, name, err)
		}
		ids[name] = id
	}
	return ids, nil
}

const insertJobSQL = `INSERT INTO job_postings (
	category_id, title, slug, reference_code, job_type, experience_level, remote_policy,
	location_city, location_state, location_country, latitude, longitude,
	description, responsibilities, requirements, nice_to_have, benefits,
	salary_min, salary_max, salary_currency, salary_period, show_salary,
	required_skills, preferred_skills, positions_count, team, is_featured, application_deadline,
	status, published_on_career_page, is_internal_only, published_at, meta_title, meta_description,
	hiring_manager_email, internal_notes, application_email, custom_questions, street_address, postal_code,
	application_questions)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
	$23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41)`

// demoQuestions are what every demo job asks its applicants: one of each
// kind a visitor meets most, one of them required.
const demoQuestions = `[{"id": "start", "label": "When could you start?", "type": "short_text", "required": true,
	"help": "A date, or how many weeks from now"},
	{"id": "work_mode", "label": "How would you like to work?", "type": "single_choice", "options": ["On site", "Hybrid", "Remote"]},
	{"id": "relocate", "label": "Would you relocate for this role?", "type": "yes_no"},
	{"id": "why", "label": "Anything you would like us to know?", "type": "long_text"}]`

// jobState maps a spec's Hidden reason to status, published and internal.
func jobState(hidden string) (status string, published, internal bool) {
	switch hidden {
	case hiddenDraft:
		return "draft", false, false
	case hiddenInternal:
		return "open", true, true
	case hiddenClosed:
		return "closed", true, false
	case hiddenOnHold:
		return "on_hold", true, false
	case hiddenFilled:
		return "filled", true, false
	case hiddenUnpublished:
		return "open", false, false
	}
	return "open", true, false
}

func insertJobs(ctx context.Context, tx pgx.Tx, t tenantSpec, now time.Time) error {
	names := make([]string, len(t.Jobs))
	for i, j := range t.Jobs {
		names[i] = j.Category
	}
	cats, err := insertCategories(ctx, tx, "job_categories", names)
	if err != nil {
		return err
	}
	for i, j := range t.Jobs {
		if _, err := tx.Exec(ctx, insertJobSQL, jobArgs(t, j, i, cats[j.Category], now)...); err != nil {
			return fmt.Errorf("insert job %q: %w", j.Title, err)
		}
	}
	return nil
}

func jobArgs(t tenantSpec, j jobSpec, i int, categoryID int64, now time.Time) []any {
	p := places[j.Place]
	status, published, internal := jobState(j.Hidden)
	var publishedAt, deadline *time.Time
	if published {
		at := now.Add(-time.Duration(6+t.Offset+i*29) * time.Hour) // spread over the last weeks
		publishedAt = &at
	}
	if j.DeadlineDays > 0 {
		d := now.AddDate(0, 0, j.DeadlineDays).Truncate(24 * time.Hour)
		deadline = &d
	}
	var salMin, salMax any
	if j.SalaryMin > 0 {
		salMin, salMax = j.SalaryMin, j.SalaryMax
	}
	desc := jobDescription(t, j, p)
	var office struct{ Street, Postal string }
	if j.Remote != "remote" {
		office = offices[j.Place]
	}
	return []any{
		categoryID, j.Title, domain.Slugify(j.Title), fmt.Sprintf("%s-%04d", t.RefPrefix, 1001+i), j.Type, j.Level, j.Remote,
		p.City, p.State, p.Country, p.Lat, p.Lon,
		desc, htmlList(j.Duties), htmlList(requirementItems(j.Required)), htmlList(j.Preferred), htmlList(t.Benefits),
		salMin, salMax, p.Currency, orDefault(j.Period, "yearly"), j.ShowSalary,
		nonNil(j.Required), nonNil(j.Preferred), max(1, j.Positions), j.Team, j.Featured, deadline,
		status, published, internal, publishedAt, j.Title + " at " + t.Name, t.Name + " " + t.About,
		// Private: these must never reach the catalog.
		"hiring." + domain.Slugify(j.Team) + "@" + t.Domain,
		"Band approved by finance; do not disclose the top of the range. Referral bonus applies.",
		"jobs+" + domain.Slugify(j.Title) + "@" + t.Domain,
		`[{"question": "What is your notice period?"}, {"question": "Salary expectations?"}]`,
		office.Street, office.Postal, demoQuestions,
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
