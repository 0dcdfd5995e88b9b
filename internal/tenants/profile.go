package tenants

import (
	"net/url"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// validateProfile checks every profile field given, naming each bad one.
func (p UpdateParams) validateProfile(l *check.List) {
	if p.Description != nil {
		l.Add(check.Text("description", *p.Description, 0, domain.MaxDescription))
	}
	if p.Website != nil {
		l.Add(check.URL("website", strings.TrimSpace(*p.Website), domain.MaxProfileURL))
	}
	lines := []struct {
		field string
		v     *string
	}{{"industry", p.Industry}, {"headquarters_city", p.HQCity}, {"headquarters_country", p.HQCountry}}
	for _, f := range lines {
		if f.v != nil {
			l.Add(check.Line(f.field, strings.TrimSpace(*f.v), 0, domain.MaxProfileText))
		}
	}
	if p.Size != nil && *p.Size != "" {
		l.Add(check.OneOf("size", *p.Size, domain.CompanySizes))
	}
	if p.FoundedYear != nil && *p.FoundedYear != 0 {
		l.Add(check.IntRange("founded_year", *p.FoundedYear, domain.MinFoundedYear, domain.MaxFoundedYear))
	}
	if p.SocialLinks != nil {
		l.Add(validateSocialLinks(*p.SocialLinks))
	}
}

// validateSocialLinks accepts up to MaxSocialLinks distinct https URLs:
// they become links on the company page, so http (mixed content) and
// anything that is not a web address are refused.
func validateSocialLinks(links []string) error {
	if len(links) > domain.MaxSocialLinks {
		return domain.FieldError("social_links", "must hold at most %d links, got %d", domain.MaxSocialLinks, len(links))
	}
	seen := map[string]bool{}
	for _, raw := range links {
		if err := check.URL("social_links", raw, domain.MaxProfileURL); err != nil {
			return err
		}
		if u, _ := url.Parse(raw); raw == "" || u.Scheme != "https" {
			return domain.FieldError("social_links", "must be https URLs, got %q", raw)
		}
		if seen[raw] {
			return domain.FieldError("social_links", "must not repeat a link, got %q twice", raw)
		}
		seen[raw] = true
	}
	return nil
}

// profileSet adds the SET terms of the profile fields given, trimmed as
// they are stored; a founded year of 0 removes it.
func (p UpdateParams) profileSet(add func(col string, v any)) {
	texts := []struct {
		col string
		v   *string
	}{{"description", p.Description}, {"website", p.Website}, {"industry", p.Industry},
		{"company_size", p.Size}, {"hq_city", p.HQCity}, {"hq_country", p.HQCountry}}
	for _, t := range texts {
		if t.v != nil {
			add(t.col, strings.TrimSpace(*t.v))
		}
	}
	if p.FoundedYear != nil {
		var year *int
		if *p.FoundedYear != 0 {
			year = p.FoundedYear
		}
		add("founded_year", year)
	}
	if p.SocialLinks != nil {
		add("social_links", append([]string{}, *p.SocialLinks...))
	}
}
