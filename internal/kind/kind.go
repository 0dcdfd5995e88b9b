// Package kind describes the public catalogs once: the catalog table,
// the source table and the outbox entities of each, so callers
// look a catalog's names up instead of branching on which one it is. It
// imports nothing, so readers (cli, admin, ops) need not import the
// packages that write the catalogs.
package kind

// Catalog names one of the public catalogs.
type Catalog string

// The catalogs.
const (
	Jobs      Catalog = "jobs"
	Providers Catalog = "providers"
	// Companies holds one row per active tenant, its company profile; its
	// source is the tenant's row in public.tenants, and its public id is
	// the tenant's id.
	Companies Catalog = "companies"
)

// All lists every catalog, in the order syncs visit them.
var All = []Catalog{Jobs, Providers, Companies}

type names struct {
	table, source, entity, whole, title string
}

var catalogs = map[Catalog]names{
	Jobs:      {"public.job_catalog", "job_postings", "job", "tenant_jobs", "Jobs"},
	Providers: {"public.provider_catalog", "service_providers", "provider", "tenant_providers", "Providers"},
	// A company is one row, so its row entity is its whole pass too.
	Companies: {"public.company_catalog", "tenants", "company", "company", "Companies"},
}

// Table is the catalog's table, schema-qualified.
func (c Catalog) Table() string { return catalogs[c].table }

// SourceTable is the table the catalog is projected from: of the tenant's
// schema (unqualified: the schema is the caller's to quote), except for
// Companies, whose source is public.tenants.
func (c Catalog) SourceTable() string { return catalogs[c].source }

// Entity is the outbox entity of a change to one source row.
func (c Catalog) Entity() string { return catalogs[c].entity }

// WholeEntity is the outbox entity of a full pass of the catalog.
func (c Catalog) WholeEntity() string { return catalogs[c].whole }

// Title is the catalog's name as a heading in command output.
func (c Catalog) Title() string { return catalogs[c].title }
