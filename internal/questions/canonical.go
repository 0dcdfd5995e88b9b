package questions

import (
	"encoding/json"
	"strings"

	"github.com/zumodra/zumodra/internal/pgjson"
)

// JSON is the canonical form of checked questions: every key present, in
// the order and spacing PostgreSQL prints jsonb (id, help, type, label,
// options, required), so the catalog's copy read back equals what the
// projection wrote, byte for byte.
func JSON(qs []Question) json.RawMessage {
	var b strings.Builder
	b.WriteByte('[')
	for i, q := range qs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`{"id": ` + pgjson.Quote(q.ID) + `, "help": ` + pgjson.Quote(q.Help) +
			`, "type": ` + pgjson.Quote(q.Type) + `, "label": ` + pgjson.Quote(q.Label) +
			`, "options": ` + pgjson.Strings(q.Options) + `, "required": ` + boolText(q.Required) + `}`)
	}
	b.WriteByte(']')
	return json.RawMessage(b.String())
}

func boolText(v bool) string {
	if v {
		return "true"
	}
	return "false"
}
