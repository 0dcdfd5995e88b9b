package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The case: rupee figures are larger numbers than dollar ones,
// and hourly pay is a smaller one; neither may fool the salary controls.
func TestCareersCompareSalariesWithinOneCurrency(t *testing.T) {
	e := newEnv(t)
	acme := e.tenant("acme", "Acme Robotics", "")
	pay := func(title string, lo, hi *float64, cur, per string) {
		e.job(acme, func(r *jobRow) { r.Title, r.SalaryMin, r.SalaryMax, r.Currency, r.Period = title, lo, hi, cur, per })
	}
	pay("Rupee Role", num(900000), num(1400000), "INR", "yearly")
	pay("Dollar Year", num(185000), num(230000), "USD", "yearly")
	pay("Dollar Hour", num(90), num(100), "USD", "hourly")
	pay("Dollar Month", num(15000), nil, "USD", "monthly")
	pay("Maple Role", num(150000), num(170000), "CAD", "yearly")

	body := e.mustGet("/careers/?min_salary=190000", http.StatusOK)
	if got := cardTitles(body); !sameTitles(got, "Dollar Year", "Dollar Hour") {
		t.Errorf("min_salary=190000: %v", got)
	}
	contains(t, body, "Salaries compared in USD (the currency most of these jobs pay in)",
		"Salary from $190,000 a year", `<option value="USD">USD ($) (3)</option>`, `<option value="INR">INR (₹) (1)</option>`,
		"$90 – $100 an hour")

	body = e.mustGet("/careers/?min_salary=1000000&currency=INR", http.StatusOK)
	if got := cardTitles(body); !sameTitles(got, "Rupee Role") {
		t.Errorf("min_salary in INR: %v", got)
	}
	contains(t, body, "Salaries compared in INR (your choice)", "₹900,000 – ₹1,400,000 a year", "Salary in INR")

	body = e.mustGet("/careers/?sort=salary", http.StatusOK)
	got := cardTitles(body)
	if len(got) != 5 || strings.Join(got[:3], "|") != "Dollar Year|Dollar Hour|Dollar Month" {
		t.Errorf("sort=salary: %v, want the USD jobs first, highest yearly pay first", got)
	}
	contains(t, body, "CA$150,000 – CA$170,000 a year")
}

func sameTitles(got []string, want ...string) bool {
	got, want = slices.Clone(got), slices.Clone(want)
	slices.Sort(got)
	slices.Sort(want)
	return slices.Equal(got, want)
}
