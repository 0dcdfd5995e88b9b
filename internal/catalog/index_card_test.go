package catalog

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// fill sets every field of the struct at v to a value of its type drawn
// from r, leaving out the fields named in skip.
func fill(t *testing.T, r *rand.Rand, v reflect.Value, skip ...string) {
	t.Helper()
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; !slices.Contains(skip, name) {
			fillValue(t, r, v.Field(i))
		}
	}
}

func fillValue(t *testing.T, r *rand.Rand, f reflect.Value) {
	words := []string{"", "Go", "Zürich", "a\x00b", "<b>x</b>", "日本語", string(make([]byte, 300))}
	switch f.Interface().(type) {
	case time.Time:
		f.Set(reflect.ValueOf(time.UnixMicro(r.Int64N(4e15) - 1e15)))
		return
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(words[r.IntN(len(words))])
	case reflect.Int, reflect.Int64:
		f.SetInt(r.Int64() - r.Int64())
	case reflect.Bool:
		f.SetBool(true)
	case reflect.Float64:
		f.SetFloat(r.NormFloat64() * 1e6)
	case reflect.Slice:
		n := 1 + r.IntN(5)
		f.Set(reflect.MakeSlice(f.Type(), n, n))
		for i := range n {
			fillValue(t, r, f.Index(i))
		}
	case reflect.Pointer:
		f.Set(reflect.New(f.Type().Elem()))
		fillValue(t, r, f.Elem())
	default:
		t.Fatalf("no filler for %s", f.Type())
	}
}

// Every field of a summary comes back from its card as it went in: a
// field added to the summary but not to its cardFields fails here.
func TestCardsKeepEverySummaryField(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tab := newStrtab()
	for range 200 {
		var j JobSummary
		fill(t, r, reflect.ValueOf(&j).Elem(), "Distance")
		if got := tab.job(tab.encode(j.cardFields())); !reflect.DeepEqual(got, j) {
			t.Fatalf("job card:\n got %+v\nwant %+v", got, j)
		}
		var p ProviderSummary
		fill(t, r, reflect.ValueOf(&p).Elem(), "Distance")
		if got := tab.provider(tab.encode(p.cardFields())); !reflect.DeepEqual(got, p) {
			t.Fatalf("provider card:\n got %+v\nwant %+v", got, p)
		}
	}
}

// The zero values stay zero: nil pointers and lists stay nil, an empty
// list stays empty, the zero time stays zero.
func TestCardsKeepZeroValues(t *testing.T) {
	tab := newStrtab()
	var j JobSummary
	if got := tab.job(tab.encode(j.cardFields())); !reflect.DeepEqual(got, j) {
		t.Fatalf("zero job card: got %+v", got)
	}
	j.RequiredSkills = []string{}
	got := tab.job(tab.encode(j.cardFields()))
	if got.RequiredSkills == nil || len(got.RequiredSkills) != 0 || got.PreferredSkills != nil {
		t.Fatalf("skills: got %#v and %#v, want [] and nil", got.RequiredSkills, got.PreferredSkills)
	}
}

// A sitemap entry and the sitemap's update times read a card's prefix.
func TestCardPrefixes(t *testing.T) {
	tab := newStrtab()
	j := JobSummary{ID: 7, Title: "T", Slug: "s", UpdatedAt: time.UnixMicro(1_700_000_000_123_456), Excerpt: "e"}
	c := tab.encode(j.cardFields())
	if head := tab.sitemapEntry(c, true); head != (SitemapEntry{ID: 7, Title: "T", Slug: "s", UpdatedAt: head.UpdatedAt}) || !head.UpdatedAt.Equal(j.UpdatedAt) {
		t.Fatalf("sitemap prefix: %+v", head)
	}
	if u := tab.updatedAt(c); !u.Equal(j.UpdatedAt) {
		t.Fatalf("updated at: %v, want %v", u, j.UpdatedAt)
	}
	p := ProviderSummary{ID: 9, DisplayName: "N", UpdatedAt: j.UpdatedAt, Tagline: "t"}
	if ph := tab.sitemapEntry(tab.encode(p.cardFields()), false); ph.ID != 9 || ph.Title != "N" || ph.Slug != "" || !ph.UpdatedAt.Equal(p.UpdatedAt) {
		t.Fatalf("provider sitemap prefix: %+v", ph)
	}
}
