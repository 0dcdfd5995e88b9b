package testfactory

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/source"
)

// ProviderOpts override the defaults of Provider.
type ProviderOpts struct {
	DisplayName        string // default "Ada Studio <n>"
	ProviderType       string // default agency
	Bio                string
	City, Country      string // default Lisbon, Portugal
	HourlyRate         *float64
	MarketplaceEnabled *bool // default true
	IsActive           *bool // default true
	UserIsActive       *bool // default true
	IsVerified         bool
	Skills             []SkillOpts
	CategoryIDs        []int64
}

// SkillOpts describe one provider skill.
type SkillOpts struct {
	Name  string
	Level string // default intermediate
	Years int
}

// Provider inserts a service provider, public by default, with its skills
// and category links, and returns it as read back.
func Provider(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, o *ProviderOpts) domain.ServiceProvider {
	t.Helper()
	if o == nil {
		o = &ProviderOpts{}
	}
	id := insertRow(t, pool, tn, "service_providers", map[string]any{
		"display_name": or(o.DisplayName, "Ada Studio "+next()), "provider_type": or(o.ProviderType, "agency"),
		"bio": or(o.Bio, "<p>We design <em>fast</em> web apps.</p>"), "tagline": "Design and code",
		"city": or(o.City, "Lisbon"), "country": or(o.Country, "Portugal"),
		"hourly_rate": orPtr(o.HourlyRate, 85), "rating_avg": 4.5, "total_reviews": 12,
		"marketplace_enabled": orPtr(o.MarketplaceEnabled, true), "is_active": orPtr(o.IsActive, true),
		"user_is_active": orPtr(o.UserIsActive, true), "is_verified": o.IsVerified,
		"email": "PRIVATE-ada@example.com", "phone": "PRIVATE-+351", "bank_account": "PRIVATE-IBAN",
		"payment_account_id": "PRIVATE-acct", "private_notes": "PRIVATE-notes",
		"published_at": Published(),
	})
	for _, s := range o.Skills {
		Skill(t, pool, tn, id, s)
	}
	for _, c := range o.CategoryIDs {
		LinkCategory(t, pool, tn, id, c)
	}
	return ReadProvider(t, pool, tn, id)
}

// Skill adds a skill to a provider.
func Skill(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, providerID int64, s SkillOpts) int64 {
	t.Helper()
	return insertRow(t, pool, tn, "provider_skills", map[string]any{
		"provider_id": providerID, "name": or(s.Name, "Skill "+next()),
		"level": or(s.Level, "intermediate"), "years_experience": s.Years,
	})
}

// LinkCategory links a provider to a provider category.
func LinkCategory(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, providerID, categoryID int64) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `INSERT INTO `+tableName(tn, "provider_category_links")+
		` (provider_id, category_id) VALUES ($1, $2)`, providerID, categoryID)
	if err != nil {
		t.Fatalf("testfactory: link provider %d to category %d: %v", providerID, categoryID, err)
	}
}

// ReadProvider reads a provider back from the tenant schema.
func ReadProvider(t testing.TB, pool *pgxpool.Pool, tn domain.Tenant, id int64) domain.ServiceProvider {
	t.Helper()
	in, err := source.ProvidersByID(context.Background(), pool, tn, []int64{id})
	if err != nil || len(in) != 1 {
		t.Fatalf("testfactory: read provider %d back: %v (%d rows)", id, err, len(in))
	}
	return in[0].Provider
}
