package catalog

// A catalog row holds what the projection decided; whether it is listed
// now is decided by each read at its own time (projection.JobTimeExclusion
// and projection.ProviderTimeExclusion are the same rule in Go), so a row
// scheduled for later appears at its published_at, and a job disappears at
// its application deadline, without any write.

// listedJob is the condition of a job row listed at the time bound to the
// placeholder now, on the alias prefix ("" or "o.").
func listedJob(prefix, now string) string {
	return "(" + prefix + "application_deadline IS NULL OR " + prefix + "application_deadline > " + now + ") AND " +
		prefix + "published_at <= " + now
}

// listedProvider is listedJob for a provider row.
func listedProvider(prefix, now string) string {
	return prefix + "published_at <= " + now
}
