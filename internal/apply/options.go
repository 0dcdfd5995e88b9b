package apply

// Options change how rows are applied.
type Options struct {
	DryRun bool // count what would change, write nothing
}
