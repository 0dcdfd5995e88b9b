package tenantapi

import (
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// checkCoordinates holds a position to its bounds and to both halves or
// neither: half a position places nothing (the schema's CHECKs say so too),
// and without both the projection looks the city up instead.
func checkCoordinates(l *check.List, lat, lon *float64) {
	l.Add(check.Range("latitude", lat, -90, 90))
	l.Add(check.Range("longitude", lon, -180, 180))
	switch {
	case lat != nil && lon == nil:
		l.Add(domain.FieldError("longitude", "must be given with latitude (or neither, to place the row by its city)"))
	case lat == nil && lon != nil:
		l.Add(domain.FieldError("latitude", "must be given with longitude (or neither, to place the row by its city)"))
	}
}
