// Package migrate applies Zumodra's versioned SQL migrations, embedded in the
// binary, on two tracks: shared (the public schema: tenants, catalog, outbox)
// and tenant (the private model, applied to every tenant schema, each schema
// keeping its own version record). Every tenant schema migrates in its own
// transaction under an advisory lock, so a failed or interrupted run is
// completed by simply running it again, and two runs never collide.
package migrate
