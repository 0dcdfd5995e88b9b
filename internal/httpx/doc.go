// Package httpx holds what every HTTP surface of Zumodra shares: the one
// mapping from domain error codes to HTTP statuses, RFC 9457 problem
// documents, JSON reading and writing with limits, security headers, a
// per-client rate limiter, and request logging and metrics middleware.
package httpx
