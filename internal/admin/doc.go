// Package admin serves the operator's side of zumodra over HTTP: /healthz
// (the process is up), /readyz (database reachable, migrations current),
// /metrics (Prometheus: the handler of the registry its owner builds, see
// internal/server) and /admin/, a page and JSON API with per-tenant catalog statistics, dead
// letters with a retry action, and resync and verify actions.
//
// /admin/ is guarded by the admin token: "Authorization: Bearer <token>"
// for programs, or an HTTP-only, SameSite=Strict session cookie set by a
// login form for people. The cookie holds no token, only a MAC keyed by
// it, so changing the token ends every session. Browser actions are POST
// forms carrying a CSRF token bound to the session. With no token
// configured the admin is disabled (404), never open.
package admin
