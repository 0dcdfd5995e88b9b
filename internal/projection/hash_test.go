package projection

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestHashEqualInputsEqualHash(t *testing.T) {
	a, _ := Job(publicJob())
	b, _ := Job(publicJob())
	if !bytes.Equal(a.ContentHash, b.ContentHash) || len(a.ContentHash) != 32 {
		t.Fatalf("hashes differ or wrong size: %x %x", a.ContentHash, b.ContentHash)
	}
	p, _ := Provider(publicProvider())
	in := publicProvider()
	in.Skills[0], in.Skills[1] = in.Skills[1], in.Skills[0] // read order must not matter
	in.Categories[0], in.Categories[1] = in.Categories[1], in.Categories[0]
	q, _ := Provider(in)
	if !bytes.Equal(p.ContentHash, q.ContentHash) {
		t.Fatalf("provider hash depends on read order")
	}
}

// mutate changes one field to a different value of its type, NULL to
// non-NULL included, so NULL, "" and 0 must hash differently. It replaces
// pointers and slices rather than writing through them, so the row it was
// copied from is untouched.
func mutate(t *testing.T, f reflect.Value) {
	t.Helper()
	switch v := f.Addr().Interface().(type) {
	case *string:
		*v += "x"
	case **string:
		if *v == nil {
			*v = new("")
		} else {
			*v = nil
		}
	case *int64:
		*v++
	case *int:
		*v++
	case *bool:
		*v = !*v
	case *float64:
		*v += 0.5
	case **float64:
		if *v == nil {
			*v = new(0.0)
		} else {
			*v = nil
		}
	case *[]string:
		*v = append(append([]string{}, *v...), "")
	case *[]byte:
		*v = append(append([]byte{}, *v...), 1)
	case *json.RawMessage:
		*v = json.RawMessage(`[{"name": "x", "level": "expert", "years": 1}]`)
	case *time.Time:
		*v = v.Add(time.Microsecond)
	case **time.Time:
		if *v == nil {
			*v = new(time.Time{})
		} else {
			*v = nil
		}
	default:
		t.Fatalf("no mutation for %T", v)
	}
}

func TestHashEveryColumnCounts(t *testing.T) {
	job, _ := Job(publicJob())
	provider, _ := Provider(publicProvider())
	for _, row := range []any{job, provider} {
		base := hashOf(row)
		typ := reflect.TypeOf(row)
		for i := range typ.NumField() {
			col := typ.Field(i).Tag.Get("db")
			t.Run(typ.Name()+"/"+col, func(t *testing.T) {
				changed := reflect.New(typ).Elem()
				changed.Set(reflect.ValueOf(row)) // mutate replaces, never writes through

				mutate(t, changed.Field(i))
				same := bytes.Equal(hashOf(changed.Interface()), base)
				if unhashedColumns[col] != same {
					t.Errorf("changing %s: hash unchanged = %v, want %v", col, same, unhashedColumns[col])
				}
				if !reflect.DeepEqual(hashOf(row), base) {
					t.Fatal("mutation leaked into the original row")
				}
			})
		}
	}
}

func hashOf(row any) []byte {
	switch r := row.(type) {
	case JobRow:
		return r.Hash()
	case ProviderRow:
		return r.Hash()
	}
	panic("unknown row")
}

func TestHashIsLengthPrefixed(t *testing.T) {
	a, b := JobRow{Title: "ab", Slug: "c"}, JobRow{Title: "a", Slug: "bc"}
	if bytes.Equal(a.Hash(), b.Hash()) {
		t.Error(`"ab"+"c" hashes like "a"+"bc"`)
	}
	a, b = JobRow{RequiredSkills: []string{"ab", "c"}}, JobRow{RequiredSkills: []string{"a", "bc"}}
	if bytes.Equal(a.Hash(), b.Hash()) {
		t.Error("array elements are not delimited")
	}
	a, b = JobRow{RequiredSkills: []string{"a"}}, JobRow{PreferredSkills: []string{"a"}}
	if bytes.Equal(a.Hash(), b.Hash()) {
		t.Error("array columns are not delimited")
	}
	a, b = JobRow{SalaryCurrency: new("")}, JobRow{}
	if bytes.Equal(a.Hash(), b.Hash()) {
		t.Error(`NULL hashes like ""`)
	}
}

// What the apply code relies on: a write that changes nothing public (a
// private note, the version bump every write brings) keeps the hash, and a
// time read back in another zone hashes the same.
func TestHashIgnoresPrivateAndVersionChanges(t *testing.T) {
	before, _ := Job(publicJob())
	in := publicJob()
	in.Job.InternalNotes, in.Job.HiringManagerEmail, in.Job.Version = "changed", "x@y.example", 99
	in.Job.UpdatedAt = in.Job.UpdatedAt.Add(time.Hour)
	after, _ := Job(in)
	if !bytes.Equal(before.ContentHash, after.ContentHash) {
		t.Error("hash changed on a private-only write")
	}
	local := before
	local.PublishedAt = before.PublishedAt.In(time.FixedZone("Z", 5*3600))
	if !bytes.Equal(local.Hash(), before.ContentHash) {
		t.Error("hash depends on the time zone")
	}
}

// The encoding is part of the catalog's state: changing it makes the next
// sync rewrite every row once. Update this value deliberately, never blindly.
func TestHashGolden(t *testing.T) {
	row, _ := Job(publicJob())
	const want = "857b313ac4735cea9be59afc00aa09e21b997598c04399826ba5e09109fe687b"
	if got := hex.EncodeToString(row.ContentHash); got != want {
		t.Errorf("job fixture hash = %s, want %s", got, want)
	}
}
