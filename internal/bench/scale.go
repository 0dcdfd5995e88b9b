package bench

import (
	"fmt"
	"time"
)

// Scale sizes one run of the suite.
type Scale struct {
	Name      string
	Tenants   int
	Jobs      int // over all tenants
	Providers int // over all tenants
	// PerRowSample is how many catalog rows the original's per-row strategy
	// writes; its time for the whole data set is extrapolated from them.
	PerRowSample int
	Rates        []int         // changes per second the propagation runs offer
	RateFor      time.Duration // how long each rate runs
	RampMax      int           // highest rate the sustained-rate search tries
	ReadFor      time.Duration // each wrk and pgbench run
	ReadConns    int           // wrk connections and pgbench clients
	PGBenchScale int           // pgbench -i -s: 1 is 100,000 accounts
}

// Scales are the presets of --scale; tiny is the test's.
var Scales = map[string]Scale{
	"tiny": {Name: "tiny", Tenants: 4, Jobs: 120, Providers: 60, PerRowSample: 40,
		Rates: []int{50}, RateFor: time.Second, RampMax: 100, ReadFor: time.Second, ReadConns: 2, PGBenchScale: 1},
	"small": {Name: "small", Tenants: 50, Jobs: 5_000, Providers: 2_500, PerRowSample: 1_000,
		Rates: []int{100, 500, 1_000}, RateFor: 3 * time.Second, RampMax: 3_200, ReadFor: 3 * time.Second, ReadConns: 8, PGBenchScale: 1},
	"medium": {Name: "medium", Tenants: 300, Jobs: 50_000, Providers: 25_000, PerRowSample: 4_000,
		Rates: []int{100, 500, 2_000}, RateFor: 8 * time.Second, RampMax: 6_400, ReadFor: 10 * time.Second, ReadConns: 16, PGBenchScale: 10},
	// large is twice medium's data (and half of full's), for how a cost
	// grows with the data.
	"large": {Name: "large", Tenants: 600, Jobs: 100_000, Providers: 50_000, PerRowSample: 6_000,
		Rates: []int{100, 500, 2_000}, RateFor: 8 * time.Second, RampMax: 6_400, ReadFor: 10 * time.Second, ReadConns: 16, PGBenchScale: 10},
	"full": {Name: "full", Tenants: 1_000, Jobs: 200_000, Providers: 100_000, PerRowSample: 10_000,
		Rates: []int{100, 500, 2_000}, RateFor: 15 * time.Second, RampMax: 6_400, ReadFor: 15 * time.Second, ReadConns: 16, PGBenchScale: 10},
}

// LookupScale returns the preset called name.
func LookupScale(name string) (Scale, error) {
	s, ok := Scales[name]
	if !ok {
		return Scale{}, fmt.Errorf("bench: unknown scale %q (want tiny, small, medium, large or full)", name)
	}
	return s, nil
}
