package searchindex

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// Doc is one document as it enters the index.
type Doc[P any] struct {
	Key int64 // the catalog row's id
	// Words are every lexeme of the row's search vector, separated by
	// spaces, which to_tsvector's lexemes never contain: one string per
	// row read instead of one per lexeme, which a large catalog's build
	// would otherwise allocate and drop by the million.
	Words string
	Head  []Term // the heading's lexemes, with the weight each occurrence ranks by
	// Values holds, per field in the index's order, the document's values
	// of it (none, one, or several for a list such as skills).
	Values [][]string
	// Labels name the values where a value's name is not the value itself
	// (a category's name beside its slug): nil, or per field nil or one
	// name per value. Only the Schema's Labelled fields are read; a value
	// without a name there is named by itself.
	Labels [][]string
	// From and Until bound when the document is listed: from From
	// (inclusive) until Until (exclusive; the zero time is never).
	From, Until time.Time
	// Nums are the document's numbers the caller sorts and filters by,
	// Schema.Nums of them, kept side by side for every document so that
	// walking thousands of matches reads them from a few cache lines.
	Nums    []float64
	Payload P
}

// Schema describes an index's documents.
type Schema[P any] struct {
	Fields   int   // values per document, Doc.Values
	Labelled []int // the fields whose values carry names (Doc.Labels)
	Nums     int   // numbers per document, Doc.Nums
	// Orders are the sorts kept up to date, each a list of Nums indexes
	// compared largest first, the ordinal breaking ties (see Walk).
	Orders [][]int
}

// Term is one occurrence of a heading lexeme and its rank weight.
type Term struct {
	Lexeme string
	Weight float32
}

// Index holds one catalog table's documents. Several indexes may share one
// Lock, so that a reader sees all of them at one version: Apply runs inside
// the lock's Write, and views are taken inside its Read.
type Index[P any] struct {
	version int64
	docs    []entry[P] // by ordinal
	byKey   map[int64]uint32
	free    []uint32 // ordinals in no posting, ready for reuse

	live, dead *roaring.Bitmap
	clock      clock

	lex      map[string]uint32 // lexeme -> id
	lexemes  []string          // id -> lexeme
	postings []*roaring.Bitmap // id -> ordinals, dead ones included until a compaction
	tiers    [][]tier          // id -> the ordinals whose heading has it, by its weight there
	sorted   []uint32          // lexeme ids in lexeme order, for prefixes
	newLex   []uint32          // lexemes this Apply added, to be merged into sorted

	fields []field
	names  map[string]uint32 // Doc.Labels, each kept once
	named  []string          // name id -> name
	stride int               // Schema.Nums
	nums   []float64         // by ordinal, stride each
	orders []order           // Schema.Orders
	added  []uint32          // put by this Apply, to be placed in the orders
	gen    uint64            // the listed set's generation (Generation)
	floors *floors           // AtLeast's bitmaps since the last Seal (a pointer: an index is swapped by value)
}

type entry[P any] struct {
	key     int64
	head    []headTerm // one per lexeme, its occurrences' weights summed
	many    values     // every field's values when some field has several; nil for most
	from    int64      // unix microseconds
	until   int64      // unix microseconds; 0 for never
	payload P
}

// values are a document's values of every field, kept beside the columns
// (field.col) for a document that has several values in some field: one
// slice, as the collector visits every object of the index in each cycle.
// Its first len(fields)+1 entries are offsets, then come (value id, name
// id) pairs, field after field: field f's pairs are pairs[v[f]:v[f+1]],
// and the name is 0 in a field not labelled.
type values []uint32

// pair is the k-th (value id, name id) of a document of nf fields.
func (v values) pair(nf int, k uint32) (id, name uint32) {
	at := nf + 1 + 2*int(k)
	return v[at], v[at+1]
}

type headTerm struct {
	id     uint32
	weight float32
}

// field is one facet dimension: its values and the live documents of each.
//
// Each document's values are also kept by ordinal in columns, so that
// counting a field's values over thousands of matches reads one small
// array instead of each match's entry: most documents have one value in a
// field (a country, a company), which col holds; the few with several
// (skills) are marked in col and read from their entry.
type field struct {
	ids      map[string]uint32
	values   []string
	docs     []*roaring.Bitmap
	listed   tally
	labelled bool
	col      []uint32 // by ordinal: 1 + the id of the one value, 0 for none, or several
	name     []uint32 // by ordinal, in a labelled field: the name id of col's value
}

// several marks in a field's column a document with several values there.
const several = ^uint32(0)

// each calls fn with the id of every value the document at ord has in
// field f, and its name id (0 in a field not labelled).
func (ix *Index[P]) each(ord uint32, f int, fn func(id, name uint32)) {
	fd := &ix.fields[f]
	switch c := fd.col[ord]; c {
	case 0:
	case several:
		m := ix.docs[ord].many
		for k := m[f]; k < m[f+1]; k++ {
			fn(m.pair(len(ix.fields), k))
		}
	default:
		var name uint32
		if fd.labelled {
			name = fd.name[ord]
		}
		fn(c-1, name)
	}
}

