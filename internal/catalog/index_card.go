package catalog

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"time"
)

// A card is a summary as the index holds it: one string of bytes, nothing
// in it for the collector to follow, the row's own text inline and the
// values rows share (a company, a city, a skill) as ids into the index's
// string table. A row held as a JobSummary took about a kilobyte in a
// dozen allocations, which at a full catalog was most of a serve
// process's memory; a page decodes only the cards it shows.
type card string

// own marks a card field as the row's own text (a title, a slug), kept
// inline: in the string table it would be kept twice and never shared.
type own struct{ s *string }

// cardFields lists the fields a job card holds, in the card's order. The
// sitemap's fields lead (updated, id, title, slug: jobSitemapFields), so
// that a sitemap reads a prefix; Distance is left out, as no indexed read
// answers a nearby search.
func (j *JobSummary) cardFields() []any {
	return []any{&j.UpdatedAt, &j.ID, own{&j.Title}, own{&j.Slug},
		&j.CompanyName, &j.CompanySlug, &j.CompanyLogoURL, &j.CompanyID, &j.CategoryName, &j.CategorySlug,
		&j.JobType, &j.ExperienceLevel, &j.RemotePolicy, &j.City, &j.State, &j.Country,
		&j.ShowSalary, &j.SalaryMin, &j.SalaryMax, &j.SalaryCurrency, &j.SalaryPeriod,
		&j.SalaryYearlyMin, &j.SalaryYearlyMax, own{&j.SalaryText}, &j.RequiredSkills, &j.PreferredSkills,
		&j.IsFeatured, &j.ApplicationDeadline, &j.PublishedAt, own{&j.Excerpt}, &j.Latitude, &j.Longitude}
}

// cardFields is JobSummary.cardFields for providers (updated, id and name
// lead).
func (p *ProviderSummary) cardFields() []any {
	return []any{&p.UpdatedAt, &p.ID, own{&p.DisplayName}, &p.ProviderType, own{&p.Tagline}, own{&p.AvatarURL},
		&p.City, &p.State, &p.Country, &p.CategoryNames, &p.CategorySlugs, &p.SkillNames, &p.HourlyRate, &p.Currency,
		&p.RatingAvg, &p.TotalReviews, &p.RatingScore, &p.CompletedJobs, &p.AvailabilityStatus, &p.IsVerified,
		&p.IsFeatured, &p.IsAcceptingProjects, &p.CanWorkRemotely, &p.CanWorkOnsite,
		&p.CompanyName, &p.CompanySlug, &p.CompanyID, &p.PublishedAt, &p.Latitude, &p.Longitude}
}

// strtab is the strings an index's cards share, by id. The follower alone
// adds to it (as it encodes rows); readers look ids up without a lock: a
// card reaches a reader through the index's lock after the strings it
// names were published here, and appending never moves what a published
// slice holds.
type strtab struct {
	ids  map[string]uint32
	strs atomic.Pointer[[]string]
	buf  []byte // the encoder's, reused row after row
}

func newStrtab() *strtab {
	t := &strtab{ids: map[string]uint32{}}
	t.strs.Store(&[]string{})
	return t
}

func (t *strtab) id(s string) uint32 {
	if id, ok := t.ids[s]; ok {
		return id
	}
	s = strings.Clone(s) // not a piece of a larger string kept alive
	next := append(*t.strs.Load(), s)
	id := uint32(len(next) - 1)
	t.strs.Store(&next)
	t.ids[s] = id
	return id
}

// encode writes fields (cardFields) as a card.
func (t *strtab) encode(fields []any) card {
	w := cardWriter{tab: t, b: t.buf[:0]}
	for _, f := range fields {
		w.field(f)
	}
	t.buf = w.b
	return card(w.b) // a copy of exactly the card's size
}

// decode fills the first len(fields) fields of c.
func (t *strtab) decode(c card, fields []any) {
	r := cardReader{c: c, strs: *t.strs.Load()}
	for _, f := range fields {
		r.field(f)
	}
}

func (t *strtab) job(c card) JobSummary {
	var j JobSummary
	t.decode(c, j.cardFields())
	return j
}

func (t *strtab) provider(c card) ProviderSummary {
	var p ProviderSummary
	t.decode(c, p.cardFields())
	return p
}

// updatedAt is a card's leading field, read without decoding the rest.
func (t *strtab) updatedAt(c card) time.Time {
	r := cardReader{c: c}
	return r.time()
}

