package tenantapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/questions"
)

// Limits beyond the schema's CHECKs keep one row within reason: long text
// fields are HTML the projection sanitises, and a megabyte of it helps no
// visitor.
const (
	maxLongText  = 100_000
	maxSkills    = 50
	maxSkillName = 100
	maxQuestions = 50_000
)

// prepareJob normalises a job and reports every bad field.
func prepareJob(f *jobFields, now time.Time) error {
	f.Title = strings.TrimSpace(f.Title)
	if f.PublishedOnCareerPage && f.PublishedAt == nil {
		t := now.UTC()
		f.PublishedAt = &t
	}
	if f.RequiredSkills == nil {
		f.RequiredSkills = []string{}
	}
	if f.PreferredSkills == nil {
		f.PreferredSkills = []string{}
	}
	if len(bytes.TrimSpace(f.CustomQuestions)) == 0 || string(f.CustomQuestions) == "null" {
		f.CustomQuestions = json.RawMessage("[]")
	}
	var l check.List
	checkJobText(&l, f)
	checkJobEnums(&l, f)
	checkJobNumbers(&l, f)
	l.Add(skillList("required_skills", f.RequiredSkills))
	l.Add(skillList("preferred_skills", f.PreferredSkills))
	l.Add(domain.CheckOptionalTime("application_deadline", f.ApplicationDeadline))
	l.Add(domain.CheckOptionalTime("published_at", f.PublishedAt))
	l.Add(emailOrEmpty("hiring_manager_email", string(f.HiringManagerEmail)))
	l.Add(emailOrEmpty("application_email", string(f.ApplicationEmail)))
	l.Add(privateQuestions(f.CustomQuestions))
	l.Add(applicationQuestions(f))
	return l.Err()
}

func checkJobText(l *check.List, f *jobFields) {
	l.Add(check.Line("title", f.Title, 1, 200))
	l.Add(check.Line("slug", f.Slug, 0, 220))
	l.Add(check.Line("reference_code", f.ReferenceCode, 0, 50))
	l.Add(check.Line("location_city", f.LocationCity, 0, 100))
	l.Add(check.Line("location_state", f.LocationState, 0, 100))
	l.Add(check.Line("location_country", f.LocationCountry, 0, 100))
	l.Add(check.Line("street_address", f.StreetAddress, 0, 200))
	l.Add(check.Line("postal_code", f.PostalCode, 0, 20))
	l.Add(check.Line("team", f.Team, 0, 100))
	l.Add(check.Line("meta_title", f.MetaTitle, 0, 200))
	l.Add(check.Text("meta_description", f.MetaDescription, 0, 500))
	l.Add(check.Text("description", f.Description, 0, maxLongText))
	l.Add(check.Text("responsibilities", f.Responsibilities, 0, maxLongText))
	l.Add(check.Text("requirements", f.Requirements, 0, maxLongText))
	l.Add(check.Text("nice_to_have", f.NiceToHave, 0, maxLongText))
	l.Add(check.Text("benefits", f.Benefits, 0, maxLongText))
	l.Add(check.Text("internal_notes", f.InternalNotes, 0, maxLongText))
}

func checkJobEnums(l *check.List, f *jobFields) {
	l.Add(check.OneOf("job_type", f.JobType, domain.JobTypes))
	l.Add(check.OneOf("experience_level", f.ExperienceLevel, domain.ExperienceLevels))
	l.Add(check.OneOf("remote_policy", f.RemotePolicy, domain.RemotePolicies))
	l.Add(check.OneOf("status", f.Status, domain.JobStatuses))
	l.Add(check.OneOf("salary_period", f.SalaryPeriod, domain.SalaryPeriods))
	l.Add(check.Currency("salary_currency", f.SalaryCurrency))
}

func checkJobNumbers(l *check.List, f *jobFields) {
	checkCoordinates(l, f.Latitude, f.Longitude)
	l.Add(check.Amount("salary_min", f.SalaryMin, 12))
	l.Add(check.Amount("salary_max", f.SalaryMax, 12))
	if f.SalaryMin != nil && f.SalaryMax != nil && *f.SalaryMin > *f.SalaryMax {
		l.Add(domain.FieldError("salary_min", "must not exceed salary_max"))
	}
	l.Add(check.IntRange("positions_count", f.PositionsCount, 1, 10000))
	if f.CategoryID != nil && *f.CategoryID <= 0 {
		l.Add(domain.FieldError("category_id", "must be the id of one of your job categories"))
	}
}

func skillList(field string, skills []string) error {
	if len(skills) > maxSkills {
		return domain.FieldError(field, "must hold at most %d skills", maxSkills)
	}
	for _, s := range skills {
		if err := check.Line(field, s, 1, maxSkillName); err != nil {
			return err
		}
	}
	return nil
}

func emailOrEmpty(field, v string) error {
	if v == "" {
		return nil
	}
	return check.Email(field, v)
}

// applicationQuestions checks the questions applicants are shown and
// stores them in canonical form, the form the projection copies.
func applicationQuestions(f *jobFields) error {
	qs, err := questions.Parse(f.ApplicationQuestions)
	if err == nil {
		f.ApplicationQuestions = questions.JSON(qs)
	}
	return err
}

// privateQuestions bounds custom_questions, the tenant's private notes in
// any JSON array, which nothing shows.
func privateQuestions(raw json.RawMessage) error {
	if len(raw) > maxQuestions {
		return domain.FieldError("custom_questions", "must be at most %d bytes of JSON", maxQuestions)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return domain.FieldError("custom_questions", "must be a JSON array")
	}
	if bytes.Contains(raw, []byte(`\u0000`)) {
		return domain.FieldError("custom_questions", "must not contain NUL characters")
	}
	return nil
}
