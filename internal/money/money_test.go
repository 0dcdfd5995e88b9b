package money_test

import (
	"testing"

	"github.com/zumodra/zumodra/internal/money"
)

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		amount float64
		code   string
		want   string
	}{
		{85000, "USD", "$85,000"},
		{185000, "USD", "$185,000"},
		{12.5, "USD", "$12.50"},
		{1400000, "INR", "₹1,400,000"},
		{95000, "CAD", "CA$95,000"},
		{25000, "MXN", "MX$25,000"},
		{850, "SEK", "SEK 850"},
		{65000, "EUR", "€65,000"},
		{54000, "GBP", "£54,000"},
		{4000000.4, "JPY", "¥4,000,000"},
		{120000, "CHF", "CHF 120,000"},
		{1234.5, "", "1,234.50"},
		{1234, "ZZZ", "1,234"},
	} {
		if got := money.Format(c.amount, c.code); got != c.want {
			t.Errorf("Format(%v, %q) = %q, want %q", c.amount, c.code, got, c.want)
		}
	}
}

func TestRoundFollowsTheCurrencyScale(t *testing.T) {
	if got := money.Round(4000000.4, "JPY"); got != 4000000 {
		t.Errorf("JPY: %v", got)
	}
	if got := money.Round(12.344, "USD"); got != 12.34 {
		t.Errorf("USD: %v", got)
	}
	if got := money.Symbol("XXQ"); got != "" {
		t.Errorf("Symbol of no currency: %q", got)
	}
}

func TestRange(t *testing.T) {
	lo, hi := 900000.0, 1400000.0
	for _, c := range []struct {
		min, max *float64
		cur, per string
		want     string
	}{
		{&lo, &hi, "INR", "yearly", "₹900,000 – ₹1,400,000 a year"},
		{&lo, nil, "USD", "monthly", "From $900,000 a month"},
		{nil, &hi, "SEK", "hourly", "Up to SEK 1,400,000 an hour"},
		{&lo, &lo, "EUR", "daily", "€900,000 a day"},
		{nil, nil, "USD", "yearly", ""},
	} {
		if got := money.Range(c.min, c.max, c.cur, c.per); got != c.want {
			t.Errorf("Range = %q, want %q", got, c.want)
		}
	}
}
