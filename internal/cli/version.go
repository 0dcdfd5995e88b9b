package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set at build time, for example:
//
//	go build -ldflags "-X github.com/zumodra/zumodra/internal/cli.version=v1.2.0 -X github.com/zumodra/zumodra/internal/cli.commit=$(git rev-parse HEAD)" ./cmd/zumodra
//
// Left empty, they come from the module and VCS data Go embeds in the binary.
var (
	version string
	commit  string
)

// BuildInfo identifies the running binary.
type BuildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	GoVersion string `json:"go_version"`
}

// Build returns the binary's version, commit and Go version.
func Build() BuildInfo {
	b := BuildInfo{Version: version, Commit: commit, GoVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if b.Version == "" {
		b.Version = "devel"
		if ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
	}
	if b.Commit == "" {
		b.Commit = vcsCommit(info, ok)
	}
	return b
}

func vcsCommit(info *debug.BuildInfo, ok bool) string {
	if !ok {
		return "unknown"
	}
	rev, dirty := "unknown", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

type versionCmd struct {
	app  *App
	json bool
}

func newVersionCommand(app *App) *cobra.Command {
	c := &versionCmd{app: app}
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print version, commit and Go version",
		Example: "  zumodra version\n  zumodra version --json",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return app.run(cmd.Context(), c) },
	}
	cmd.Flags().BoolVar(&c.json, "json", false, "print as JSON")
	return cmd
}

func (c *versionCmd) Validate() error { return nil }

func (c *versionCmd) Run(context.Context) error {
	b := Build()
	if c.json {
		return json.NewEncoder(c.app.Stdout).Encode(b)
	}
	_, err := fmt.Fprintf(c.app.Stdout, "zumodra %s\ncommit %s\n%s\n", b.Version, b.Commit, b.GoVersion)
	return err
}
