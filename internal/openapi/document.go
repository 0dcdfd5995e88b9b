package openapi

import (
	"encoding/json"
	"net/http"
	"sync"
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
				"Errors are RFC 9457 problem documents (application/problem+json) whose errors[] name each bad field."},
		"servers": []obj{{"url": "/"}},
		"tags": []obj{{"name": "careers"}, {"name": "providers"}, {"name": "job-categories"}, {"name": "jobs"},
			{"name": "provider-categories"}, {"name": "inbox"}, {"name": "catalog-status"}, {"name": "meta"}},
		"paths": paths,
		"components": obj{
			"schemas": schemas(),
			"securitySchemes": obj{"bearerAuth": obj{"type": "http", "scheme": "bearer",
				"description": "A tenant API key (zmd_...), issued with `zumodra tenants keys create`"}},
			"headers": obj{
				"ETag":     obj{"description": "Tenant API: the row version, \"v<version>\", to send back in If-Match. Public API: a hash of the body, for If-None-Match.", "schema": obj{"type": "string"}},
				"Location": obj{"description": "URL of the created resource", "schema": obj{"type": "string"}},
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
)

// JSON returns the document encoded once.
func JSON() []byte {
	once.Do(func() {
		var err error
		if encoded, err = json.MarshalIndent(Build(), "", "  "); err != nil {
			panic("openapi: " + err.Error()) // maps of plain values always encode
		}
	})
	return encoded
}

// Routes registers GET /api/openapi.json.
func Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=300")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		_, _ = w.Write(JSON())
	})
}
