package domain

import (
	"testing"
	"time"
)

func TestTimeInRange(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	for _, c := range []struct {
		t  time.Time
		ok bool
	}{
		{MinTime, true},
		{MaxTime, true},
		{MinTime.Add(-time.Microsecond), false},
		{MaxTime.Add(time.Microsecond), false},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, est), false}, // year 10000 in UTC
		{time.Date(9999, 12, 31, 18, 59, 59, 0, est), true},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600)), false}, // 1899 in UTC
		{Infinity, false},
		{NegInfinity, false},
		{time.Time{}, false},
	} {
		if got := TimeInRange(c.t); got != c.ok {
			t.Errorf("TimeInRange(%v) = %v, want %v", c.t, got, c.ok)
		}
	}
	if err := CheckOptionalTime("published_at", new(Infinity)); err == nil || ErrorCode(err) != CodeInvalid {
		t.Fatalf("CheckOptionalTime(infinity) = %v", err)
	} else if e := err.(*Error); e.Field != "published_at" {
		t.Fatalf("field %q", e.Field)
	}
	if err := CheckOptionalTime("published_at", nil); err != nil {
		t.Fatal(err)
	}
}

func TestScanTime(t *testing.T) {
	now := time.Now()
	var v time.Time
	var p *time.Time
	for src, want := range map[any]time.Time{now: now, "infinity": Infinity, "-infinity": NegInfinity} {
		if err := ScanTime(&v).Scan(src); err != nil || !v.Equal(want) {
			t.Errorf("ScanTime(%v) = %v, %v", src, v, err)
		}
		if err := ScanOptionalTime(&p).Scan(src); err != nil || p == nil || !p.Equal(want) {
			t.Errorf("ScanOptionalTime(%v) = %v, %v", src, p, err)
		}
	}
	if err := ScanOptionalTime(&p).Scan(nil); err != nil || p != nil {
		t.Errorf("ScanOptionalTime(nil) = %v, %v", p, err)
	}
	if ScanTime(&v).Scan(nil) == nil || ScanTime(&v).Scan("soon") == nil || ScanTime(&v).Scan(42) == nil {
		t.Error("ScanTime accepted NULL, junk text or a number")
	}
	// The scanned pointer is the caller's own, not the shared Infinity.
	if err := ScanOptionalTime(&p).Scan("infinity"); err != nil {
		t.Fatal(err)
	}
	*p = time.Time{}
	if !Infinity.Equal(time.Date(294277, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatal("Infinity was changed through a scanned pointer")
	}
}
