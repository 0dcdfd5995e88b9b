// Package kind describes the two public catalogs once: the catalog table,
// the tenant's source table and the outbox entities of each, so callers
// look a catalog's names up instead of branching on which one it is. It
// imports nothing, so readers (cli, admin, ops) need not import the
// packages that write the catalogs.
package kind

// Catalog names one of the two public catalogs.
type Catalog string

// The catalogs.
const (
	Jobs      Catalog = "jobs"
	Providers Catalog = "providers"
)

// All lists every catalog, in the order syncs visit them.
var All = []Catalog{Jobs, Providers}

type names struct {
	table, source, entity, whole, title string
}

var catalogs = map[Catalog]names{
	Jobs:      {"public.job_catalog", "job_postings", "job", "tenant_jobs", "Jobs"},
	Providers: {"public.provider_catalog", "service_providers", "provider", "tenant_providers", "Providers"},
}

// Table is the catalog's table, schema-qualified.
func (c Catalog) Table() string { return catalogs[c].table }

// SourceTable is the table of the tenant's schema the catalog is projected
// from (unqualified: the tenant's schema is the caller's to quote).
func (c Catalog) SourceTable() string { return catalogs[c].source }

// Entity is the outbox entity of a change to one source row.
func (c Catalog) Entity() string { return catalogs[c].entity }

// WholeEntity is the outbox entity of a full pass of the catalog.
func (c Catalog) WholeEntity() string { return catalogs[c].whole }

// Title is the catalog's name as a heading in command output.
func (c Catalog) Title() string { return catalogs[c].title }
