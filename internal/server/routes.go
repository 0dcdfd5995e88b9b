package server

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/httpx"
)

// Handler is the whole site: every HTTP package's routes on one mux,
// wrapped in the shared middleware (outermost first: log and measure, so a
// recovered panic counts as the 500 it became; recover; security headers).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.mount(mux)
	return httpx.Chain(mux,
		httpx.Observe(s.Log),
		httpx.Recover(s.Log),
		httpx.SecurityHeaders(""),
	)
}

// mount registers the routes of every HTTP package, one line each; a
// package is added here when it lands, never as a placeholder.
func (s *Server) mount(mux *http.ServeMux) {
	_ = mux
}
