package dataset

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// tenantGen draws one tenant's rows; jobs and providers have generators of
// their own so that changing one count never changes the other's rows.
type tenantGen struct {
	jobs, provs  *rand.Rand
	anchor       time.Time
	jobCats      int // job category ids 1..jobCats
	providerCats int
}

func newTenantGen(ds Options, idx int) *tenantGen {
	anchor := ds.Anchor
	if anchor.IsZero() {
		anchor = DefaultAnchor
	}
	return &tenantGen{
		jobs:   rand.New(rand.NewPCG(ds.Seed, uint64(idx)<<2|1)),
		provs:  rand.New(rand.NewPCG(ds.Seed, uint64(idx)<<2|2)),
		anchor: anchor, jobCats: 6, providerCats: 5,
	}
}

func companyName(seed uint64, i int) string {
	r := rand.New(rand.NewPCG(seed, uint64(i)<<2))
	return fmt.Sprintf("%s %s %d", pick(r, companyWords), pick(r, companySuffixes), i+1)
}

func (g *tenantGen) jobCategoryRows() [][]any {
	var rows [][]any
	for i := range g.jobCats {
		name := jobCategoryNames[i%len(jobCategoryNames)]
		rows = append(rows, []any{int64(i + 1), name, domain.Slugify(name), "Roles in " + name + "."})
	}
	return rows
}

func (g *tenantGen) providerCategoryRows() [][]any {
	var rows [][]any
	for i := range g.providerCats {
		name := providerCategoryNames[i%len(providerCategoryNames)]
		rows = append(rows, []any{int64(i + 1), name, domain.Slugify(name)})
	}
	return rows
}

// description writes about size bytes of HTML paragraphs; one in twenty
// carries markup the sanitiser must strip.
func description(r *rand.Rand, size int, topic, area string, sk []string) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString("<p>")
		for range 3 {
			s := pick(r, sentences)
			args := make([]any, strings.Count(s, "%s"))
			for i := range args {
				args[i] = pick(r, []string{topic, area, pick(r, sk), pick(r, skills), pick(r, specialties)})
			}
			b.WriteString(strings.Join(strings.Fields(fmt.Sprintf(s, args...)), " "))
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	if r.IntN(20) == 0 {
		b.WriteString(pick(r, hostile))
	}
	return b.String()
}

func htmlList(items []string) string {
	return "<ul><li>" + strings.Join(items, "</li><li>") + "</li></ul>"
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// weighted draws one of values by the given weights.
func weighted[T any](r *rand.Rand, values []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return values[i]
		}
		n -= w
	}
	return values[len(values)-1]
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func pickN[T any](r *rand.Rand, s []T, n int) []T {
	idx := r.Perm(len(s))[:min(n, len(s))]
	out := make([]T, len(idx))
	for i, j := range idx {
		out[i] = s[j]
	}
	return out
}

// daysBefore is a time up to days before the anchor.
func (g *tenantGen) daysBefore(r *rand.Rand, days int) time.Time {
	return g.anchor.Add(-time.Duration(r.Int64N(int64(days) * int64(24*time.Hour))))
}
