package pgcluster

import (
	"cmp"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"
)

// DefaultDataDir is where `serve` and `demo` keep their cluster, relative to the working directory.
const DefaultDataDir = ".zumodra/pg"

// Superuser is the role initdb creates and we connect as.
const Superuser = "postgres"

// Options configure Start.
type Options struct {
	DataDir string       // cluster root; DefaultDataDir when empty
	Logger  *slog.Logger // nil discards
	// Ephemeral turns fsync, synchronous_commit and full_page_writes off: much
	// faster, but a crash of the machine may corrupt the cluster. Only for
	// throwaway data (the test cluster); the zero value is durable.
	Ephemeral bool
	Finder    *Finder       // nil means DefaultFinder
	Timeout   time.Duration // for starting and stopping the server; 60s when zero
	// Settings are extra postgresql.conf settings applied at each start.
	Settings map[string]string
}

// layout names the files under the cluster root.
type layout struct {
	root, data, run, password, log, lock string
}

func (o *Options) normalize() (layout, error) {
	o.DataDir = cmp.Or(o.DataDir, DefaultDataDir)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Finder == nil {
		f := DefaultFinder()
		o.Finder = &f
	}
	o.Timeout = cmp.Or(o.Timeout, 60*time.Second)
	root, err := filepath.Abs(o.DataDir)
	if err != nil {
		return layout{}, fmt.Errorf("data dir %q: %w", o.DataDir, err)
	}
	return layout{
		root:     root,
		data:     filepath.Join(root, "data"),
		run:      filepath.Join(root, "run"),
		password: filepath.Join(root, "password"),
		log:      filepath.Join(root, "postgres.log"),
		lock:     filepath.Join(root, "lock"),
	}, nil
}

// socketPathMax is the longest socket path the kernel accepts: sun_path is
// 108 bytes on Linux (107 plus NUL) but 104 on macOS; we use the smaller so
// the same data dir behaves the same on both.
const socketPathMax = 103

// socketFits reports whether the server's socket file fits in run/.
func (l layout) socketFits(port int) bool {
	return len(filepath.Join(l.run, fmt.Sprintf(".s.PGSQL.%d", port))) <= socketPathMax
}
