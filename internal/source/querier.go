package source

import "github.com/zumodra/zumodra/internal/pgq"

// Querier is pgq.Querier under its former name, for callers not yet moved.
type Querier = pgq.Querier
