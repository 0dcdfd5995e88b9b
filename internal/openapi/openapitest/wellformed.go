package openapitest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// wellFormed checks what the document states in words, since OpenAPI has
// no keyword for it (see the document's info.description): a query string
// that parses, in UTF-8, naming only the operation's parameters (utm_* and
// _ aside), each single-valued one once; a JSON body that is one JSON
// value in UTF-8 (RFC 8259).
func wellFormed(x Exchange, route *routers.Route) error {
	var errs []error
	q, err := url.ParseQuery(x.Request.URL.RawQuery)
	if err != nil {
		return fmt.Errorf("malformed query string: %w", err)
	}
	params := map[string]*openapi3.Parameter{}
	for _, p := range append(route.PathItem.Parameters, route.Operation.Parameters...) {
		if p.Value != nil && p.Value.In == openapi3.ParameterInQuery {
			params[p.Value.Name] = p.Value
		}
	}
	for key, vs := range q {
		p, known := params[key]
		switch {
		case key == "_" || strings.HasPrefix(key, "utm_"):
		case !known:
			errs = append(errs, fmt.Errorf("unknown query parameter %q", key))
		case len(vs) > 1 && !isArray(p):
			errs = append(errs, fmt.Errorf("query parameter %q given %d times", key, len(vs)))
		}
		for _, v := range append(vs, key) {
			if !utf8.ValidString(v) {
				errs = append(errs, fmt.Errorf("query parameter %q is not UTF-8", key))
			}
		}
	}
	if len(x.RequestBody) > 0 && isJSON(x.Request.Header.Get("Content-Type")) {
		errs = append(errs, oneJSONValue(x.RequestBody))
	}
	return errors.Join(errs...)
}

func isArray(p *openapi3.Parameter) bool {
	return p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Type.Is(openapi3.TypeArray)
}

func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

func oneJSONValue(body []byte) error {
	if !utf8.Valid(body) {
		return errors.New("JSON body is not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("JSON body: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("JSON body holds more than one value")
	}
	return nil
}

// opaqueRefusal reports a 400 that names only parameters the document
// marks x-opaque-token: well-formed, yet not issued by this server (a
// tampered or foreign cursor), which no schema can tell apart; or
// x-server-check: a value only the server's data can judge (a place name
// the gazetteer does not know), whose rule the extension states.
func opaqueRefusal(route *routers.Route, x Exchange) bool {
	if x.Status != http.StatusBadRequest {
		return false
	}
	var p struct {
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
	}
	if json.Unmarshal(x.Body, &p) != nil || len(p.Errors) == 0 {
		return false
	}
	for _, e := range p.Errors {
		param := route.Operation.Parameters.GetByInAndName(openapi3.ParameterInQuery, e.Field)
		if param == nil || (param.Extensions["x-opaque-token"] != true && param.Extensions["x-server-check"] == nil) {
			return false
		}
	}
	return true
}
