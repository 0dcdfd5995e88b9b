package openapi_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// registeredPatterns lists every pattern registered on mux. ServeMux has no
// API for it, so this walks its unexported routing structures with
// reflection (reading only) and collects net/http's pattern values,
// whatever the layout; if a Go release renames the type, the test fails
// rather than passing with nothing to check.
func registeredPatterns(t *testing.T, mux *http.ServeMux) []string {
	t.Helper()
	found := map[string]bool{}
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if v.Type().Name() == "pattern" && v.Type().PkgPath() == "net/http" {
				found[v.FieldByName("str").String()] = true
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Map:
			it := v.MapRange()
			for it.Next() {
				walk(it.Key())
				walk(it.Value())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(mux))
	if len(found) == 0 {
		t.Fatal("found no patterns in the ServeMux: its internals changed; update registeredPatterns")
	}
	var out []string
	for p := range found {
		out = append(out, p)
	}
	return out
}

// splitPattern splits "GET /a/{id}" (host-less, as all ours are).
func splitPattern(p string) (method, path string) {
	method, path, ok := strings.Cut(p, " ")
	if !ok {
		return "", p
	}
	return method, strings.TrimSpace(path)
}
