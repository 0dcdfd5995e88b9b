package pgcluster

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries is returned when no usable PostgreSQL server installation is found.
var ErrNoBinaries = errors.New("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found")

// Binaries is one PostgreSQL server installation.
type Binaries struct {
	Dir      string // directory holding initdb, pg_ctl and postgres
	Initdb   string
	PgCtl    string
	Postgres string
	Major    int // major version, e.g. 16
}

// Finder says where to look for server binaries; tests point it at empty dirs.
type Finder struct {
	Path  string   // a PATH-style list searched first
	Globs []string // installation dirs like /usr/lib/postgresql/*/bin, newest major wins
}

// DefaultFinder searches $PATH, then the usual package locations of Debian,
// Fedora/PGDG and Homebrew.
func DefaultFinder() Finder {
	return Finder{
		Path: os.Getenv("PATH"),
		Globs: []string{
			"/usr/lib/postgresql/*/bin",
			"/usr/pgsql-*/bin",
			"/opt/homebrew/opt/postgresql@*/bin",
			"/usr/local/opt/postgresql@*/bin",
			"/opt/homebrew/opt/postgresql/bin",
			"/usr/local/opt/postgresql/bin",
		},
	}
}

// FindBinaries returns the server installation DefaultFinder prefers.
func FindBinaries() (Binaries, error) { return DefaultFinder().Find(0) }

// Find returns the first installation in PATH, else the newest one matched by
// Globs. With wantMajor > 0 only that major version qualifies, because a data
// directory can only be run by the major version that created it.
func (f Finder) Find(wantMajor int) (Binaries, error) {
	for _, dir := range f.candidates() {
		b, ok := probeDir(dir)
		if ok && (wantMajor == 0 || b.Major == wantMajor) {
			return b, nil
		}
	}
	if wantMajor > 0 {
		return Binaries{}, fmt.Errorf("%w for major version %d (the data directory was created by it): %s",
			ErrNoBinaries, wantMajor, installHint(wantMajor))
	}
	return Binaries{}, fmt.Errorf("%w: %s", ErrNoBinaries, installHint(0))
}

func installHint(major int) string {
	deb, fed, brew := "postgresql", "postgresql-server", "postgresql"
	if major > 0 {
		deb = fmt.Sprintf("postgresql-%d", major)
		brew = fmt.Sprintf("postgresql@%d", major)
	}
	return fmt.Sprintf("install the PostgreSQL server: Debian/Ubuntu `apt-get install %s`, "+
		"Fedora `dnf install %s`, macOS `brew install %s`; or set DATABASE_URL to use an existing server",
		deb, fed, brew)
}

// candidates lists directories to probe: PATH entries in order, then glob
// matches sorted by the version number in their path, newest first.
func (f Finder) candidates() []string {
	dirs := filepath.SplitList(f.Path)
	var globbed []string
	for _, g := range f.Globs {
		m, _ := filepath.Glob(g) // only ErrBadPattern, impossible for our constant patterns
		globbed = append(globbed, m...)
	}
	sort.SliceStable(globbed, func(i, j int) bool { return versionInPath(globbed[i]) > versionInPath(globbed[j]) })
	return append(dirs, globbed...)
}

var digitsRe = regexp.MustCompile(`\d+`)

// versionInPath reads the major version from the last path element holding
// digits: 15 in /usr/lib/postgresql/15/bin, /usr/pgsql-15/bin, postgresql@15/bin.
func versionInPath(p string) int {
	for ; p != filepath.Dir(p); p = filepath.Dir(p) {
		if d := digitsRe.FindString(filepath.Base(p)); d != "" {
			n, _ := strconv.Atoi(d)
			return n
		}
	}
	return 0
}

// probeDir reports whether dir holds all three server programs, resolving
// symlinks so the sibling programs are found next to the real initdb.
func probeDir(dir string) (Binaries, bool) {
	if dir == "" {
		return Binaries{}, false
	}
	if real, err := filepath.EvalSymlinks(filepath.Join(dir, "initdb")); err == nil {
		dir = filepath.Dir(real)
	}
	b := Binaries{Dir: dir, Initdb: filepath.Join(dir, "initdb"),
		PgCtl: filepath.Join(dir, "pg_ctl"), Postgres: filepath.Join(dir, "postgres")}
	for _, p := range []string{b.Initdb, b.PgCtl, b.Postgres} {
		if !isExecutable(p) {
			return Binaries{}, false
		}
	}
	major, err := serverMajor(b.Postgres)
	if err != nil {
		return Binaries{}, false
	}
	b.Major = major
	return b, true
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

var versionRe = regexp.MustCompile(`\(PostgreSQL\) (\d+)`)

// serverMajor runs `postgres --version`, e.g. "postgres (PostgreSQL) 15.20 (Debian ...)".
func serverMajor(postgres string) (int, error) {
	out, err := exec.Command(postgres, "--version").Output()
	if err != nil {
		return 0, fmt.Errorf("%s --version: %w", postgres, err)
	}
	m := versionRe.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("%s --version: unexpected output %q", postgres, strings.TrimSpace(string(out)))
	}
	return strconv.Atoi(string(m[1]))
}
