package searchindex_test

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

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "<nil>"},
		{"'python'", "python"},
		{"'senior' & 'python' & !'java'", "&(senior python !(java))"},
		{"'go' | 'rust' & 'web'", "|(go &(rust web))"},
		{"'senior' & ( 'engin':* | 'engin':* )", "&(senior |(engin* engin*))"},
		{"'it''s'", "it's"},
	} {
		n, err := searchindex.Parse(c.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.in, err)
		}
		if got := show(n); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	for _, in := range []string{"'machin' <-> 'learn'", "'a' & 'b' <2> 'c'", "'x':A"} {
		if _, err := searchindex.Parse(in); err != searchindex.ErrUnsupported {
			t.Errorf("Parse(%q) = %v, want ErrUnsupported", in, err)
		}
	}
	for _, in := range []string{"'open", "( 'a'", "'a' &", "python"} {
		if _, err := searchindex.Parse(in); err == nil {
			t.Errorf("Parse(%q) accepted a malformed query", in)
		}
	}
}

func show(n *searchindex.Node) string {
	if n == nil {
		return "<nil>"
	}
	switch n.Op {
	case 'w':
		if n.Prefix {
			return n.Lexeme + "*"
		}
		return n.Lexeme
	}
	s := string(n.Op) + "("
	for i, k := range n.Kids {
		if i > 0 {
			s += " "
		}
		s += show(k)
	}
	return s + ")"
}

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// lock is the tests' one index group: each test has its own index, and the
// tests do not run in parallel.
var lock searchindex.Lock

func doc(key int64, lexemes []string, country string, from, until time.Time) searchindex.Doc[string] {
	head := []searchindex.Term{}
	if len(lexemes) > 0 {
		head = append(head, searchindex.Term{Lexeme: lexemes[0], Weight: 1})
	}
	return searchindex.Doc[string]{Key: key, Words: strings.Join(lexemes, " "), Head: head, Values: [][]string{{country}},
		From: from, Until: until, Payload: country}
}

func keys(ix *searchindex.Index[string], at time.Time, q string) []int64 {
	n, err := searchindex.Parse(q)
	if err != nil {
		panic(err)
	}
	var out []int64
	_ = lock.Read(at, func() error {
		v := ix.View(at)
		set, _ := v.Match(n)
		set.Iterate(func(o uint32) bool { out = append(out, v.Key(o)); return true })
		return nil
	}, ix)
	slices.Sort(out)
	return out
}

func TestMatchReplaceAndRemove(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	ix.Apply(1, []searchindex.Doc[string]{
		doc(1, []string{"python", "develop"}, "DE", t0, time.Time{}),
		doc(2, []string{"java", "develop"}, "FR", t0, time.Time{}),
		doc(3, []string{"engin", "python"}, "DE", t0, time.Time{}),
	}, nil)
	at := t0.Add(time.Hour)
	for q, want := range map[string][]int64{
		"'develop'":                         {1, 2},
		"'develop' & !'java'":               {1},
		"!'python'":                         {2},
		"'java' | 'engin'":                  {2, 3},
		"'pyth':*":                          {1, 3},
		"'develop' & 'en':*":                nil,
		"'nothing'":                         nil,
		"'python' & ( 'ja':* | 'develop' )": {1},
	} {
		if got := keys(ix, at, q); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", q, got, want)
		}
	}
	// Replacing document 1 drops its old lexemes; removing 2 drops it.
	ix.Apply(2, []searchindex.Doc[string]{doc(1, []string{"rust"}, "DE", t0, time.Time{})}, []int64{2})
	if got := keys(ix, at, "'develop'"); got != nil {
		t.Errorf("after the edit 'develop' matched %v", got)
	}
	if got := keys(ix, at, "'rust' | 'python'"); !slices.Equal(got, []int64{1, 3}) {
		t.Errorf("after the edit got %v", got)
	}
	_ = lock.Read(at, func() error {
		if v := ix.View(at); v.Version() != 2 || v.Len() != 2 {
			t.Errorf("version %d, len %d", v.Version(), v.Len())
		}
		return nil
	}, ix)
}

