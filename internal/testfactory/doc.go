// Package testfactory inserts realistic tenants, categories, jobs and
// providers for tests, with defaults and per-test overrides:
//
//	tn := testfactory.Tenant(t, pool, nil)
//	job := testfactory.Job(t, pool, tn, &testfactory.JobOpts{Title: "Go engineer"})
//	p := testfactory.Provider(t, pool, tn, &testfactory.ProviderOpts{
//		Skills: []testfactory.SkillOpts{{Name: "Go", Level: "expert", Years: 6}},
//	})
//
// Defaults make a row public: a job is open, published on the career page
// and not internal; a provider is marketplace-enabled and active. Rows are
// written with plain SQL into the tenant's schema, so the capture triggers
// fire exactly as they do for any other writer. The private columns get
// recognisable values ("PRIVATE-...") so leak tests can search for them.
package testfactory