// sitemapEntry reads a card's leading fields (cardFields: updated, id,
// the title or name, and for a job its slug) straight, without the field
// list decode takes: a sitemap file reads ten thousand cards, and a
// summary and a list of its fields made for each was most of what the
// file allocated.
func (t *strtab) sitemapEntry(c card, withSlug bool) SitemapEntry {
	r := cardReader{c: c}
	e := SitemapEntry{UpdatedAt: r.time(), ID: r.int(), Title: r.own()}
	if withSlug {
		e.Slug = r.own()
	}
	return e
}

type cardWriter struct {
	tab *strtab
	b   []byte
}

func (w *cardWriter) field(f any) {
	switch v := f.(type) {
	case own:
		w.text(*v.s)
	case *string:
		w.uint(uint64(w.tab.id(*v)))
	case **string:
		w.present(*v != nil)
		if *v != nil {
			w.uint(uint64(w.tab.id(**v)))
		}
	case *[]string:
		// 0 is nil, n+1 a list of n: the JSON tells null from [].
		if *v == nil {
			w.uint(0)
			return
		}
		w.uint(uint64(len(*v)) + 1)
		for _, s := range *v {
			w.uint(uint64(w.tab.id(s)))
		}
	case *int64:
		w.b = binary.AppendVarint(w.b, *v)
	case *int:
		w.b = binary.AppendVarint(w.b, int64(*v))
	case *bool:
		w.present(*v)
	case *float64:
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(*v))
	case **float64:
		w.present(*v != nil)
		if *v != nil {
			w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(**v))
		}
	case *time.Time:
		w.time(*v)
	case **time.Time:
		w.present(*v != nil)
		if *v != nil {
			w.time(**v)
		}
	default:
		panic(fmt.Sprintf("catalog: no card encoding for %T", f))
	}
}

func (w *cardWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }

func (w *cardWriter) text(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *cardWriter) present(ok bool) {
	if ok {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// time keeps microseconds, PostgreSQL's precision; the zero time stays
// zero.
func (w *cardWriter) time(t time.Time) {
	w.present(!t.IsZero())
	if !t.IsZero() {
		w.b = binary.AppendVarint(w.b, t.UnixMicro())
	}
}

type cardReader struct {
	c    card
	i    int
	strs []string
}

func (r *cardReader) field(f any) {
	switch v := f.(type) {
	case own:
		*v.s = r.own()
	case *string:
		*v = r.shared()
	case **string:
		if r.present() {
			s := r.shared()
			*v = &s
		}
	case *[]string:
		if n := int(r.uint()); n > 0 {
			*v = make([]string, n-1)
			for i := range *v {
				(*v)[i] = r.shared()
			}
		}
	case *int64:
		*v = r.int()
	case *int:
		*v = int(r.int())
	case *bool:
		*v = r.present()
	case *float64:
		*v = r.float()
	case **float64:
		if r.present() {
			x := r.float()
			*v = &x
		}
	case *time.Time:
		*v = r.time()
	case **time.Time:
		if r.present() {
			t := r.time()
			*v = &t
		}
	default:
		panic(fmt.Sprintf("catalog: no card decoding for %T", f))
	}
}

// uint reads a uvarint; cards are written by this package alone, so a
// short one is a bug, and indexing past the end panics.
func (r *cardReader) uint() uint64 {
	var v uint64
	for shift := 0; ; shift += 7 {
		b := r.c[r.i]
		r.i++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
}

func (r *cardReader) int() int64 {
	u := r.uint()
	return int64(u>>1) ^ -int64(u&1) // zig-zag, as binary.AppendVarint writes
}

func (r *cardReader) shared() string { return r.strs[r.uint()] }

// own reads the row's own text, sharing the card's bytes.
func (r *cardReader) own() string {
	n := int(r.uint())
	s := string(r.c[r.i : r.i+n])
	r.i += n
	return s
}

func (r *cardReader) present() bool {
	b := r.c[r.i]
	r.i++
	return b != 0
}

func (r *cardReader) float() float64 {
	var u uint64
	for k := range 8 {
		u |= uint64(r.c[r.i+k]) << (8 * k)
	}
	r.i += 8
	return math.Float64frombits(u)
}

func (r *cardReader) time() time.Time {
	if !r.present() {
		return time.Time{}
	}
	return time.UnixMicro(r.int())
}
