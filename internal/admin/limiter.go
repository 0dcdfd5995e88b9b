package admin

import "github.com/zumodra/zumodra/internal/httpx"

func newLoginLimiter() *httpx.RateLimiter { return httpx.NewRateLimiter(10, 5) }
