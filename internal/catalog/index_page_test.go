package catalog

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/zumodra/zumodra/internal/searchindex"
)

// A walk by relevance that ranks only the rows whose heading matched and
// walks the others in the newest order pages exactly as ranking every
// match does, forward and back, ties in rank and time included.
func TestRelevanceWalkSplitsAsRankingAll(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Nums: 2, Orders: [][]int{{0, 1}}})
	r := rand.New(rand.NewPCG(7, 8))
	words := []string{"a", "b", "c", "d"}
	var docs []searchindex.Doc[string]
	for id := int64(1); id <= 500; id++ {
		var text []string
		var head []searchindex.Term
		for _, w := range words {
			if r.IntN(2) == 0 {
				text = append(text, w)
				if r.IntN(3) == 0 {
					head = append(head, searchindex.Term{Lexeme: w, Weight: []float32{1, 0.4, 0.1}[r.IntN(3)]})
				}
			}
		}
		published := float64(r.IntN(40)) // ties on purpose
		docs = append(docs, searchindex.Doc[string]{Key: id, Words: strings.Join(text, " "), Head: head,
			Nums: []float64{published, float64(id)}, Payload: strconv.FormatInt(id, 10)})
	}
	var lock searchindex.Lock
	lock.Write(func() { ix.Apply(1, docs, nil) })
	spec := jobSort(SortRelevance, "", &sqlArgs{})
	for _, q := range []string{"'a'", "'a' | 'b'", "'c' & 'd'", "'a' & !'b'", "'a' | 'b' | 'c' | 'd'"} {
		node, err := searchindex.Parse(q)
		if err != nil {
			t.Fatal(err)
		}
		_ = lock.Read(time.Now(), func() error {
			v := ix.View(time.Now())
			set, terms := v.Match(node)
			key := func(ord uint32) ikey {
				return ikey{k: [2]float64{float64(v.Rank(ord, terms)), v.Num(ord, 0)}, id: int64(v.Num(ord, 1))}
			}
			all := indexWalk{spec: spec, key: key, limit: 7}
			split := all
			if _, ok := v.Tiers(set, terms); ok == (q == "'a' | 'b' | 'c' | 'd'") {
				t.Fatalf("%s: tiers %v: both ways of splitting must be tried", q, ok)
			}
			split.parts, split.listed = relevanceParts(v, terms, 0, 0, 1), v.Listed()
			for _, back := range []bool{false, true} {
				if got, want := walkAll(split, set, back), walkAll(all, set, back); !slices.Equal(got, want) {
					t.Fatalf("%s, back %v: split walk %v, ranking all %v", q, back, got, want)
				}
			}
			return nil
		}, ix)
	}
}

// walkAll pages w over set to its end, in the walking direction, each
// page after the last one's final row; the ordinals in walking order.
func walkAll(w indexWalk, set *roaring.Bitmap, back bool) []uint32 {
	w.back = back
	var out []uint32
	for range 1000 {
		ords, _, _, more := w.page(set)
		if back {
			slices.Reverse(ords)
		}
		out = append(out, ords...)
		if !more || len(ords) == 0 {
			return out
		}
		k := w.key(ords[len(ords)-1])
		w.after = &k
	}
	panic("walkAll: no end")
}

// A walk of a kept order pages as ranking does, and still when the set's
// members bunch at the order's end, where the walk gives up and ranks.
func TestOrderWalkPagesAsRanking(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Nums: 2, Orders: [][]int{{0, 1}}})
	var docs []searchindex.Doc[string]
	for id := int64(1); id <= 500; id++ {
		docs = append(docs, searchindex.Doc[string]{Key: id, Nums: []float64{float64(id / 3), float64(id)}})
	}
	var lock searchindex.Lock
	lock.Write(func() { ix.Apply(1, docs, nil) })
	spec := jobSort(SortNewest, "", &sqlArgs{})
	_ = lock.Read(time.Now(), func() error {
		v := ix.View(time.Now())
		key := func(ord uint32) ikey { return ikey{k: [2]float64{v.Num(ord, 0)}, id: int64(v.Num(ord, 1))} }
		ranked := indexWalk{spec: spec, key: key, limit: 7}
		walked := ranked
		walked.sorted, walked.listed = v.Order(0), v.Listed()
		spread, oldest := roaring.New(), roaring.New()
		v.Listed().Iterate(func(ord uint32) bool {
			if id := v.Num(ord, 1); int(id)%3 == 0 {
				spread.Add(ord)
			} else if id <= 100 {
				oldest.Add(ord)
			}
			return true
		})
		for name, set := range map[string]*roaring.Bitmap{"all": v.Listed(), "spread": spread, "oldest": oldest} {
			for _, back := range []bool{false, true} {
				if got, want := walkAll(walked, set, back), walkAll(ranked, set, back); !slices.Equal(got, want) || len(got) == 0 {
					t.Fatalf("%s, back %v: walked %v, ranked %v", name, back, got, want)
				}
			}
		}
		return nil
	}, ix)
}

// salaryAtLeast keeps exactly the members paid at least the minimum,
// whether it reads the head of the salary order or visits the set, at
// minimums on, between and beyond the salaries held.
func TestSalaryAtLeastKeepsThePaid(t *testing.T) {
	ix := searchindex.New(jobSchema)
	r := rand.New(rand.NewPCG(11, 12))
	var docs []searchindex.Doc[card]
	for id := int64(1); id <= 400; id++ {
		nums := make([]float64, jobNums)
		nums[jnYearlyMax], nums[jnSalarySort], nums[jnID] = math.NaN(), -1, float64(id)
		if r.IntN(4) > 0 {
			y := float64(10_000 * r.IntN(12))
			nums[jnYearlyMax], nums[jnSalarySort] = y, y
		}
		docs = append(docs, searchindex.Doc[card]{Key: id, Values: make([][]string, jobFields), Nums: nums})
	}
	var lock searchindex.Lock
	lock.Write(func() { ix.Apply(1, docs, nil) })
	_ = lock.Read(time.Now(), func() error {
		v := ix.View(time.Now())
		small := roaring.New()
		for ord := range uint32(400) {
			if ord%7 == 0 {
				small.Add(ord)
			}
		}
		for _, set := range []*roaring.Bitmap{v.Listed(), small} {
			for _, min := range []float64{-5, 0, 1, 30_000, 35_000, 110_000, 200_000} {
				got := salaryAtLeast(v, set, min)
				want := keep(set, func(ord uint32) bool { return v.Num(ord, jnYearlyMax) >= min })
				if !got.Equals(want) {
					t.Fatalf("at least %v over %d rows: %d kept, want %d", min, set.GetCardinality(), got.GetCardinality(), want.GetCardinality())
				}
			}
		}
		return nil
	}, ix)
}
