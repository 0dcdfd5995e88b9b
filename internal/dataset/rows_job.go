package dataset

import (
	"fmt"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

var jobSourceColumns = []string{"id", "category_id", "title", "slug", "reference_code", "job_type",
	"experience_level", "remote_policy", "location_city", "location_state", "location_country", "latitude",
	"longitude", "description", "responsibilities", "requirements", "nice_to_have", "benefits", "salary_min",
	"salary_max", "salary_currency", "salary_period", "show_salary", "required_skills", "preferred_skills",
	"positions_count", "team", "is_featured", "application_deadline", "status", "published_on_career_page",
	"is_internal_only", "published_at", "meta_title", "meta_description", "hiring_manager_email",
	"internal_notes", "application_email", "created_at", "updated_at"}

var (
	// Weights of domain.JobTypes, ExperienceLevels and RemotePolicies, in
	// their order.
	jobTypeWeight = []int{60, 10, 15, 5, 5, 5}
	levelWeight   = []int{10, 15, 30, 30, 10, 5}
	remoteWeight  = []int{45, 25, 30}
	// Weights of domain.JobStatuses (draft, open, on_hold, closed, filled,
	// cancelled): of every 100 jobs about 76 are public, open, on the
	// career page and not internal-only.
	statusWeight = []int{6, 86, 2, 4, 2, 0}
)

// genRow is one generated source row with what the loader counts.
type genRow struct {
	values        []any
	public        bool
	bytes         int64
	skills, links [][]any // providers only
}

// job is the tenant's job with this id.
func (g *tenantGen) job(id int64) genRow {
	r := g.jobs
	title := strings.Join(strings.Fields(pick(r, seniorities)+" "+pick(r, specialties)+" "+pick(r, roles)), " ")
	place := pick(r, places)
	req := pickN(r, skills, 2+r.IntN(4))
	catID := any(int64(1 + r.IntN(g.jobCats)))
	if chance(r, 0.05) {
		catID = nil
	}
	var lat, lon any
	if chance(r, 0.7) {
		lat, lon = place.lat+r.Float64()-0.5, place.lon+r.Float64()-0.5
	}
	lo := float64(30+r.IntN(150)) * 1000
	status := weighted(r, domain.JobStatuses, statusWeight)
	onPage, internal := chance(r, 0.93), chance(r, 0.05)
	var deadline any
	switch d := r.IntN(20); {
	case d == 0:
		deadline = g.anchor.AddDate(0, 0, -1-r.IntN(30))
	case d < 7:
		deadline = g.anchor.AddDate(0, 0, 60+r.IntN(340))
	}
	created := g.daysBefore(r, 365)
	published := created.Add(time.Duration(r.IntN(72)) * time.Hour)
	desc := description(r, 1000, title, pick(r, jobCategoryNames), req)
	resp := htmlList(pickN(r, []string{"Design and build features", "Review code", "Mentor colleagues",
		"Talk to customers", "Improve our tooling", "Write documentation", "Plan the roadmap"}, 3))
	nice := ""
	if chance(r, 0.4) {
		nice = "<p>Experience with " + pick(r, skills) + " or " + pick(r, skills) + ".</p>"
	}
	v := []any{id, catID, title, domain.Slugify(title), fmt.Sprintf("REF-%06d", id), weighted(r, domain.JobTypes, jobTypeWeight),
		weighted(r, domain.ExperienceLevels, levelWeight), weighted(r, domain.RemotePolicies, remoteWeight), pick(r, place.cities), "",
		place.country, lat, lon, desc, resp, htmlList(req), nice,
		"<p>Health insurance, learning budget, <strong>30 days</strong> of leave.</p>",
		lo, lo + float64(10+r.IntN(60))*1000, pick(r, []string{"USD", "EUR", "GBP"}), "yearly", chance(r, 0.6),
		req, pickN(r, skills, r.IntN(3)), int32(1 + r.IntN(3)), pick(r, specialties), chance(r, 0.05), deadline,
		status, onPage, internal, published, title + " | careers", "Apply for " + title + " in " + place.country + ".",
		fmt.Sprintf("manager%d@corp.example", id), "Internal: budget approved, shortlist from referrals.",
		"jobs@corp.example", created, published}
	return genRow{values: v, public: status == "open" && onPage && !internal,
		bytes: int64(len(desc) + len(resp) + len(title) + 400)}
}
