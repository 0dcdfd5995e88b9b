package openapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/openapi"
)

// The rules redocly's and Spectral's recommended sets hold the document
// to, checked here so CI needs neither tool: scripts/validate.sh runs the
// tools themselves.
func TestDocumentPassesTheLinters(t *testing.T) {
	d := doc(t)
	raw := string(openapi.JSON())
	for name := range d["components"].(map[string]any)["schemas"].(map[string]any) {
		if !strings.Contains(raw, `"#/components/schemas/`+name+`"`) {
			t.Errorf("component %s is never referenced", name)
		}
	}
	for _, o := range operations(t) {
		if _, ok := o.op["security"]; !ok {
			t.Errorf("%s %s does not state its security", o.method, o.path)
		}
	}
	walk(d, "", func(path string, s map[string]any) {
		if enum, ok := s["enum"].([]any); ok {
			seen := map[string]bool{}
			for _, v := range enum {
				key := fmt.Sprint(v)
				if seen[key] {
					t.Errorf("%s: enum repeats %v", path, v)
				}
				seen[key] = true
			}
		}
		if s["type"] == "array" {
			if _, ok := s["items"]; !ok {
				t.Errorf("%s: array without items", path)
			}
		}
	})
}

// walk calls f on every object of v, with its JSON pointer.
func walk(v any, path string, f func(string, map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(path, v)
		for k, c := range v {
			walk(c, path+"/"+k, f)
		}
	case []any:
		for i, c := range v {
			walk(c, fmt.Sprintf("%s/%d", path, i), f)
		}
	}
}
