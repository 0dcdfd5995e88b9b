package ops

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/zumodra/zumodra/internal/migrate"
)

// SchemaObject is a table or index that the migrations leave in place.
// Doctor reads the expected objects from the embedded migrations
// themselves, replaying their CREATE, DROP and RENAME statements in order,
// so a new index is checked the moment its migration exists and a dropped
// one stops being expected, with no list to keep in step.
type SchemaObject struct {
	Track     string `json:"track"`     // migrate.TrackShared or migrate.TrackTenant
	Migration string `json:"migration"` // the migration that created it: 0002_catalog
	Name      string `json:"name"`      // unqualified
	Table     string `json:"table"`     // unqualified table an index is on
	SQL       string `json:"sql"`       // the CREATE statement, as written
	// CreatedAs is the name SQL creates when a later migration renamed it.
	CreatedAs string `json:"created_as,omitempty"`
}

const ident = `[a-z_][a-z0-9_.]*`

var (
	sqlComment  = regexp.MustCompile(`--[^\n]*`)
	createTable = regexp.MustCompile(`(?is)\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(` + ident + `)`)
	dropTable   = regexp.MustCompile(`(?is)\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(` + ident + `)`)
	createIndex = regexp.MustCompile(`(?is)\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?` +
		`(` + ident + `)\s+ON\s+(?:ONLY\s+)?(` + ident + `)[^;]*;`)
	dropIndex   = regexp.MustCompile(`(?is)\bDROP\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?(` + ident + `(?:\s*,\s*` + ident + `)*)`)
	renameIndex = regexp.MustCompile(`(?is)\bALTER\s+INDEX\s+(?:IF\s+EXISTS\s+)?(` + ident + `)\s+RENAME\s+TO\s+(` + ident + `)`)
)

// statement is one DDL statement of interest, at its position.
type statement struct {
	pos  int
	kind string // create_table, drop_table, create_index, drop_index, rename_index
	m    []string
}

func statements(sql string) []statement {
	var out []statement
	for kind, re := range map[string]*regexp.Regexp{"create_table": createTable, "drop_table": dropTable,
		"create_index": createIndex, "drop_index": dropIndex, "rename_index": renameIndex} {
		for _, loc := range re.FindAllStringSubmatchIndex(sql, -1) {
			m := make([]string, len(loc)/2)
			for i := range m {
				m[i] = sql[loc[2*i]:loc[2*i+1]]
			}
			out = append(out, statement{pos: loc[0], kind: kind, m: m})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// replay runs a track's migrations in order over name -> object maps.
func replay(track string, ms []migrate.Migration) (tables, indexes map[string]SchemaObject, order []string) {
	tables, indexes = map[string]SchemaObject{}, map[string]SchemaObject{}
	for _, m := range ms {
		for _, st := range statements(stripComments(m.SQL)) {
			obj := SchemaObject{Track: track, Migration: migrationName(m)}
			switch st.kind {
			case "create_table":
				obj.Name, obj.SQL = unqualified(st.m[1]), st.m[0]
				tables[obj.Name] = obj
				order = append(order, "t:"+obj.Name)
			case "drop_table":
				delete(tables, unqualified(st.m[1]))
				for name, ix := range indexes {
					if ix.Table == unqualified(st.m[1]) {
						delete(indexes, name)
					}
				}
			case "create_index":
				obj.Name, obj.Table, obj.SQL = unqualified(st.m[1]), unqualified(st.m[2]), strings.TrimSpace(st.m[0])
				indexes[obj.Name] = obj
				order = append(order, "i:"+obj.Name)
			case "drop_index":
				for _, name := range strings.Split(st.m[1], ",") {
					delete(indexes, unqualified(strings.TrimSpace(name)))
				}
			case "rename_index":
				if ix, ok := indexes[unqualified(st.m[1])]; ok {
					delete(indexes, ix.Name)
					if ix.CreatedAs == "" {
						ix.CreatedAs = ix.Name // SQL still creates the old name: RecreateIndexes renames it
					}
					ix.Name = unqualified(st.m[2])
					indexes[ix.Name] = ix
					order = append(order, "i:"+ix.Name)
				}
			}
		}
	}
	return tables, indexes, order
}

// ExpectedTables lists the tables the migrations of a track leave, in the
// order they were created.
func ExpectedTables(track string) []SchemaObject {
	tables, _, order := replay(track, trackMigrations(track))
	return inOrder(tables, order, "t:")
}

// ExpectedIndexes lists the indexes the migrations of a track create
// explicitly and do not drop (those behind PRIMARY KEY and UNIQUE come with
// their table), in creation order.
func ExpectedIndexes(track string) []SchemaObject {
	_, indexes, order := replay(track, trackMigrations(track))
	return inOrder(indexes, order, "i:")
}

func inOrder(objs map[string]SchemaObject, order []string, prefix string) []SchemaObject {
	var out []SchemaObject
	seen := map[string]bool{}
	for _, key := range order {
		name, ok := strings.CutPrefix(key, prefix)
		if o, exists := objs[name]; ok && exists && !seen[name] {
			seen[name] = true
			out = append(out, o)
		}
	}
	return slices.Clip(out)
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