// Enough replacements to trigger compaction reuse ordinals without an old
// document's lexemes leaking into the new one's matches.
func TestCompactionReusesOrdinals(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	var docs []searchindex.Doc[string]
	for k := int64(1); k <= 3000; k++ {
		docs = append(docs, doc(k, []string{"old"}, "DE", t0, time.Time{}))
	}
	ix.Apply(1, docs, nil)
	for k := int64(1); k <= 3000; k++ {
		ix.Apply(1+k, []searchindex.Doc[string]{doc(k, []string{"new"}, "DE", t0, time.Time{})}, nil)
	}
	at := t0.Add(time.Hour)
	if got := keys(ix, at, "'old'"); got != nil {
		t.Fatalf("%d documents still match their replaced lexeme", len(got))
	}
	if got := keys(ix, at, "'new'"); len(got) != 3000 {
		t.Fatalf("'new' matched %d documents, want 3000", len(got))
	}
}

func TestWindows(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	ix.Apply(1, []searchindex.Doc[string]{
		doc(1, []string{"a"}, "DE", t0, t0.Add(2*time.Hour)),        // until a deadline
		doc(2, []string{"a"}, "DE", t0.Add(time.Hour), time.Time{}), // scheduled
		doc(3, []string{"a"}, "DE", t0, time.Time{}),                // always
	}, nil)
	for _, c := range []struct {
		at   time.Duration
		want []int64
		due  time.Duration
	}{
		{30 * time.Minute, []int64{1, 3}, time.Hour},
		{time.Hour, []int64{1, 2, 3}, 2 * time.Hour},
		{2 * time.Hour, []int64{2, 3}, 0},
		{10 * time.Minute, []int64{1, 3}, time.Hour}, // a clock that goes back
	} {
		at := t0.Add(c.at)
		if got := keys(ix, at, "'a'"); !slices.Equal(got, c.want) {
			t.Errorf("at +%v: %v, want %v", c.at, got, c.want)
		}
		_ = lock.Read(at, func() error {
			v := ix.View(at)
			want := time.Time{}
			if c.due != 0 {
				want = t0.Add(c.due)
			}
			if !v.Due().Equal(want) {
				t.Errorf("at +%v due %v, want %v", c.at, v.Due(), want)
			}
			return nil
		}, ix)
	}
}

func TestCount(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	ix.Apply(1, []searchindex.Doc[string]{
		doc(1, []string{"a"}, "DE", t0, time.Time{}),
		doc(2, []string{"a"}, "FR", t0, time.Time{}),
		doc(3, []string{"a"}, "DE", t0, time.Time{}),
		doc(4, []string{"b"}, "IT", t0, time.Time{}),
	}, nil)
	_ = lock.Read(t0, func() error {
		v := ix.View(t0)
		n, _ := searchindex.Parse("'a'")
		set, _ := v.Match(n)
		got := v.Count(set, []int{0}, 50)[0]
		want := []searchindex.ValueCount{{"DE", "DE", 2}, {"FR", "FR", 1}}
		if !slices.Equal(got, want) {
			t.Errorf("counts %v, want %v", got, want)
		}
		if c := v.Field(0, "DE", "IT").GetCardinality(); c != 3 {
			t.Errorf("DE or IT: %d documents, want 3", c)
		}
		return nil
	}, ix)
}

// Edits of a row with a future deadline leave events behind; the index
// prunes them instead of keeping one per edit.
func TestEventsPruned(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	until := t0.Add(time.Hour)
	for v := int64(1); v <= 5000; v++ {
		ix.Apply(v, []searchindex.Doc[string]{doc(1, []string{"a"}, "DE", t0, until)}, nil)
		if v == 1 { // the clock starts with the first read
			if got := keys(ix, t0, "'a'"); !slices.Equal(got, []int64{1}) {
				t.Fatalf("listed %v", got)
			}
		}
	}
	if n := ix.PendingEvents(); n > 2048 {
		t.Fatalf("%d events kept for one document", n)
	}
	if got := keys(ix, until.Add(-time.Second), "'a'"); !slices.Equal(got, []int64{1}) {
		t.Fatalf("before the deadline: %v", got)
	}
	if got := keys(ix, until, "'a'"); got != nil {
		t.Fatalf("at the deadline: %v", got)
	}
}

