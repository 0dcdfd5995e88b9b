package server

import (
	"net/http"
	"net/http/pprof"
)

// pprofMux serves the runtime's profiles as net/http/pprof names them, on
// a mux of its own: the package's init also registers them on
// http.DefaultServeMux, which no listener of ours serves. A CPU profile
// or trace may last up to the metrics server's WriteTimeout.
func pprofMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
