package dataset

import (
	"fmt"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
)

var providerSourceColumns = []string{"id", "display_name", "provider_type", "bio", "tagline", "avatar_url",
	"cover_image_url", "city", "state", "country", "latitude", "longitude", "hourly_rate", "minimum_budget",
	"currency", "rating_avg", "total_reviews", "completed_jobs_count", "response_rate",
	"avg_response_time_hours", "availability_status", "is_verified", "is_featured", "is_accepting_projects",
	"can_work_remotely", "can_work_onsite", "marketplace_enabled", "is_active", "user_is_active",
	"published_at", "email", "phone", "bank_account", "payment_account_id", "private_notes", "created_at",
	"updated_at"}

var (
	// Weights of domain.ProviderTypes and domain.Availabilities, in their
	// order.
	providerWeight = []int{70, 20, 10}
	availWeight    = []int{60, 25, 10, 5}
)

// provider is the tenant's provider with this id, its skills and category
// links. About 78 in 100 are public: marketplace enabled, active, and
// their user account active.
func (g *tenantGen) provider(id int64) genRow {
	r := g.provs
	name := pick(r, firstNames) + " " + pick(r, lastNames)
	place := pick(r, places)
	sk := pickN(r, skills, 2+r.IntN(5))
	tagline := fmt.Sprintf("%s %s, %d years", pick(r, specialties), pick(r, roles), 1+r.IntN(20))
	tagline = strings.TrimSpace(tagline)
	bio := description(r, 800, tagline, pick(r, providerCategoryNames), sk)
	var rate any
	if chance(r, 0.9) {
		rate = float64(15 + r.IntN(185))
	}
	reviews := r.IntN(300)
	rating := 0.0
	if reviews > 0 {
		rating = float64(250+r.IntN(251)) / 100
	}
	enabled, active, userActive := chance(r, 0.85), chance(r, 0.95), chance(r, 0.97)
	created := g.daysBefore(r, 730)
	v := []any{id, name, weighted(r, domain.ProviderTypes, providerWeight), bio, tagline,
		fmt.Sprintf("https://avatars.example.com/%d.png", id), "", pick(r, place.cities), "", place.country,
		nil, nil, rate, float64(500 * (1 + r.IntN(20))), "USD", rating, int32(reviews), int32(reviews + r.IntN(50)),
		int32(50 + r.IntN(51)), float64(1+r.IntN(48)) / 2, weighted(r, domain.Availabilities, availWeight),
		chance(r, 0.3), chance(r, 0.04), chance(r, 0.75), chance(r, 0.8), chance(r, 0.5), enabled, active,
		userActive, created, fmt.Sprintf("p%d@mail.example", id), "+1 555 0100", "DE89 3704 0044 0532 0130 00",
		"acct_private", "Private: prefers long projects.", created, created}
	row := genRow{values: v, public: enabled && active && userActive, bytes: int64(len(bio) + 400)}
	for _, s := range sk {
		row.skills = append(row.skills, []any{id, s, pick(r, domain.SkillLevels), int32(r.IntN(15))})
	}
	for _, c := range pickN(r, []int64{1, 2, 3, 4, 5}[:g.providerCats], 1+r.IntN(2)) {
		row.links = append(row.links, []any{id, c})
	}
	return row
}