// The tallies of the listed set stay equal to a count over it through
// random puts, removals and clock moves.
func TestTalliesFollowTheListedSet(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Labelled: []int{0}})
	r := rand.New(rand.NewPCG(1, 2))
	countries := []string{"DE", "FR", "IT", ""}
	at := t0
	froms := map[int64]time.Time{}
	for step := int64(1); step <= 400; step++ {
		var docs []searchindex.Doc[string]
		var gone []int64
		for range 5 {
			k := int64(r.IntN(60))
			if r.IntN(4) == 0 {
				gone = append(gone, k)
				continue
			}
			from := t0.Add(time.Duration(r.IntN(100)) * time.Minute)
			var until time.Time
			if r.IntN(2) == 0 {
				until = from.Add(time.Duration(1+r.IntN(100)) * time.Minute)
			}
			d := doc(k, []string{"a"}, countries[r.IntN(len(countries))], from, until)
			d.Labels = [][]string{{"name of " + d.Values[0][0]}}
			docs = append(docs, d)
			froms[k] = from
		}
		ix.Apply(step, docs, gone)
		at = at.Add(time.Duration(r.IntN(3)) * time.Minute)
		_ = lock.Read(at, func() error {
			v := ix.View(at)
			want := v.Count(v.Listed(), []int{0}, 10)[0]
			got := searchindex.Top(v.ListedCounts(0), 10)
			if !slices.Equal(got, want) {
				t.Fatalf("step %d: tallies %v, counted %v", step, got, want)
			}
			var newest int64
			v.Listed().Iterate(func(o uint32) bool {
				newest = max(newest, froms[v.Key(o)].UnixMicro())
				return true
			})
			if v.Newest() != newest {
				t.Fatalf("step %d: newest %d, listed %d", step, v.Newest(), newest)
			}
			return nil
		}, ix)
	}
}

// The maintained orders hold every live document, sorted, through puts,
// replacements and removals, small and large.
func TestOrdersStaySorted(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Nums: 2, Orders: [][]int{{0, 1}, {1}}})
	r := rand.New(rand.NewPCG(3, 4))
	for step := int64(1); step <= 200; step++ {
		var docs []searchindex.Doc[string]
		n := 3
		if step%50 == 0 {
			n = 500 // a bulk step
		}
		for range n {
			d := doc(int64(r.IntN(1000)), []string{"a"}, "DE", t0, time.Time{})
			d.Nums = []float64{float64(r.IntN(5)), float64(r.IntN(100))}
			docs = append(docs, d)
		}
		ix.Apply(step, docs, []int64{int64(r.IntN(1000))})
	}
	_ = lock.Read(t0, func() error {
		v := ix.View(t0)
		for o, nums := range [][]int{{0, 1}, {1}} {
			var prev []float64
			seen := 0
			for _, ord := range v.Order(o) {
				cur := []float64{}
				for _, n := range nums {
					cur = append(cur, v.Num(ord, n))
				}
				if prev != nil && slices.Compare(cur, prev) > 0 {
					t.Fatalf("order %d: %v after %v", o, cur, prev)
				}
				prev, seen = cur, seen+1
			}
			if seen != v.Len() {
				t.Fatalf("order %d holds %d documents of %d", o, seen, v.Len())
			}
		}
		return nil
	}, ix)
}

