package seedgen

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

var jobColumns = []string{"tenant_id", "source_id", "source_version", "content_hash", "title", "slug",
	"reference_code", "category_name", "category_slug", "job_type", "experience_level", "remote_policy",
	"city", "country", "description_html", "requirements_html", "benefits_html", "show_salary", "salary_min",
	"salary_max", "salary_currency", "salary_period", "required_skills", "preferred_skills",
	"positions_count", "team", "company_name", "company_slug", "company_logo_url", "is_featured",
	"application_deadline", "published_at", "meta_description"}

var (
	jobTypes = []string{"full_time", "full_time", "full_time", "part_time", "contract", "internship", "temporary", "freelance"}
	levels   = []string{"entry", "junior", "mid", "mid", "senior", "senior", "lead", "executive"}
	remotes  = []string{"on_site", "on_site", "remote", "hybrid", "hybrid"}
)

// jobRow is the i-th generated job. Tenants get jobs in proportion to a
// skewed draw, as real boards have a few large employers.
func jobRow(r *rand.Rand, ts []tenant, i int, now time.Time) []any {
	t := ts[skewed(r, len(ts))]
	role := pick(r, roles)
	title := strings.TrimSpace(strings.Join(strings.Fields(pick(r, seniorities)+" "+pick(r, specialties)+" "+role.title), " "))
	place := pick(r, places)
	req := pickN(r, skills, 2+r.IntN(4))
	published := now.Add(-time.Duration(r.Int64N(int64(180 * 24 * time.Hour))))
	var smin, smax, cur, period any
	show := r.IntN(10) < 6
	if show {
		lo := float64(30+r.IntN(150)) * 1000
		smin, smax, cur, period = lo, lo+float64(10+r.IntN(60))*1000, pick(r, []string{"USD", "EUR", "GBP"}), "yearly"
	}
	var deadline any
	switch d := r.IntN(10); {
	case d == 0: // past: hidden at query time
		deadline = now.Add(-time.Duration(1+r.IntN(30)) * 24 * time.Hour)
	case d < 4:
		deadline = now.Add(time.Duration(1+r.IntN(90)) * 24 * time.Hour)
	}
	desc := description(r, title, role.categoryName, place.country, req)
	hash := sha256.Sum256([]byte(fmt.Sprint(i, title)))
	return []any{t.id, int64(i + 1), int64(1), hash[:], title, slugify(title), fmt.Sprintf("REF-%06d", i+1),
		role.categoryName, role.category, pick(r, jobTypes), pick(r, levels), pick(r, remotes),
		pick(r, place.cities), place.country, desc, "<ul><li>" + strings.Join(req, "</li><li>") + "</li></ul>",
		"<p>Health insurance, learning budget, 30 days of leave.</p>", show, smin, smax, cur, period,
		req, pickN(r, skills, r.IntN(3)), int32(1 + r.IntN(3)), pick(r, specialties), t.name, t.slug, t.logo,
		r.IntN(20) == 0, deadline, published, truncate(stripTags(desc), 150)}
}

var providerColumns = []string{"tenant_id", "source_id", "source_version", "content_hash", "display_name",
	"provider_type", "bio_html", "tagline", "avatar_url", "city", "country", "category_names", "category_slugs",
	"skill_names", "skills", "hourly_rate", "minimum_budget", "currency", "rating_avg", "total_reviews",
	"completed_jobs_count", "response_rate", "avg_response_time_hours", "availability_status", "is_verified",
	"is_featured", "is_accepting_projects", "can_work_remotely", "can_work_onsite", "company_name",
	"company_slug", "published_at"}

var availabilities = []string{"available", "available", "available", "busy", "unavailable", "on_leave"}

func providerRow(r *rand.Rand, ts []tenant, i int, now time.Time) []any {
	t := ts[skewed(r, len(ts))]
	name := pick(r, firstNames) + " " + pick(r, lastNames)
	cats := pickN(r, providerCategories, 1+r.IntN(2))
	var slugs, names []string
	for _, c := range cats {
		slugs, names = append(slugs, c.slug), append(names, c.name)
	}
	sk := pickN(r, skills, 2+r.IntN(5))
	type skill struct {
		Name  string `json:"name"`
		Level string `json:"level"`
		Years int    `json:"years"`
	}
	var detail []skill
	for _, s := range sk {
		detail = append(detail, skill{s, pick(r, []string{"beginner", "intermediate", "advanced", "expert"}), 1 + r.IntN(15)})
	}
	skillJSON, _ := json.Marshal(detail)
	place := pick(r, places)
	tagline := fmt.Sprintf("%s %s for %s teams", pick(r, specialties), pick(r, roles).title, pick(r, companySuffixes))
	var rate any
	if r.IntN(10) > 0 {
		rate = float64(15 + r.IntN(185))
	}
	reviews := r.IntN(300)
	rating := 0.0
	if reviews > 0 {
		rating = float64(250+r.IntN(251)) / 100
	}
	hash := sha256.Sum256([]byte(fmt.Sprint("p", i, name)))
	return []any{t.id, int64(i + 1), int64(1), hash[:], name, pick(r, []string{"individual", "individual", "agency", "company"}),
		description(r, tagline, names[0], place.country, sk), strings.TrimSpace(tagline),
		"https://avatars.example.com/" + fmt.Sprint(i) + ".png", pick(r, place.cities), place.country, names, slugs,
		sk, skillJSON, rate, float64(500 * (1 + r.IntN(20))), "USD", rating, int32(reviews), int32(reviews + r.IntN(50)),
		int32(50 + r.IntN(51)), float64(1+r.IntN(48)) / 2, pick(r, availabilities), r.IntN(3) == 0, r.IntN(25) == 0,
		r.IntN(4) > 0, r.IntN(5) > 0, r.IntN(2) == 0, t.name, t.slug, now.Add(-time.Duration(r.Int64N(int64(365 * 24 * time.Hour))))}
}
