package domain

import (
	"database/sql"
	"fmt"
	"time"
)

// The time range of the system: every timestamp a tenant writes, and every
// timestamp that reaches the public catalog, lies within it, in UTC. The
// bounds keep times printable as RFC 3339 (four-digit years, which
// encoding/json requires) and far from PostgreSQL's infinities. The shared
// migrations hold the same bounds in public.zumodra_time_in_range, which the
// catalogs' CHECKs call; a test keeps the two in step.
var (
	MinTime = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	MaxTime = time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC)
)

// TimeRangeText describes the range for error messages and docs.
const TimeRangeText = "from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z (in UTC, after applying the offset)"

// TimeInRange reports whether t lies within [MinTime, MaxTime].
func TimeInRange(t time.Time) bool { return !t.Before(MinTime) && !t.After(MaxTime) }

// CheckTime refuses a time outside the range, naming the field.
func CheckTime(field string, t time.Time) error {
	if TimeInRange(t) {
		return nil
	}
	return FieldError(field, "must be a date-time %s", TimeRangeText)
}

// CheckOptionalTime is CheckTime for a nullable time; nil passes.
func CheckOptionalTime(field string, t *time.Time) error {
	if t == nil {
		return nil
	}
	return CheckTime(field, *t)
}

// PostgreSQL's 'infinity' and '-infinity' have no time.Time. Read through
// ScanTime they become these instants beyond either end of PostgreSQL's own
// range, so that every range check refuses them like any other
// unrepresentable time, and nothing else needs to know about infinities.
var (
	Infinity    = time.Date(294277, 1, 1, 0, 0, 0, 0, time.UTC)
	NegInfinity = time.Date(-4714, 1, 1, 0, 0, 0, 0, time.UTC)
)

// ScanTime returns a scanner that stores a NOT NULL timestamp column into
// dst, mapping the infinities to Infinity and NegInfinity instead of
// failing the whole read (pgx cannot scan them into a time.Time).
func ScanTime(dst *time.Time) sql.Scanner { return timeScanner{dst} }

// ScanOptionalTime is ScanTime for a nullable column: NULL stores nil.
func ScanOptionalTime(dst **time.Time) sql.Scanner { return optionalTimeScanner{dst} }

type timeScanner struct{ dst *time.Time }

func (s timeScanner) Scan(src any) error {
	t, err := scannedTime(src)
	if err != nil {
		return err
	}
	if t == nil {
		return fmt.Errorf("scan time: NULL in a NOT NULL column")
	}
	*s.dst = *t
	return nil
}

type optionalTimeScanner struct{ dst **time.Time }

func (s optionalTimeScanner) Scan(src any) error {
	t, err := scannedTime(src)
	if err == nil {
		*s.dst = t
	}
	return err
}

// scannedTime reads what the driver hands a database/sql scanner for a
// timestamp: a time.Time, "infinity" or "-infinity", or nil for NULL.
func scannedTime(src any) (*time.Time, error) {
	switch v := src.(type) {
	case nil:
		return nil, nil
	case time.Time:
		return &v, nil
	case string:
		var t time.Time
		switch v {
		case "infinity":
			t = Infinity
		case "-infinity":
			t = NegInfinity
		default:
			return nil, fmt.Errorf("scan time: unexpected text %q", v)
		}
		return &t, nil
	}
	return nil, fmt.Errorf("scan time: unsupported value %T %v", src, src)
}
