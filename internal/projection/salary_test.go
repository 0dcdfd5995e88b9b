package projection

import "testing"

func TestYearlySalaryEquivalents(t *testing.T) {
	for _, c := range []struct {
		period         string
		min, max       *float64
		wantLo, wantHi *float64
	}{
		{"hourly", new(50.0), new(60.25), new(104000.0), new(125320.0)},
		{"daily", new(400.0), nil, new(104000.0), new(104000.0)},
		{"weekly", nil, new(2000.0), nil, new(104000.0)},
		{"monthly", new(5000.0), new(7000.0), new(60000.0), new(84000.0)},
		{"yearly", new(85000.0), new(95000.0), new(85000.0), new(95000.0)},
		{"hourly", new(12.34), nil, new(25667.2), new(25667.2)},
		{"fortnightly", new(1000.0), new(2000.0), nil, nil},
		{"yearly", nil, nil, nil, nil},
	} {
		lo, hi := yearlyRange(c.min, c.max, c.period)
		if !sameAmount(lo, c.wantLo) || !sameAmount(hi, c.wantHi) {
			t.Errorf("%s %v-%v: yearly %v-%v, want %v-%v", c.period, show(c.min), show(c.max), show(lo), show(hi), show(c.wantLo), show(c.wantHi))
		}
	}
}

func TestHiddenSalaryHasNoYearlyFigure(t *testing.T) {
	in := publicJob()
	in.Job.SalaryPeriod, in.Job.SalaryMin, in.Job.SalaryMax = "hourly", new(40.0), new(50.0)
	row, _ := Job(in)
	if *row.SalaryYearlyMin != 83200 || *row.SalaryYearlyMax != 104000 {
		t.Errorf("shown: %v-%v", show(row.SalaryYearlyMin), show(row.SalaryYearlyMax))
	}
	in.Job.ShowSalary = false
	if row, _ = Job(in); row.SalaryYearlyMin != nil || row.SalaryYearlyMax != nil {
		t.Errorf("hidden salary has a yearly figure: %v-%v", show(row.SalaryYearlyMin), show(row.SalaryYearlyMax))
	}
}

func sameAmount(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func show(v *float64) any {
	if v == nil {
		return "nil"
	}
	return *v
}