// Count agrees with counting the documents' own values, over fields of
// many values (their columns are walked) and of few over many documents
// (their bitmaps are intersected), with documents of none, one and
// several values, through replacements and removals that reuse ordinals;
// and so do the names.
func TestCountWalksTheColumns(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 3, Labelled: []int{1}})
	r := rand.New(rand.NewPCG(5, 6))
	held := map[int64][][]string{} // key -> its values of each field
	for step := int64(1); step <= 300; step++ {
		var docs []searchindex.Doc[string]
		var gone []int64
		for range 20 {
			k := int64(r.IntN(2000))
			if r.IntN(3) == 0 {
				gone, docs = append(gone, k), slices.DeleteFunc(docs, func(d searchindex.Doc[string]) bool { return d.Key == k })
				delete(held, k)
				continue
			}
			var skills []string
			for range r.IntN(4) { // none, one or several, of 150
				skills = append(skills, "s"+strconv.Itoa(r.IntN(150)))
			}
			skills = slices.Compact(slices.Sorted(slices.Values(skills)))
			company := "c" + strconv.Itoa(r.IntN(100))
			d := searchindex.Doc[string]{Key: k, Values: [][]string{skills, {company}, {[]string{"x", "y"}[r.IntN(2)]}},
				Labels: [][]string{nil, {"Company " + company}}, From: t0}
			docs = slices.DeleteFunc(docs, func(o searchindex.Doc[string]) bool { return o.Key == k })
			docs, held[k] = append(docs, d), d.Values
		}
		ix.Apply(step, docs, gone)
		_ = lock.Read(t0, func() error {
			v := ix.View(t0)
			got := v.Count(v.Listed(), []int{0, 1, 2}, math.MaxInt)
			top := v.Count(v.Listed(), []int{0, 1, 2}, 3)
			for f := range 3 {
				if want := searchindex.Top(slices.Clone(got[f]), 3); !slices.Equal(top[f], want) {
					t.Fatalf("step %d field %d: the top 3 %v, want %v", step, f, top[f], want)
				}
				want := map[string]int{}
				for _, vals := range held {
					for _, val := range vals[f] {
						want[val]++
					}
				}
				if len(got[f]) != len(want) {
					t.Fatalf("step %d field %d: %d values counted, want %d", step, f, len(got[f]), len(want))
				}
				for _, c := range got[f] {
					if c.Count != want[c.Value] {
						t.Fatalf("step %d field %d: %s counted %d, want %d", step, f, c.Value, c.Count, want[c.Value])
					}
					if label := map[int]string{0: c.Value, 1: "Company " + c.Value, 2: c.Value}[f]; c.Label != label {
						t.Fatalf("step %d field %d: %s named %q, want %q", step, f, c.Value, c.Label, label)
					}
				}
			}
			return nil
		}, ix)
	}
}

// Tiers partitions a set by Rank exactly, highest first, for searches of
// one word and of several, through replacements that move documents
// between tiers.
func TestTiersPartitionByRank(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{})
	r := rand.New(rand.NewPCG(9, 10))
	words := []string{"go", "rust", "web", "data"}
	for step := int64(1); step <= 20; step++ {
		var docs []searchindex.Doc[string]
		for range 50 {
			d := searchindex.Doc[string]{Key: int64(r.IntN(300)), From: t0}
			for _, w := range words {
				if r.IntN(2) == 0 {
					d.Words += w + " "
					for range r.IntN(3) { // twice in a heading weighs the sum
						d.Head = append(d.Head, searchindex.Term{Lexeme: w, Weight: []float32{1, 0.4, 0.2, 0.1}[r.IntN(4)]})
					}
				}
			}
			docs = append(docs, d)
		}
		ix.Apply(step, docs, nil)
		for _, q := range []string{"'go'", "'go' | 'rust'", "'go' & 'web' | 'data'", "'rust' & !'web'"} {
			n, _ := searchindex.Parse(q)
			_ = lock.Read(t0, func() error {
				v := ix.View(t0)
				set, terms := v.Match(n)
				tiers, ok := v.Tiers(set, terms)
				if !ok { // a valid answer past maxTiers, never for one word
					if len(terms) == 1 {
						t.Fatalf("%s: too many tiers", q)
					}
					return nil
				}
				seen := 0
				for i, tr := range tiers {
					if i > 0 && tr.Rank >= tiers[i-1].Rank {
						t.Fatalf("%s: tier %d ranks %v after %v", q, i, tr.Rank, tiers[i-1].Rank)
					}
					tr.Docs.Iterate(func(o uint32) bool {
						if got := v.Rank(o, terms); got != tr.Rank || !set.Contains(o) {
							t.Fatalf("%s: document %d in the tier of %v ranks %v (in the set: %v)", q, v.Key(o), tr.Rank, got, set.Contains(o))
						}
						seen++
						return true
					})
				}
				if seen != int(set.GetCardinality()) {
					t.Fatalf("%s: tiers hold %d documents, the set %d", q, seen, set.GetCardinality())
				}
				return nil
			}, ix)
		}
	}
}

