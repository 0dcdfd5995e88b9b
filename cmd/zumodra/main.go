// Command zumodra is the multi-tenant marketplace core: see `zumodra --help`.
package main

import (
	"os"

	"github.com/zumodra/zumodra/internal/cli"
)

func main() {
	os.Exit(cli.Execute(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
