package publicapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func (f *fixture) paid(id int64, lo, hi float64, cur, period string, yearlyLo, yearlyHi float64) {
	f.t.Helper()
	_, err := f.pool.Exec(context.Background(), `UPDATE public.job_catalog SET show_salary = true, salary_min = $2,
		salary_max = $3, salary_currency = $4, salary_period = $5, salary_yearly_min = $6, salary_yearly_max = $7
		WHERE id = $1`, id, lo, hi, cur, period, yearlyLo, yearlyHi)
	if err != nil {
		f.t.Fatal(err)
	}
}

func TestJobListComparesSalariesInOneCurrency(t *testing.T) {
	f := newFixture(t)
	rupee := f.job("Rupee Role", "full_time", "India", time.Hour, nil)
	f.paid(rupee, 900000, 1400000, "INR", "yearly", 900000, 1400000)
	hourly := f.job("Dollar Hour", "contract", "USA", 2*time.Hour, nil)
	f.paid(hourly, 90, 100, "USD", "hourly", 187200, 208000)
	yearly := f.job("Dollar Year", "full_time", "USA", 3*time.Hour, nil)
	f.paid(yearly, 100000, 120000, "USD", "yearly", 100000, 120000)

	w := f.get("/api/v1/careers/jobs?min_salary=150000&facets=1")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var body struct {
		Data []struct {
			ID              int64    `json:"id"`
			SalaryText      string   `json:"salary_text"`
			SalaryYearlyMax *float64 `json:"salary_yearly_max"`
		} `json:"data"`
		SalaryCurrency string `json:"salary_currency"`
		Facets         struct {
			Currencies []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"currencies"`
		} `json:"facets"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	if len(body.Data) != 1 || body.Data[0].ID != hourly || body.SalaryCurrency != "USD" {
		t.Fatalf("min_salary=150000: %s", w.Body)
	}
	if d := body.Data[0]; d.SalaryText != "$90 – $100 an hour" || d.SalaryYearlyMax == nil || *d.SalaryYearlyMax != 208000 {
		t.Errorf("salary fields: %+v", d)
	}
	if c := body.Facets.Currencies; len(c) != 2 || c[0].Value != "USD" || c[0].Count != 2 || c[1].Value != "INR" {
		t.Errorf("currency facet %+v", c)
	}
	assertProblem(t, f.get("/api/v1/careers/jobs?currency=DOLLARS"), http.StatusBadRequest, "currency")
	var plain map[string]any
	if err := json.Unmarshal(f.get("/api/v1/careers/jobs").Body.Bytes(), &plain); err != nil || plain["salary_currency"] != nil {
		t.Errorf("a list that compared no salary names a salary currency: %v %v", plain["salary_currency"], err)
	}
}
