package domain

// PeriodsPerYear converts a pay period to a yearly equivalent, so that
// salaries quoted per hour, day, week or month compare with yearly ones:
// 2,080 working hours (40 a week for 52 weeks), 260 working days (5 a
// week), 52 weeks, 12 months. docs/API.md documents the same table.
var PeriodsPerYear = map[string]float64{"hourly": 2080, "daily": 260, "weekly": 52, "monthly": 12, "yearly": 1}

// Yearly is the yearly equivalent of amount paid per period, rounded to
// cents; ok is false for a period the table does not know.
func Yearly(amount float64, period string) (yearly float64, ok bool) {
	f, ok := PeriodsPerYear[period]
	if !ok {
		return 0, false
	}
	return roundCents(amount * f), true
}

func roundCents(v float64) float64 {
	if v < 0 {
		return -roundCents(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}
