package tenantapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// MarshalJSON writes the database-owned fields first, then the writable
// ones, as one flat object, and invalid_fields: the fields whose stored
// value lies outside domain's time range (written by SQL, or before the
// range was enforced). Those are written as null, since RFC 3339 cannot
// spell them; the row is still served, so that the tenant can see and fix
// it.
func (r record[F]) MarshalJSON() ([]byte, error) {
	f, invalid := withoutInvalidTimes(r.Fields)
	fields, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"id":` + strconv.FormatInt(r.ID, 10))
	b.WriteString(`,"version":` + strconv.FormatInt(r.Version, 10))
	b.WriteString(`,"created_at":` + stampJSON("created_at", r.CreatedAt, &invalid))
	b.WriteString(`,"updated_at":` + stampJSON("updated_at", r.UpdatedAt, &invalid))
	slices.Sort(invalid)
	names, _ := json.Marshal(append([]string{}, invalid...))
	b.WriteString(`,"invalid_fields":`)
	b.Write(names)
	b.WriteString(r.Counts.json())
	if len(fields) > 2 {
		b.WriteByte(',')
		b.Write(fields[1:])
	} else {
		b.WriteByte('}')
	}
	return b.Bytes(), nil
}

func stampJSON(field string, t time.Time, invalid *[]string) string {
	if !domain.TimeInRange(t) {
		*invalid = append(*invalid, field)
		return "null"
	}
	return `"` + t.UTC().Format(time.RFC3339Nano) + `"`
}

var optionalTimeType = reflect.TypeFor[*time.Time]()

// withoutInvalidTimes returns a copy of f with every optional time outside
// the range set to nil, and the JSON names of those fields.
func withoutInvalidTimes[F any](f F) (F, []string) {
	var invalid []string
	v := reflect.ValueOf(&f).Elem()
	for i := range v.NumField() {
		fv := v.Field(i)
		if fv.Type() != optionalTimeType || fv.IsNil() || domain.TimeInRange(*fv.Interface().(*time.Time)) {
			continue
		}
		fv.SetZero()
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		invalid = append(invalid, name)
	}
	return f, invalid
}

func itoa(n int) string { return strconv.Itoa(n) }
