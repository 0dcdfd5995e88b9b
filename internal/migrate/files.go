package migrate

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
)

//go:embed shared/*.sql tenant/*.sql
var files embed.FS

// Track names.
const (
	TrackShared = "shared"
	TrackTenant = "tenant"
)

// Migration is one numbered SQL file.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

var fileName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.sql$`)

var (
	sharedMigrations = mustLoad(TrackShared)
	tenantMigrations = mustLoad(TrackTenant)
)

// Shared returns the shared track in version order.
func Shared() []Migration { return sharedMigrations }

// Tenant returns the tenant track in version order.
func Tenant() []Migration { return tenantMigrations }

// Fingerprint identifies the complete set of migrations: a database built
// from the same fingerprint has the same schema (the test helper names its
// template database after it).
func Fingerprint() string {
	h := sha256.New()
	for _, track := range [][]Migration{sharedMigrations, tenantMigrations} {
		for _, m := range track {
			fmt.Fprintf(h, "%d %s %d\n%s\n", m.Version, m.Name, len(m.SQL), m.SQL)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func mustLoad(dir string) []Migration {
	ms, err := load(dir)
	if err != nil {
		panic(err) // a malformed embedded file is a build defect
	}
	return ms
}

func load(dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		m := fileName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration %s/%s: name must look like 0001_name.sql", dir, e.Name())
		}
		body, err := files.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		v, _ := strconv.Atoi(m[1])
		ms = append(ms, Migration{Version: v, Name: m[2], SQL: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	// Versions must be unique; gaps are allowed, because branches developed
	// side by side each take a number and land in any order, and the runner
	// applies whatever a schema lacks by version, not by the highest applied.
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migration %s: version %04d used twice (%s and %s)", dir, ms[i].Version, ms[i-1].Name, ms[i].Name)
		}
	}
	return ms, nil
}
