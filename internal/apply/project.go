package apply

import "github.com/zumodra/zumodra/internal/projection"

// projectJobs splits source rows into public catalog rows and the ids of
// those that are not public. internal/projection alone decides which is which.
func projectJobs(in []projection.JobInput) (rows []projection.JobRow, hidden []int64) {
	for _, x := range in {
		if r, why := projection.Job(x); why == projection.Public {
			rows = append(rows, r)
		} else {
			hidden = append(hidden, x.Job.ID)
		}
	}
	return rows, hidden
}

func projectProviders(in []projection.ProviderInput) (rows []projection.ProviderRow, hidden []int64) {
	for _, x := range in {
		if r, why := projection.Provider(x); why == projection.Public {
			rows = append(rows, r)
		} else {
			hidden = append(hidden, x.Provider.ID)
		}
	}
	return rows, hidden
}

func jobIDs(in []projection.JobInput) []int64 {
	out := make([]int64, len(in))
	for i, x := range in {
		out[i] = x.Job.ID
	}
	return out
}

func providerIDs(in []projection.ProviderInput) []int64 {
	out := make([]int64, len(in))
	for i, x := range in {
		out[i] = x.Provider.ID
	}
	return out
}
