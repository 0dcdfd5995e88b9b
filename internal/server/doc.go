// Package server assembles zumodra's HTTP server: one ServeMux on which every
// HTTP package mounts its routes, wrapped in the shared middleware, served
// with conservative timeouts next to the in-process sync workers, and shut
// down in order on SIGINT/SIGTERM: stop accepting, drain requests, stop the
// workers (each finishes or rolls back its batch), then hand back to the
// caller, which closes the pool and stops the embedded cluster.
package server