// An index filled chunk by chunk and sealed once holds what one Apply of
// every document holds: the same orders, matches and counts.
func TestFillThenSealIsApply(t *testing.T) {
	schema := searchindex.Schema[string]{Fields: 1, Nums: 2, Orders: [][]int{{0, 1}, {1}}}
	applied, filled := searchindex.New(schema), searchindex.New(schema)
	r := rand.New(rand.NewPCG(13, 14))
	var docs []searchindex.Doc[string]
	for k := range int64(3000) {
		d := doc(k, []string{[]string{"a", "b", "c"}[r.IntN(3)]}, []string{"DE", "FR"}[r.IntN(2)], t0, time.Time{})
		d.Nums = []float64{float64(r.IntN(50)), float64(r.IntN(1000))}
		docs = append(docs, d)
	}
	applied.Apply(1, docs, nil)
	for c := range slices.Chunk(docs, 700) {
		filled.Fill(c)
	}
	filled.Seal(1)
	_ = lock.Read(t0, func() error {
		a, f := applied.View(t0), filled.View(t0)
		for i := range 2 {
			if !slices.Equal(a.Order(i), f.Order(i)) {
				t.Fatalf("order %d differs", i)
			}
		}
		if !slices.Equal(searchindex.Top(a.ListedCounts(0), 9), searchindex.Top(f.ListedCounts(0), 9)) || f.Version() != 1 {
			t.Fatal("counts or version differ")
		}
		return nil
	}, applied, filled)
	if got, want := keys(filled, t0, "'b':*"), keys(applied, t0, "'b':*"); !slices.Equal(got, want) {
		t.Fatalf("prefix matches %d, want %d", len(got), len(want))
	}
}

// Top keeps what sorting everything and cutting keeps, for every n.
func TestTopIsSortedPrefix(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for _, size := range []int{0, 1, 7, 300} {
		var counts []searchindex.ValueCount
		for i := range size {
			counts = append(counts, searchindex.ValueCount{Value: strconv.Itoa(i), Count: r.IntN(20)})
		}
		want := slices.Clone(counts)
		slices.SortFunc(want, func(a, b searchindex.ValueCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		for _, n := range []int{0, 1, 3, 50, 299, 300, 400} {
			if got := searchindex.Top(slices.Clone(counts), n); !slices.Equal(got, want[:min(n, size)]) {
				t.Fatalf("size %d, n %d: %v, want %v", size, n, got, want[:min(n, size)])
			}
		}
	}
}

// AtLeast is exactly the live documents whose order's first number is at
// least the threshold, NaN never among them, and it follows every Apply:
// the bitmaps it keeps are forgotten when the order changes.
func TestAtLeastFollowsTheOrder(t *testing.T) {
	ix := searchindex.New(searchindex.Schema[string]{Fields: 1, Nums: 2, Orders: [][]int{{1, 0}}})
	r := rand.New(rand.NewPCG(17, 18))
	value := func() float64 {
		if r.IntN(10) == 0 {
			return math.NaN()
		}
		return float64(r.IntN(50))
	}
	for step := int64(1); step <= 60; step++ {
		var docs []searchindex.Doc[string]
		for range 1 + 40*int(step%2) {
			d := doc(int64(r.IntN(300)), []string{"a"}, "DE", t0, time.Time{})
			d.Nums = []float64{float64(r.IntN(5)), value()}
			docs = append(docs, d)
		}
		ix.Apply(step, docs, []int64{int64(r.IntN(300))})
		_ = lock.Read(t0, func() error {
			v := ix.View(t0)
			for _, min := range []float64{-1, 0, 12, 25, 25, 49, 50, math.Inf(-1)} {
				want := roaring.New()
				for _, ord := range v.Order(0) {
					if v.Num(ord, 1) >= min {
						want.Add(ord)
					}
				}
				if got := v.AtLeast(0, min); !got.Equals(want) {
					t.Fatalf("step %d, at least %v: %v, want %v", step, min, got.ToArray(), want.ToArray())
				}
			}
			return nil
		}, ix)
	}
}
