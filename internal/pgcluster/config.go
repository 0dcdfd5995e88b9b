package pgcluster

import (
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// socketPort is fixed in socket mode: the socket lives in our own directory,
// so it cannot collide with another server's.
const socketPort = 5432

// baseSettings tune a private dev/test server: room for many parallel test
// connections, enough locks for migrations that create a schema per tenant in
// one transaction, and UTC so timestamps print the same everywhere.
var baseSettings = map[string]string{
	"max_connections":           "300",
	"max_locks_per_transaction": "256",
	"shared_buffers":            "128MB",
	"timezone":                  "'UTC'",
	"log_timezone":              "'UTC'",
	"unix_socket_permissions":   "0700",
	"log_line_prefix":           "'%m [%p] %q%u@%d '",
}

// nonDurableSettings trade crash safety for speed; a crash may corrupt the
// cluster, which is acceptable only for throwaway test data.
var nonDurableSettings = map[string]string{
	"fsync":              "off",
	"synchronous_commit": "off",
	"full_page_writes":   "off",
}

// writeConfig rewrites PGDATA/zumodra.conf, choosing socket or TCP mode.
func writeConfig(l layout, su serverUser, o *Options) error {
	settings := maps.Clone(baseSettings)
	if o.Ephemeral {
		maps.Copy(settings, nonDurableSettings)
	}
	if l.socketFits(socketPort) {
		settings["listen_addresses"] = "''"
		settings["port"] = fmt.Sprint(socketPort)
		settings["unix_socket_directories"] = quoteConf(l.run)
	} else {
		port, err := freePort()
		if err != nil {
			return err
		}
		o.Logger.Info("socket path too long, using loopback TCP with a password", "socket_dir", l.run, "port", port)
		settings["listen_addresses"] = "'127.0.0.1'"
		settings["port"] = fmt.Sprint(port)
		settings["unix_socket_directories"] = "''"
	}
	maps.Copy(settings, o.Settings)
	var b strings.Builder
	b.WriteString("# Written by zumodra at each start; edits are overwritten. Use Options.Settings.\n")
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		fmt.Fprintf(&b, "%s = %s\n", k, settings[k])
	}
	path := filepath.Join(l.data, "zumodra.conf")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return su.own(path)
}

func quoteConf(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// freePort asks the kernel for an unused loopback port. Another program may
// take it before the server binds; the server then fails to start with a
// clear log line and the next start picks another.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
