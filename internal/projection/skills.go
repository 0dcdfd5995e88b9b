package projection

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgjson"
)

// providerCategories returns the category names and slugs sorted by name
// (then slug), as two aligned arrays. Never nil: the columns are NOT NULL.
func providerCategories(in []domain.ProviderCategory) (names, slugs []string) {
	cats := make([]domain.ProviderCategory, 0, len(in))
	for _, c := range in {
		c.Name, c.Slug = plainText(c.Name, maxCategory), plainText(c.Slug, maxCategory)
		if c.Name != "" {
			cats = append(cats, c)
		}
	}
	slices.SortFunc(cats, func(a, b domain.ProviderCategory) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Slug, b.Slug))
	})
	names, slugs = make([]string, len(cats)), make([]string, len(cats))
	for i, c := range cats {
		names[i], slugs[i] = c.Name, c.Slug
	}
	return names, slugs
}

type skill struct {
	name  string
	level string
	years int
}

// providerSkills returns the skill names and the skills jsonb, both sorted
// by name case-insensitively (ties by exact name, level, years, so the
// order never depends on the order the rows were read in).
func providerSkills(in []domain.ProviderSkill) ([]string, json.RawMessage) {
	skills := make([]skill, 0, len(in))
	for _, s := range in {
		sk := skill{plainText(s.Name, maxSkillName), plainText(s.Level, maxEnum), max(s.YearsExperience, 0)}
		if sk.name != "" {
			skills = append(skills, sk)
		}
	}
	slices.SortFunc(skills, compareSkills)
	names := make([]string, len(skills))
	for i, s := range skills {
		names[i] = s.name
	}
	return names, skillsJSON(skills)
}

func compareSkills(a, b skill) int {
	return cmp.Or(
		cmp.Compare(strings.ToLower(a.name), strings.ToLower(b.name)),
		cmp.Compare(a.name, b.name),
		cmp.Compare(a.level, b.level),
		cmp.Compare(a.years, b.years),
	)
}

// skillsJSON encodes skills exactly as PostgreSQL prints a jsonb value:
// object keys ordered by length then bytes (name, level, years), ": " and
// ", " separators, and strings escaped like PostgreSQL's escape_json. A
// catalog row's skills column, read back as text or scanned by pgx, is
// therefore byte-for-byte equal to what the projection produced, and verify
// can compare bytes. (Comparing in SQL with skills = $1::jsonb also works.)
func skillsJSON(skills []skill) json.RawMessage {
	var b strings.Builder
	b.WriteByte('[')
	for i, s := range skills {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"name": %s, "level": %s, "years": %s}`,
			pgjson.Quote(s.name), pgjson.Quote(s.level), strconv.Itoa(s.years))
	}
	b.WriteByte(']')
	return json.RawMessage(b.String())
}