// New returns an empty index of documents of schema s.
func New[P any](s Schema[P]) *Index[P] {
	ix := &Index[P]{byKey: map[int64]uint32{}, live: roaring.New(), dead: roaring.New(),
		lex: map[string]uint32{}, fields: make([]field, s.Fields), names: map[string]uint32{}, stride: s.Nums,
		floors: &floors{}}
	for _, o := range s.Orders {
		ix.orders = append(ix.orders, order{nums: o})
	}
	for i := range ix.fields {
		ix.fields[i].ids = map[string]uint32{}
	}
	for _, f := range s.Labelled {
		ix.fields[f].labelled = true
	}
	ix.clock.reset()
	return ix
}

// Len is the number of documents held, listed or not. Call it inside a
// Read or Write of the index's lock.
func (ix *Index[P]) Len() int { return len(ix.byKey) }

// Apply puts docs (replacing any document of the same key), removes the
// documents of keys gone, and records version. Call it inside a Write of
// the index's lock, so that no reader sees half of it.
func (ix *Index[P]) Apply(version int64, docs []Doc[P], gone []int64) {
	for _, k := range gone {
		ix.remove(k)
	}
	ix.Fill(docs)
	ix.Seal(version)
}

// Fill puts docs (replacing any document of the same key) without placing
// them in the orders and the sorted lexemes yet: a build fills its chunks
// one after another and seals once, which sorts each order once instead
// of merging every chunk into all that came before. Nothing may read the
// index between Fill and Seal.
func (ix *Index[P]) Fill(docs []Doc[P]) {
	for i := range docs {
		ix.put(&docs[i])
	}
}

// Seal places what Fill put and records version.
func (ix *Index[P]) Seal(version int64) {
	ix.version = version
	ix.orderAdd(ix.added)
	ix.added = ix.added[:0]
	ix.sortLexemes()
	ix.freshNewest()
	ix.pruneEvents()
	ix.compact()
	ix.floors.reset()
}

func (ix *Index[P]) remove(key int64) {
	ord, ok := ix.byKey[key]
	if !ok {
		return
	}
	if ix.clock.valid && ix.clock.listed.Contains(ord) {
		ix.count(ord, -1)
	}
	for f := range ix.fields {
		fd := &ix.fields[f]
		ix.each(ord, f, func(id, _ uint32) { fd.docs[id].Remove(ord) })
		fd.col[ord] = 0
	}
	e := &ix.docs[ord]
	ix.orderRemove(ord)
	delete(ix.byKey, key)
	ix.live.Remove(ord)
	ix.clock.listed.Remove(ord)
	ix.dead.Add(ord)
	var zero entry[P]
	*e = zero
}

func (ix *Index[P]) put(d *Doc[P]) {
	ix.remove(d.Key)
	ord := ix.ordinal()
	e := entry[P]{key: d.Key, from: micros(d.From), until: micros(d.Until), payload: d.Payload}
	ix.putValues(ord, d, &e)
	for w := range strings.FieldsSeq(d.Words) {
		ix.postings[ix.lexemeID(w)].Add(ord)
	}
	e.head = ix.headTerms(d.Head)
	for _, h := range e.head {
		ix.tierOf(h).Add(ord)
	}
	ix.docs[ord] = e
	if need := (int(ord) + 1) * ix.stride; len(ix.nums) < need {
		ix.nums = append(ix.nums, make([]float64, need-len(ix.nums))...)
	}
	copy(ix.nums[int(ord)*ix.stride:], d.Nums[:ix.stride])
	ix.added = append(ix.added, ord)
	ix.byKey[d.Key] = ord
	ix.live.Add(ord)
	if ix.clock.admit(ord, e.from, e.until) {
		ix.count(ord, 1)
	}
}

// putValues enters the document's values of every field: in the fields'
// documents and columns, and in e.many when it has several in some field.
func (ix *Index[P]) putValues(ord uint32, d *Doc[P], e *entry[P]) {
	all, multi := 0, false
	for f := range ix.fields {
		all, multi = all+len(d.Values[f]), multi || len(d.Values[f]) > 1
	}
	if multi {
		e.many = make(values, len(ix.fields)+1, len(ix.fields)+1+2*all)
	}
	for f := range ix.fields {
		fd := &ix.fields[f]
		if n := int(ord) + 1; len(fd.col) < n {
			fd.col = append(fd.col, make([]uint32, n-len(fd.col))...)
			if fd.labelled {
				fd.name = append(fd.name, make([]uint32, n-len(fd.name))...)
			}
		}
		vals := d.Values[f]
		for i, v := range vals {
			id := fd.id(v)
			fd.docs[id].Add(ord)
			var name uint32
			if fd.labelled {
				name = ix.nameID(d.Labels, f, i, v)
			}
			if len(vals) == 1 {
				fd.col[ord] = id + 1
				if fd.labelled {
					fd.name[ord] = name
				}
			}
			if e.many != nil {
				e.many = append(e.many, id, name)
			}
		}
		if len(vals) > 1 {
			fd.col[ord] = several
		}
		if e.many != nil {
			e.many[f+1] = uint32(len(e.many)-len(ix.fields)-1) / 2
		}
	}
}

