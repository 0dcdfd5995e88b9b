package ops

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/zumodra/zumodra/internal/migrate"
)

// SchemaObject is a table or index that a migration creates. Doctor reads
// the expected objects from the embedded migrations themselves, so a new
// index is checked the moment its migration exists, with no list to keep
// in step.
type SchemaObject struct {
	Track     string `json:"track"`     // migrate.TrackShared or migrate.TrackTenant
	Migration string `json:"migration"` // 0002_catalog
	Name      string `json:"name"`      // unqualified
	Table     string `json:"table"`     // unqualified table an index is on
	SQL       string `json:"sql"`       // the CREATE statement, as written
}

var (
	sqlComment  = regexp.MustCompile(`--[^\n]*`)
	createTable = regexp.MustCompile(`(?is)\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_.]*)`)
	createIndex = regexp.MustCompile(`(?is)\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?` +
		`([a-z_][a-z0-9_]*)\s+ON\s+(?:ONLY\s+)?([a-z_][a-z0-9_.]*)[^;]*;`)
)

// ExpectedTables lists the tables the migrations of a track create.
func ExpectedTables(track string) []SchemaObject {
	var out []SchemaObject
	for _, m := range trackMigrations(track) {
		for _, g := range createTable.FindAllStringSubmatch(stripComments(m.SQL), -1) {
			out = append(out, SchemaObject{Track: track, Migration: migrationName(m), Name: unqualified(g[1]), SQL: g[0]})
		}
	}
	return out
}

// ExpectedIndexes lists the indexes the migrations of a track create
// explicitly (those behind PRIMARY KEY and UNIQUE come with their table).
func ExpectedIndexes(track string) []SchemaObject {
	var out []SchemaObject
	for _, m := range trackMigrations(track) {
		for _, g := range createIndex.FindAllStringSubmatch(stripComments(m.SQL), -1) {
			out = append(out, SchemaObject{Track: track, Migration: migrationName(m), Name: g[1],
				Table: unqualified(g[2]), SQL: strings.TrimSpace(g[0])})
		}
	}
	return out
}

func trackMigrations(track string) []migrate.Migration {
	if track == migrate.TrackTenant {
		return migrate.Tenant()
	}
	return migrate.Shared()
}

func migrationName(m migrate.Migration) string { return fmt.Sprintf("%04d_%s", m.Version, m.Name) }

func stripComments(sql string) string { return sqlComment.ReplaceAllString(sql, "") }

func unqualified(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}
