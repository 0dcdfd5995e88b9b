package tenantapi

import (
	"regexp"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// categorySlug matches the CHECK on both category tables.
var categorySlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// jobCategoryFields are the writable fields of a job category.
type jobCategoryFields struct {
	Name        string `json:"name" db:"name"`
	Slug        string `json:"slug" db:"slug"`
	Description string `json:"description" db:"description"`
}

var jobCategories = newResource(resource[jobCategoryFields]{
	table:    "job_categories",
	noun:     "job category",
	defaults: func() jobCategoryFields { return jobCategoryFields{} },
	prepare: func(f *jobCategoryFields, _ time.Time) error {
		f.Name = strings.TrimSpace(f.Name)
		var l check.List
		l.Add(check.Line("name", f.Name, 1, 100))
		l.Add(validCategorySlug(f.Slug))
		l.Add(check.Text("description", f.Description, 0, 5000))
		return l.Err()
	},
})

// providerCategoryFields are the writable fields of a provider category.
type providerCategoryFields struct {
	Name string `json:"name" db:"name"`
	Slug string `json:"slug" db:"slug"`
}

var providerCategories = newResource(resource[providerCategoryFields]{
	table:    "provider_categories",
	noun:     "provider category",
	defaults: func() providerCategoryFields { return providerCategoryFields{} },
	prepare: func(f *providerCategoryFields, _ time.Time) error {
		f.Name = strings.TrimSpace(f.Name)
		var l check.List
		l.Add(check.Line("name", f.Name, 1, 100))
		l.Add(validCategorySlug(f.Slug))
		return l.Err()
	},
})

func validCategorySlug(slug string) error {
	if err := check.Line("slug", slug, 1, 100); err != nil {
		return err
	}
	if !categorySlug.MatchString(slug) {
		return domain.FieldError("slug", "must be lower-case letters and digits in words joined by single hyphens, like web-design")
	}
	return nil
}
