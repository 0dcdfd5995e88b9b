package openapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/zumodra/zumodra/internal/tenantapi"
)

// obj is a JSON object of the document.
type obj = map[string]any

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
	optType  = reflect.TypeFor[tenantapi.OptionalText]()
	byteType = reflect.TypeFor[[]byte]()
)

// schemaOf derives a JSON Schema from a Go type as encoding/json writes
// it. Struct types listed in named become $refs to components.
func schemaOf(t reflect.Type, named map[reflect.Type]string) obj {
	switch {
	case t == timeType:
		return obj{"type": "string", "format": "date-time"}
	case t == rawType:
		return obj{}
	case t == optType:
		return obj{"type": []any{"string", "null"}}
	case t == byteType:
		return obj{"type": "string", "contentEncoding": "base64"} // as encoding/json writes []byte
	}
	switch t.Kind() {
	case reflect.Pointer:
		return nullable(schemaOf(t.Elem(), named))
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return obj{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return obj{"type": "number"}
	case reflect.Slice:
		return obj{"type": "array", "items": schemaOf(t.Elem(), named)}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": schemaOf(t.Elem(), named)}
	case reflect.Struct:
		if name, ok := named[t]; ok {
			return ref(name)
		}
		return structSchema(t, named)
	}
	return obj{}
}

// structSchema lists the JSON fields of t, embedded structs flattened as
// encoding/json does. Fields without omitempty are always present, so
// they are required in responses.
func structSchema(t reflect.Type, named map[reflect.Type]string) obj {
	props := obj{}
	var required []string
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				walk(f.Type)
				continue
			}
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = schemaOf(f.Type, named)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
	}
	walk(t)
	s := obj{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// nullable allows null besides s, in 3.1's JSON Schema spelling.
func nullable(s obj) obj {
	if t, ok := s["type"].(string); ok {
		c := clone(s)
		c["type"] = []any{t, "null"}
		return c
	}
	return obj{"oneOf": []any{s, obj{"type": "null"}}}
}

func clone(s obj) obj {
	c := make(obj, len(s))
	for k, v := range s {
		c[k] = v
	}
	return c
}
