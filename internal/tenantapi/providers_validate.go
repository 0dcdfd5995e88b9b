package tenantapi

import (
	"slices"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

const maxCategories = 50

// prepareProvider normalises a provider and reports every bad field.
func prepareProvider(f *providerFields, now time.Time) error {
	f.DisplayName = strings.TrimSpace(f.DisplayName)
	if f.MarketplaceEnabled && f.PublishedAt == nil {
		t := now.UTC()
		f.PublishedAt = &t
	}
	if f.Skills == nil {
		f.Skills = []skill{}
	}
	if f.CategoryIDs == nil {
		f.CategoryIDs = []int64{}
	}
	for i := range f.Skills {
		f.Skills[i].Name = strings.TrimSpace(f.Skills[i].Name)
		if f.Skills[i].Level == "" {
			f.Skills[i].Level = "intermediate"
		}
	}
	var l check.List
	checkProviderText(&l, f)
	checkProviderNumbers(&l, f)
	l.Add(check.OneOf("provider_type", f.ProviderType, domain.ProviderTypes))
	l.Add(check.OneOf("availability_status", f.AvailabilityStatus, domain.Availabilities))
	l.Add(check.Currency("currency", f.Currency))
	l.Add(checkSkills(f.Skills))
	l.Add(checkCategoryIDs(f.CategoryIDs))
	l.Add(domain.CheckOptionalTime("published_at", f.PublishedAt))
	return l.Err()
}

func checkProviderText(l *check.List, f *providerFields) {
	l.Add(check.Line("display_name", f.DisplayName, 1, 200))
	l.Add(check.Text("bio", f.Bio, 0, maxLongText))
	l.Add(check.Line("tagline", f.Tagline, 0, 200))
	l.Add(check.ImageURL("avatar_url", string(f.AvatarURL)))
	l.Add(check.ImageURL("cover_image_url", string(f.CoverImageURL)))
	l.Add(check.Line("city", f.City, 0, 100))
	l.Add(check.Line("state", f.State, 0, 100))
	l.Add(check.Line("country", f.Country, 0, 100))
	l.Add(emailOrEmpty("email", string(f.Email)))
	l.Add(check.Line("phone", f.Phone, 0, 50))
	l.Add(check.Line("bank_account", f.BankAccount, 0, 100))
	l.Add(check.Line("payment_account_id", f.PaymentAccountID, 0, 200))
	l.Add(check.Text("private_notes", f.PrivateNotes, 0, maxLongText))
}

func checkProviderNumbers(l *check.List, f *providerFields) {
	checkCoordinates(l, f.Latitude, f.Longitude)
	l.Add(check.Amount("hourly_rate", f.HourlyRate, 10))
	l.Add(check.Amount("minimum_budget", f.MinimumBudget, 12))
	l.Add(check.Range("rating_avg", &f.RatingAvg, 0, 5))
	l.Add(check.IntRange("total_reviews", f.TotalReviews, 0, 1<<31-1))
	l.Add(check.IntRange("completed_jobs_count", f.CompletedJobsCount, 0, 1<<31-1))
	l.Add(check.IntRange("response_rate", f.ResponseRate, 0, 100))
	l.Add(check.Amount("avg_response_time_hours", f.AvgResponseTimeHours, 6))
}

func checkSkills(skills []skill) error {
	if len(skills) > maxSkills {
		return domain.FieldError("skills", "must hold at most %d skills", maxSkills)
	}
	seen := map[string]bool{}
	for i, s := range skills {
		field := "skills[" + itoa(i) + "]"
		if err := check.Line(field+".name", s.Name, 1, maxSkillName); err != nil {
			return err
		}
		if err := check.OneOf(field+".level", s.Level, domain.SkillLevels); err != nil {
			return err
		}
		if err := check.IntRange(field+".years_experience", s.YearsExperience, 0, 80); err != nil {
			return err
		}
		key := strings.ToLower(s.Name)
		if seen[key] {
			return domain.FieldError(field+".name", "%q is listed twice", s.Name)
		}
		seen[key] = true
	}
	return nil
}

func checkCategoryIDs(ids []int64) error {
	if len(ids) > maxCategories {
		return domain.FieldError("category_ids", "must hold at most %d ids", maxCategories)
	}
	for _, id := range ids {
		if id <= 0 {
			return domain.FieldError("category_ids", "must hold ids of your provider categories")
		}
	}
	slices.Sort(ids)
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		return domain.FieldError("category_ids", "must not repeat an id")
	}
	return nil
}
