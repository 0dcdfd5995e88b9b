package openapi

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Build returns the OpenAPI 3.1 document.
func Build() obj {
	paths := obj{}
	for _, o := range append(publicOps(), tenantOps()...) {
		item, _ := paths[o.path].(obj)
		if item == nil {
			item = obj{}
			paths[o.path] = item
		}
		item[lower(o.method)] = o.operation()
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Zumodra API", "version": "1.0.0",
			"description": "Public catalog API (no authentication) and tenant API (Bearer API key; the key alone decides the tenant). " +
				"Errors are RFC 9457 problem documents (application/problem+json) whose errors[] name every bad field or query parameter. " +
				"Beyond the schemas: a query string must parse and be UTF-8, name only the operation's parameters (utm_* and _ are ignored) " +
				"and give a single-valued one once, or it is refused with 400; a JSON body must be one JSON value in UTF-8 (RFC 8259); " +
				"a body of another media type than the operation's is refused with 415. " +
				"A path under /api/ that is not listed here answers 404, and a listed path asked with a method it does not take 405 " +
				"with an Allow header, both as problem documents."},
		"servers": []obj{{"url": "/"}},
		"tags": []obj{
			{"name": "careers", "description": "Public jobs of every tenant, and applications to them"},
			{"name": "providers", "description": "Public service providers of every tenant, and inquiries to them"},
			{"name": "companies", "description": "Public company profiles, with what each lists"},
			{"name": "job-categories", "description": "Tenant API: your job categories"},
			{"name": "jobs", "description": "Tenant API: your job postings, public or not"},
			{"name": "provider-categories", "description": "Tenant API: your provider categories"},
			{"name": "inbox", "description": "Tenant API: the applications and inquiries visitors sent you"},
			{"name": "applicants", "description": "Tenant API: export or erase everything you hold about one applicant"},
			{"name": "catalog-status", "description": "Tenant API: which of your rows are public, and why not"},
			{"name": "profile", "description": "Tenant API: your company's name, logo and public profile"},
			{"name": "webhooks", "description": "Tenant API: your webhook endpoints and the deliveries of your events (docs/WEBHOOKS.md)"},
			{"name": "notifications", "description": "Tenant API: where your new applications and inquiries are mailed"},
			{"name": "meta", "description": "This document"}},
		"paths": paths,
		"components": obj{
			"schemas": schemas(),
			"securitySchemes": obj{"bearerAuth": obj{"type": "http", "scheme": "bearer",
				"description": "A tenant API key (zmd_...), issued with `zumodra tenants keys create`"}},
			"headers": obj{
				"ETag":        obj{"description": "Tenant API: the row version, \"v<version>\", to send back in If-Match. Public API: a hash of the body, for If-None-Match.", "schema": obj{"type": "string"}},
				"Location":    obj{"description": "URL of the created resource", "schema": obj{"type": "string"}},
				"Retry-After": obj{"description": "Seconds to wait before retrying", "schema": obj{"type": "integer", "minimum": 1}},
				"Allow":       obj{"description": "The methods this path takes, comma-separated", "schema": obj{"type": "string"}},
				"Content-Disposition": obj{"description": "attachment, with the file's cleaned name (filename, and filename* for a name beyond ASCII)",
					"required": true, "schema": obj{"type": "string", "pattern": "^attachment; "}},
				"Repr-Digest": obj{"description": "SHA-256 of the file as uploaded (RFC 9530)", "schema": obj{"type": "string", "pattern": "^sha-256=:"}},
			},
		},
	}
}

func lower(method string) string {
	b := []byte(method)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

var (
	once    sync.Once
	encoded []byte
	etag    string
)

// JSON returns the document encoded once.
func JSON() []byte {
	once.Do(func() {
		var err error
		if encoded, err = json.MarshalIndent(Build(), "", "  "); err != nil {
			panic("openapi: " + err.Error()) // maps of plain values always encode
		}
		sum := sha256.Sum256(encoded)
		etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	})
	return encoded
}

// Routes registers GET /api/openapi.json.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		doc := JSON()
		w.Header().Set("ETag", etag)
		if httpx.NoneMatch(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(doc)
	})
}