func (ix *Index[P]) ordinal() uint32 {
	if n := len(ix.free); n > 0 {
		ord := ix.free[n-1]
		ix.free = ix.free[:n-1]
		return ord
	}
	ix.docs = append(ix.docs, entry[P]{})
	return uint32(len(ix.docs) - 1)
}

func (ix *Index[P]) lexemeID(l string) uint32 {
	id, ok := ix.lex[l]
	if !ok {
		l = strings.Clone(l) // not a piece of the row's Words
		id = uint32(len(ix.lexemes))
		ix.lex[l] = id
		ix.lexemes = append(ix.lexemes, l)
		ix.postings = append(ix.postings, roaring.New())
		ix.tiers = append(ix.tiers, nil)
		ix.newLex = append(ix.newLex, id)
	}
	return id
}

// nameID keeps the name of a document's i-th value of field f (the value
// itself where no name is given) once.
func (ix *Index[P]) nameID(labels [][]string, f, i int, value string) uint32 {
	name := value
	if f < len(labels) && i < len(labels[f]) {
		name = labels[f][i]
	}
	id, ok := ix.names[name]
	if !ok {
		id = uint32(len(ix.named))
		ix.names[name] = id
		ix.named = append(ix.named, name)
	}
	return id
}

// sortLexemes merges the lexemes an Apply added into the sorted list.
func (ix *Index[P]) sortLexemes() {
	if len(ix.newLex) == 0 {
		return
	}
	byLexeme := func(a, b uint32) int { return strings.Compare(ix.lexemes[a], ix.lexemes[b]) }
	slices.SortFunc(ix.newLex, byLexeme)
	ix.sorted = merge(ix.sorted, ix.newLex, byLexeme)
	ix.newLex = ix.newLex[:0]
}

// headTerms are a heading's lexemes, once each, with the weights of their
// occurrences summed in order; those weighing nothing are left out.
func (ix *Index[P]) headTerms(terms []Term) []headTerm {
	out := make([]headTerm, 0, len(terms))
	for _, t := range terms {
		if t.Weight <= 0 {
			continue
		}
		id := ix.lexemeID(t.Lexeme)
		if i := slices.IndexFunc(out, func(h headTerm) bool { return h.id == id }); i >= 0 {
			out[i].weight += t.Weight
		} else {
			out = append(out, headTerm{id: id, weight: t.Weight})
		}
	}
	return slices.Clip(out)
}

// A tier is the documents whose heading gives one lexeme one weight, dead
// ones included until a compaction: a lexeme's documents fall into a few
// tiers (in the title, among the skills, both), by which a search's
// matches are ranked a tier at a time (View.Tiers).
type tier struct {
	weight float32
	docs   *roaring.Bitmap
}

// tierOf is the tier of h's lexeme and weight, made when new; a lexeme's
// tiers are kept heaviest first.
func (ix *Index[P]) tierOf(h headTerm) *roaring.Bitmap {
	ts := ix.tiers[h.id]
	i, ok := slices.BinarySearchFunc(ts, h.weight, func(t tier, w float32) int { return cmp.Compare(w, t.weight) })
	if !ok {
		ts = slices.Insert(ts, i, tier{weight: h.weight, docs: roaring.New()})
		ix.tiers[h.id] = ts
	}
	return ts[i].docs
}

func (f *field) id(v string) uint32 {
	id, ok := f.ids[v]
	if !ok {
		id = uint32(len(f.values))
		f.ids[v] = id
		f.values = append(f.values, v)
		f.docs = append(f.docs, roaring.New())
	}
	return id
}

// compact sweeps dead ordinals out of every posting once they are many
// enough to matter, and frees them for reuse. Sweeping costs one pass over
// the postings, so it waits for a good number of dead ordinals.
func (ix *Index[P]) compact() {
	n := ix.dead.GetCardinality()
	if n < 1024 || n*8 < ix.live.GetCardinality() {
		return
	}
	for _, p := range ix.postings {
		p.AndNot(ix.dead)
	}
	for _, ts := range ix.tiers {
		for _, t := range ts {
			t.docs.AndNot(ix.dead)
		}
	}
	ix.free = append(ix.free, ix.dead.ToArray()...)
	slices.Sort(ix.free) // reuse the lowest last: keeps the bitmaps dense
	slices.Reverse(ix.free)
	ix.dead.Clear()
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}
