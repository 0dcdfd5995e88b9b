package apply

// Options change how rows are applied.
type Options struct {
	DryRun bool // count what would change, write nothing
	// Full makes a bulk page (SyncPage) read and project every source row,
	// even those whose input fingerprint the catalog holds: for sources
	// changed behind the database's back (a restored dump with its xmin
	// values) or a doubt; and it sanitises every HTML field again rather
	// than taking the catalog's output for an unchanged input.
	Full bool
	// refreshFingerprints: also store the fingerprints of unchanged rows
	// and of excluded ones, so the next bulk page can skip them. Bulk pages
	// set it; the incremental path does not pay those writes.
	refreshFingerprints bool
}
