package projection

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestProviderEveryField(t *testing.T) {
	row, reason := Provider(publicProvider())
	if reason != Public {
		t.Fatalf("reason %q", reason)
	}
	want := ProviderRow{
		TenantID: 7, SourceID: 9, SourceVersion: 8, DisplayName: "Jane Doe", ProviderType: "individual",
		BioHTML: "<p>I <em>build</em></p>", Tagline: "Go and SQL", AvatarURL: "https://cdn.example/a.png",
		CoverImageURL: "", City: "Lyon", State: "ARA", Country: "France",
		Latitude: new(45.76), Longitude: new(4.83),
		CategoryNames: []string{"Backend", "Web"}, CategorySlugs: []string{"backend", "web"},
		SkillNames: []string{"Go", "sql"},
		Skills:     json.RawMessage(`[{"name": "Go", "level": "expert", "years": 6}, {"name": "sql", "level": "advanced", "years": 4}]`),
		HourlyRate: new(95.5), MinimumBudget: new(1000.0), Currency: "EUR", RatingAvg: 4.75,
		TotalReviews: 12, CompletedJobsCount: 30, ResponseRate: 98, AvgResponseTimeHours: new(2.5),
		AvailabilityStatus: "busy", IsVerified: true, IsFeatured: true, IsAcceptingProjects: true,
		CanWorkRemotely: true, CanWorkOnsite: true, CompanyName: "Acme Corp", CompanySlug: "acme",
		PublishedAt: time.Date(2026, 2, 3, 3, 5, 6, 0, time.UTC),
		RatingScore: (10*3.5 + 12*4.75) / 22, // the Bayesian prior: 10 reviews of 3.5
	}
	want.HTMLDigests = digestsOf(publicProvider().Provider.Bio)
	want.ContentHash = want.Hash()
	compareRows(t, row, want)
}

func TestProviderRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ProviderInput)
		check  func(t *testing.T, r ProviderRow)
	}{
		{"no skills, no categories: empty, not NULL", func(in *ProviderInput) { in.Skills, in.Categories = nil, nil }, func(t *testing.T, r ProviderRow) {
			if r.SkillNames == nil || r.CategoryNames == nil || r.CategorySlugs == nil || string(r.Skills) != "[]" {
				t.Errorf("got %#v %#v %#v %s", r.SkillNames, r.CategoryNames, r.CategorySlugs, r.Skills)
			}
		}},
		{"categories sorted by name, slugs aligned", func(in *ProviderInput) {
			in.Categories = []domain.ProviderCategory{{Name: "Zeta", Slug: "z"}, {Name: "Alpha", Slug: "a"}, {Name: "Mid", Slug: "m"}}
		}, func(t *testing.T, r ProviderRow) {
			if !slices.Equal(r.CategoryNames, []string{"Alpha", "Mid", "Zeta"}) || !slices.Equal(r.CategorySlugs, []string{"a", "m", "z"}) {
				t.Errorf("got %v %v", r.CategoryNames, r.CategorySlugs)
			}
		}},
		{"a provider without coordinates gets its city's, accents folded", func(in *ProviderInput) {
			in.Provider.Latitude, in.Provider.Longitude = nil, nil
			in.Provider.City, in.Provider.State, in.Provider.Country = "sao paulo", "", "BR"
		}, func(t *testing.T, r ProviderRow) {
			wantNear(t, r.Latitude, r.Longitude, -23.55, -46.64)
		}},
		{"skills sorted case-insensitively whatever the read order", func(in *ProviderInput) {
			in.Skills = []domain.ProviderSkill{{Name: "rust", Level: "beginner"}, {Name: "Go", Level: "expert"}, {Name: "AWS", Level: "advanced", YearsExperience: 2}}
		}, func(t *testing.T, r ProviderRow) {
			want := `[{"name": "AWS", "level": "advanced", "years": 2}, {"name": "Go", "level": "expert", "years": 0}, {"name": "rust", "level": "beginner", "years": 0}]`
			if !slices.Equal(r.SkillNames, []string{"AWS", "Go", "rust"}) || string(r.Skills) != want {
				t.Errorf("got %v %s", r.SkillNames, r.Skills)
			}
		}},
		{"skill names escaped like jsonb", func(in *ProviderInput) {
			in.Skills = []domain.ProviderSkill{{Name: `C "sharp" \ <b>&é`, Level: "expert"}}
		}, func(t *testing.T, r ProviderRow) {
			want := `[{"name": "C \"sharp\" \\ <b>&é", "level": "expert", "years": 0}]`
			if string(r.Skills) != want || !json.Valid(r.Skills) {
				t.Errorf("got %s want %s", r.Skills, want)
			}
		}},
		{"blank skill dropped", func(in *ProviderInput) { in.Skills = []domain.ProviderSkill{{Name: " \x00 "}} }, func(t *testing.T, r ProviderRow) {
			if len(r.SkillNames) != 0 || string(r.Skills) != "[]" {
				t.Errorf("got %v %s", r.SkillNames, r.Skills)
			}
		}},
		{"avatar javascript: URL dropped", func(in *ProviderInput) { in.Provider.AvatarURL = "javascript:alert(1)" }, func(t *testing.T, r ProviderRow) {
			if r.AvatarURL != "" {
				t.Errorf("avatar %q", r.AvatarURL)
			}
		}},
		{"cover data: URL dropped", func(in *ProviderInput) { in.Provider.CoverImageURL = "data:image/svg+xml,<svg onload=alert(1)>" }, func(t *testing.T, r ProviderRow) {
			if r.CoverImageURL != "" {
				t.Errorf("cover %q", r.CoverImageURL)
			}
		}},
		{"company from tenant", func(in *ProviderInput) { in.Tenant.Name = "  Other\nName " }, func(t *testing.T, r ProviderRow) {
			if r.CompanyName != "Other Name" || r.CompanySlug != "acme" {
				t.Errorf("company %q %q", r.CompanyName, r.CompanySlug)
			}
		}},
		{"bio sanitised", func(in *ProviderInput) { in.Provider.Bio = `<svg onload=alert(1)><p style="x" class="y">Hi</p>` }, func(t *testing.T, r ProviderRow) {
			if r.BioHTML != "<p>Hi</p>" {
				t.Errorf("bio %q", r.BioHTML)
			}
		}},
		{"nullable amounts stay NULL", func(in *ProviderInput) {
			in.Provider.HourlyRate, in.Provider.MinimumBudget, in.Provider.AvgResponseTimeHours = nil, nil, nil
		}, func(t *testing.T, r ProviderRow) {
			if r.HourlyRate != nil || r.MinimumBudget != nil || r.AvgResponseTimeHours != nil {
				t.Errorf("got %v %v %v", r.HourlyRate, r.MinimumBudget, r.AvgResponseTimeHours)
			}
		}},
		{"published_at falls back to created_at", func(in *ProviderInput) { in.Provider.PublishedAt = nil }, func(t *testing.T, r ProviderRow) {
			if !r.PublishedAt.Equal(created.Truncate(time.Microsecond)) {
				t.Errorf("published_at %v", r.PublishedAt)
			}
		}},
		{"tagline and name capped on rune boundary", func(in *ProviderInput) {
			in.Provider.Tagline, in.Provider.DisplayName = strings.Repeat("日本", 150), strings.Repeat("😀", 250)
		}, func(t *testing.T, r ProviderRow) {
			if len([]rune(r.Tagline)) != 200 || len([]rune(r.DisplayName)) != 200 {
				t.Errorf("lengths %d %d", len([]rune(r.Tagline)), len([]rune(r.DisplayName)))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := publicProvider()
			tt.change(&in)
			row, reason := Provider(in)
			if reason != Public {
				t.Fatalf("reason %q", reason)
			}
			tt.check(t, row)
		})
	}
}
