package tenantapi

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// providerChildren keeps a provider's skills and category links. They are
// replaced as whole sets in the provider's transaction; the provider row is
// updated too, so its version moves with them.
type providerChildren struct{}

func (providerChildren) load(ctx context.Context, tx pgx.Tx, recs []*record[providerFields]) error {
	byID := make(map[int64]*record[providerFields], len(recs))
	ids := make([]int64, len(recs))
	for i, r := range recs {
		byID[r.ID], ids[i] = r, r.ID
		r.Fields.Skills, r.Fields.CategoryIDs = []skill{}, []int64{}
	}
	rows, err := tx.Query(ctx, `SELECT provider_id, name, level, years_experience FROM provider_skills
		WHERE provider_id = ANY($1) ORDER BY provider_id, id`, ids)
	if err != nil {
		return translate(err, "provider_skills")
	}
	var pid int64
	var s skill
	_, err = pgx.ForEachRow(rows, []any{&pid, &s.Name, &s.Level, &s.YearsExperience}, func() error {
		byID[pid].Fields.Skills = append(byID[pid].Fields.Skills, s)
		return nil
	})
	if err != nil {
		return translate(err, "provider_skills")
	}
	rows, err = tx.Query(ctx, `SELECT provider_id, category_id FROM provider_category_links
		WHERE provider_id = ANY($1) ORDER BY provider_id, category_id`, ids)
	if err != nil {
		return translate(err, "provider_category_links")
	}
	var cid int64
	_, err = pgx.ForEachRow(rows, []any{&pid, &cid}, func() error {
		byID[pid].Fields.CategoryIDs = append(byID[pid].Fields.CategoryIDs, cid)
		return nil
	})
	return translate(err, "provider_category_links")
}

func (providerChildren) save(ctx context.Context, tx pgx.Tx, id int64, f *providerFields) error {
	if err := saveSkills(ctx, tx, id, f.Skills); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM provider_category_links WHERE provider_id = $1`, id); err != nil {
		return translate(err, "provider_category_links")
	}
	_, err := tx.Exec(ctx, `INSERT INTO provider_category_links (provider_id, category_id)
		SELECT $1, unnest($2::bigint[])`, id, f.CategoryIDs)
	if domain.ErrorCode(translate(err, "")) == domain.CodeInvalid {
		return semantic(&domain.Error{Code: domain.CodeInvalid, Field: "category_ids",
			Message: "must hold ids of your provider categories", Err: err})
	}
	return translate(err, "provider_category_links")
}

func saveSkills(ctx context.Context, tx pgx.Tx, id int64, skills []skill) error {
	if _, err := tx.Exec(ctx, `DELETE FROM provider_skills WHERE provider_id = $1`, id); err != nil {
		return translate(err, "provider_skills")
	}
	names := make([]string, len(skills))
	levels := make([]string, len(skills))
	years := make([]int32, len(skills))
	for i, s := range skills {
		names[i], levels[i], years[i] = s.Name, s.Level, int32(s.YearsExperience)
	}
	_, err := tx.Exec(ctx, `INSERT INTO provider_skills (provider_id, name, level, years_experience)
		SELECT $1, n, l, y FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS s(n, l, y, o) ORDER BY o`,
		id, names, levels, years)
	if domain.ErrorCode(translate(err, "")) == domain.CodeConflict {
		return &domain.Error{Code: domain.CodeConflict, Field: "skills", Message: "names a skill twice (names ignore case)", Err: err}
	}
	return translate(err, "provider_skills")
}
