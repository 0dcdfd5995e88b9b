package web

import "testing"

func TestDistanceText(t *testing.T) {
	for km, want := range map[float64]string{0: "under 1 km", 0.99: "under 1 km", 1: "1 km", 3.46: "3.5 km",
		9.96: "10 km", 12.4: "12 km", 1204.2: "1,204 km"} {
		if got := distanceText(&km); got != want {
			t.Errorf("distanceText(%v) = %q, want %q", km, got, want)
		}
	}
	if distanceText(nil) != "" {
		t.Error("no distance has a text")
	}
}
