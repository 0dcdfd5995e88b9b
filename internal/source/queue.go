package source

import (
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/projection"
)

// QueueJobsByID is JobsByID queued on a batch, so a caller can pipeline it
// with its own statements; the rows land in *out when the batch runs.
func QueueJobsByID(b *pgx.Batch, t domain.Tenant, ids []int64, out *[]projection.JobInput) {
	b.Queue(jobQuery(t, `WHERE j.id = ANY($1) ORDER BY j.id`), ids).Query(func(rows pgx.Rows) error {
		in, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (projection.JobInput, error) { return scanJob(r, t) })
		if err != nil {
			return fmt.Errorf("read jobs of %s: %w", t.Slug, err)
		}
		*out = in
		return nil
	})
}

// QueueProvidersByID is ProvidersByID queued on a batch: the providers,
// their skills and their categories in three statements of one round trip.
func QueueProvidersByID(b *pgx.Batch, t domain.Tenant, ids []int64, out *[]projection.ProviderInput) {
	var ps []domain.ServiceProvider
	skills := map[int64][]domain.ProviderSkill{}
	cats := map[int64][]domain.ProviderCategory{}
	b.Queue(`SELECT `+providerColumns+` FROM `+table(t, "service_providers")+` WHERE id = ANY($1) ORDER BY id`, ids).
		Query(func(rows pgx.Rows) (err error) {
			ps, err = pgx.CollectRows(rows, scanProvider)
			return wrapRead(err, "providers", t)
		})
	b.Queue(skillsSQL(t), ids).Query(func(rows pgx.Rows) error { return wrapRead(scanSkills(rows, skills), "skills", t) })
	b.Queue(categoriesSQL(t), ids).Query(func(rows pgx.Rows) error {
		if err := scanCategories(rows, cats); err != nil {
			return wrapRead(err, "provider categories", t)
		}
		res := make([]projection.ProviderInput, len(ps))
		for i, p := range ps {
			res[i] = projection.ProviderInput{Tenant: t, Provider: p, Skills: skills[p.ID], Categories: cats[p.ID]}
		}
		*out = res
		return nil
	})
}

func wrapRead(err error, what string, t domain.Tenant) error {
	if err != nil {
		return fmt.Errorf("read %s of %s: %w", what, t.Slug, err)
	}
	return nil
}
