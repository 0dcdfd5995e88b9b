package publicapi

// The response cache keeps at most maxCachedBodies bodies and
// maxCachedBodyBytes of them: a list page is about 20 KB.
const (
	maxCachedBodies    = 1024
	maxCachedBodyBytes = 24 << 20
)
