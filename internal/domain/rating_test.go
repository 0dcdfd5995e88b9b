package domain_test

import (
	"math"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestBayesianRating(t *testing.T) {
	few, many := domain.BayesianRating(5.0, 18), domain.BayesianRating(4.9, 87)
	if few >= many {
		t.Errorf("5.0 from 18 reviews (%.3f) ranks above 4.9 from 87 (%.3f)", few, many)
	}
	for _, c := range []struct {
		avg     float64
		reviews int
		want    float64
	}{
		{0, 0, 3.5}, {5, 0, 3.5}, {5, -3, 3.5}, {5, 10, 4.25}, {4.9, 87, 4.7557}, {5, 18, 4.4643}, {1, 1000, 1.0248},
	} {
		if got := domain.BayesianRating(c.avg, c.reviews); math.Abs(got-c.want) > 0.0001 {
			t.Errorf("BayesianRating(%v, %d) = %.4f, want %.4f", c.avg, c.reviews, got, c.want)
		}
	}
}
