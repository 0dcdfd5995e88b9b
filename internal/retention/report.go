package retention

import "time"

// Report is what one purge did (or, in a dry run, would do).
type Report struct {
	DryRun bool      `json:"dry_run"`
	Cutoff time.Time `json:"cutoff"` // submissions last active before it go
	// Tenants lists each tenant purged, in id order.
	Tenants  []TenantReport    `json:"tenants"`
	Errors   map[string]string `json:"errors,omitempty"` // tenant slug -> error
	Duration time.Duration     `json:"-"`
	Seconds  float64           `json:"duration_seconds"`
}

// TenantReport is one tenant's part of a purge.
type TenantReport struct {
	Tenant string `json:"tenant"`
	// Rows counts the rows deleted (or that would be), by table: the
	// inboxes' and their related tables'.
	Rows map[string]int `json:"rows"`
	// Held counts, by inbox table, the submissions as old as the purged
	// ones but kept because they are in a working stage.
	Held map[string]int `json:"held"`
}

// Total is the number of rows deleted over every tenant and table.
func (r Report) Total() int {
	n := 0
	for _, t := range r.Tenants {
		for _, c := range t.Rows {
			n += c
		}
	}
	return n
}
