package apply

// SetProjectionVersion plays a new projection until the returned function
// restores the real one. Not for parallel tests.
func SetProjectionVersion(v int) (restore func()) {
	old := projectionVersion
	projectionVersion = v
	return func() { projectionVersion = old }
}
