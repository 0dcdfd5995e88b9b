package tenantapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// decodeStrict lays the JSON object raw over dst: fields absent from raw
// keep their value in dst (that is what makes PATCH partial), unknown
// fields are refused.
func decodeStrict(raw []byte, dst any) error {
	if err := checkTimes(raw); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return domain.FieldError(typeErr.Field, "must be of JSON type %s", jsonKind(typeErr))
	case errors.As(err, &syntaxErr):
		return domain.Errorf(domain.CodeInvalid, "malformed JSON at byte %d", syntaxErr.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return domain.Errorf(domain.CodeInvalid, "body must be one complete JSON object")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return domain.FieldError(field, "is not a known field")
	}
	return domain.Errorf(domain.CodeInvalid, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "unknown"
	}
	return e.Type.Kind().String()
}

// timeFields are the date-time fields of the bodies. encoding/json reports
// a bad time without naming its field, so they are checked first. Whether a
// well-formed time lies within domain's range is a rule of the values (422),
// checked by the resources' prepare.
var timeFields = []string{"application_deadline", "published_at"}

func checkTimes(raw []byte) error {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return nil // the decoder proper explains what is wrong
	}
	for _, name := range timeFields {
		v, ok := fields[name]
		if !ok || string(v) == "null" {
			continue
		}
		var s string
		if json.Unmarshal(v, &s) != nil {
			return domain.FieldError(name, "must be a date-time string or null")
		}
		if isInfinity(s) {
			return semantic(domain.FieldError(name, "must be a finite date-time %s", domain.TimeRangeText))
		}
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			return domain.FieldError(name, "must be an RFC 3339 date-time such as 2026-12-31T23:59:00Z")
		}
	}
	return nil
}

// isInfinity recognises PostgreSQL's spellings of the infinities, which are
// times a client may well try: they are out of range, not malformed.
func isInfinity(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimLeft(s, "+-") == "infinity"
}
