package money

// periodWords say a pay period after an amount: "$40 an hour".
var periodWords = map[string]string{"hourly": "an hour", "daily": "a day", "weekly": "a week", "monthly": "a month", "yearly": "a year"}

// Range formats a shown salary: "$60,000 – $80,000 a year", "From $60,000
// a year", "Up to $80,000 a year"; "" when there is no amount to show.
func Range(min, max *float64, currency, period string) string {
	var s string
	switch {
	case min != nil && max != nil && *min != *max:
		s = Format(*min, currency) + " – " + Format(*max, currency)
	case min != nil:
		s = Format(*min, currency)
		if max == nil {
			s = "From " + s
		}
	case max != nil:
		s = "Up to " + Format(*max, currency)
	default:
		return ""
	}
	if w, ok := periodWords[period]; ok {
		s += " " + w
	} else if period != "" {
		s += " " + period
	}
	return s
}
