package tenantapi

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"
)

// MarshalJSON writes the database-owned fields first, then the writable
// ones, as one flat object.
func (r record[F]) MarshalJSON() ([]byte, error) {
	fields, err := json.Marshal(r.Fields)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"id":` + strconv.FormatInt(r.ID, 10))
	b.WriteString(`,"version":` + strconv.FormatInt(r.Version, 10))
	b.WriteString(`,"created_at":"` + r.CreatedAt.UTC().Format(time.RFC3339Nano) + `"`)
	b.WriteString(`,"updated_at":"` + r.UpdatedAt.UTC().Format(time.RFC3339Nano) + `"`)
	if len(fields) > 2 {
		b.WriteByte(',')
		b.Write(fields[1:])
	} else {
		b.WriteByte('}')
	}
	return b.Bytes(), nil
}

func itoa(n int) string { return strconv.Itoa(n) }
