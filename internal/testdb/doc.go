// Package testdb gives each test its own freshly migrated PostgreSQL database.
//
// Databases are cloned from a template (tmpl_<first 12 hex of
// migrate.Fingerprint()>) that is built and migrated once per migration set,
// under an advisory lock so the many test processes `go test ./...` runs in
// parallel build it only once; a comment on the template marks it complete,
// so one whose builder died halfway is rebuilt.
//
// The server is DATABASE_URL when set (its database serves as the maintenance
// database, the role needs CREATEDB), otherwise a non-durable embedded test
// cluster in ClusterDir(), started by the first test process that needs it
// and reused by the others. It is left running between packages;
// scripts/test.sh stops it at the end with `go run ./internal/testdb/cmd/testcluster stop`.
package testdb
