package cli

import (
	"encoding/json"
	"io"
)

// writeReport writes an operator command's report: one JSON document with
// --json, else the command's own text form.
func writeReport[R any](w io.Writer, asJSON bool, rep R, text func(io.Writer, R)) error {
	if asJSON {
		return json.NewEncoder(w).Encode(rep)
	}
	text(w, rep)
	return nil
}
