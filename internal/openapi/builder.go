package openapi

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// op is one documented operation.
type op struct {
	method, path string
	id, summary  string
	tag          string
	description  string
	params       []obj
	body         string   // request schema name
	example      any      // request example, also sent by the router test
	ok           int      // success status
	okSchema     string   // success body schema; "" for none
	okMedia      []string // the media types of a file answered instead of JSON
	okHeaders    []string
	errors       []int
	auth         bool
}

var statusText = map[int]string{
	304: "Not modified: the client's copy (If-None-Match) is current",
	400: "The request cannot be read: malformed JSON, a wrong JSON type, an unknown field or parameter; errors[] names each bad field or parameter, and for one of the original site's parameters (search, location, page, ordering) the one to use",
	401: "Missing, malformed, unknown or revoked API key (one answer for all)",
	404: "No such resource (for the tenant API: in your schema)",
	409: "A unique value is already taken, or a request with the same Idempotency-Key is still being answered (see Retry-After)",
	410: "The listing was public and no longer is (its id is never reused); a submission to it stored nothing",
	412: "If-Match names an older version: someone else changed the row; read it again",
	413: "The body exceeds the size limit",
	415: "The body is not application/json (see Accept-Post or Accept-Patch)",
	422: "Well-formed input with invalid values; errors[] names each bad field",
	428: "If-Match is required (the row's ETag, e.g. \"v3\")",
	429: "Too many requests from this address; see Retry-After",
	503: "The database could not do it now (a statement or lock timeout, an outage); nothing was half-done: retry after Retry-After",
}

func (o op) operation() obj {
	res := obj{}
	ok := obj{"description": "Success"}
	if o.okSchema != "" {
		ok["content"] = obj{"application/json": obj{"schema": ref(o.okSchema)}}
	}
	if len(o.okMedia) > 0 {
		media := obj{}
		for _, m := range o.okMedia {
			media[m] = obj{"schema": obj{"type": "string", "contentMediaType": m}}
		}
		ok["content"] = media
	}
	if len(o.okHeaders) > 0 {
		h := obj{}
		for _, name := range o.okHeaders {
			h[name] = obj{"$ref": "#/components/headers/" + name}
		}
		ok["headers"] = h
	}
	res[strconv.Itoa(o.ok)] = ok
	errs := o.errors
	if o.body != "" {
		errs = append(slices.Clone(errs), http.StatusUnsupportedMediaType)
		slices.Sort(errs)
	}
	for _, code := range errs {
		r := obj{"description": statusText[code]}
		if code != 304 {
			r["content"] = obj{"application/problem+json": obj{"schema": ref("Problem")}}
		}
		res[strconv.Itoa(code)] = r
	}
	// Every path answers a method it does not take with 405 and Allow.
	res["405"] = obj{"description": "This path does not take the request's method; Allow lists those it takes",
		"headers": obj{"Allow": obj{"$ref": "#/components/headers/Allow"}},
		"content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
	// Any operation may meet a database that is busy or away.
	res["503"] = obj{"description": statusText[503],
		"headers": obj{"Retry-After": obj{"$ref": "#/components/headers/Retry-After"}},
		"content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
	out := obj{"operationId": o.id, "summary": o.summary, "tags": []string{o.tag}, "responses": res,
		"description": cmp.Or(o.description, o.summary+".")}
	params := append([]obj{}, o.params...)
	for _, name := range pathParams(o.path) {
		params = append(params, obj{"name": name, "in": "path", "required": true,
			"schema": obj{"type": "integer", "minimum": 1}})
	}
	if len(params) > 0 {
		out["parameters"] = params
	}
	if o.body != "" {
		media := obj{"schema": ref(o.body)}
		if o.example != nil {
			media["example"] = o.example
		}
		out["requestBody"] = obj{"required": true, "content": obj{"application/json": media}}
	}
	// Every operation says its security, none relying on a default: the
	// public ones need none.
	out["security"] = []obj{}
	if o.auth {
		out["security"] = []obj{{"bearerAuth": []string{}}}
	}
	return out
}

func pathParams(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			out = append(out, seg[1:len(seg)-1])
		}
	}
	return out
}

func query(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
}

func header(name, desc string, required bool) obj {
	return obj{"name": name, "in": "header", "required": required, "description": desc, "schema": obj{"type": "string"}}
}
