package publicapi

// maxCachedBodies bounds the response cache: at ~20 KB a list page, about
// 20 MB at most.
const maxCachedBodies = 1024
