package domain

// The prior of the Bayesian rating: every provider is ranked as if it also
// had RatingPriorWeight reviews of RatingPriorMean stars, so a few perfect
// reviews no longer outrank many excellent ones (5.0 from 18 reviews scores
// 4.46, 4.9 from 87 scores 4.76). 3.5 is a middling rating on the 0 to 5
// scale, slightly above its midpoint because marketplaces' ratings skew
// high; 10 reviews is how many it takes for a provider's own reviews to
// weigh as much as the prior. docs/API.md documents the same values.
const (
	RatingPriorMean   = 3.5
	RatingPriorWeight = 10
)

// BayesianRating is the rating providers are ranked by: the mean of the
// prior's and the provider's reviews, (C x m + n x avg) / (C + n).
func BayesianRating(avg float64, reviews int) float64 {
	n := float64(max(reviews, 0))
	return (RatingPriorWeight*RatingPriorMean + n*avg) / (RatingPriorWeight + n)
}
