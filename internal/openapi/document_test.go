package openapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zumodra/zumodra/internal/openapi"
)

// The document is well-formed OpenAPI 3.1 as far as references and
// operations go: every $ref resolves, operation ids are unique, every
// path parameter is declared, every operation has responses.
func TestDocumentIsConsistent(t *testing.T) {
	d := doc(t)
	if d["openapi"] != "3.1.0" {
		t.Fatalf("openapi %v", d["openapi"])
	}
	raw := string(openapi.JSON())
	schemas := d["components"].(map[string]any)["schemas"].(map[string]any)
	headers := d["components"].(map[string]any)["headers"].(map[string]any)
	for _, part := range strings.Split(raw, `"$ref": "`)[1:] {
		target := part[:strings.IndexByte(part, '"')]
		name := target[strings.LastIndexByte(target, '/')+1:]
		switch {
		case strings.HasPrefix(target, "#/components/schemas/") && schemas[name] != nil:
		case strings.HasPrefix(target, "#/components/headers/") && headers[name] != nil:
		default:
			t.Errorf("$ref %s does not resolve", target)
		}
	}
	ids := map[string]bool{}
	for _, o := range operations(t) {
		id := o.op["operationId"].(string)
		if ids[id] {
			t.Errorf("operationId %s used twice", id)
		}
		ids[id] = true
		if len(o.op["responses"].(map[string]any)) == 0 {
			t.Errorf("%s %s has no responses", o.method, o.path)
		}
		declared := map[string]bool{}
		params, _ := o.op["parameters"].([]any)
		for _, p := range params {
			if pm := p.(map[string]any); pm["in"] == "path" {
				declared[pm["name"].(string)] = true
			}
		}
		for _, seg := range strings.Split(o.path, "/") {
			if strings.HasPrefix(seg, "{") && !declared[strings.Trim(seg, "{}")] {
				t.Errorf("%s %s does not declare %s", o.method, o.path, seg)
			}
		}
	}
}

func TestServedAsJSON(t *testing.T) {
	mux := http.NewServeMux()
	openapi.Routes(mux)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	var d map[string]any
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" || json.Unmarshal(rec.Body.Bytes(), &d) != nil {
		t.Fatalf("%d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if len(d["paths"].(map[string]any)) < 20 {
		t.Fatalf("only %d paths", len(d["paths"].(map[string]any)))
	}
}

// The enums in the document are the domain's: a tenant reading the schema
// learns exactly what the API accepts.
func TestEnumsComeFromTheDomain(t *testing.T) {
	s := doc(t)["components"].(map[string]any)["schemas"].(map[string]any)
	jt := s["JobInput"].(map[string]any)["properties"].(map[string]any)["job_type"].(map[string]any)["enum"].([]any)
	if len(jt) != 6 || jt[0] != "full_time" {
		t.Fatalf("job_type enum %v", jt)
	}
	if s["JobInput"].(map[string]any)["additionalProperties"] != false {
		t.Fatal("JobInput allows unknown fields, the API refuses them")
	}
	if _, ok := s["JobInputPatch"].(map[string]any)["required"]; ok {
		t.Fatal("PATCH bodies require fields")
	}
}
