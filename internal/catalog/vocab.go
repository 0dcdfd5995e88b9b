package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// vocabTTL is how long a loaded vocabulary serves before it is reloaded
// (in the background: the old one keeps serving meanwhile).
const vocabTTL = 5 * time.Minute

// vocabulary is the set of words of the catalog's headings with a trigram
// index, held in memory to correct misspelt search words. A nearest-
// neighbour scan over a trigram index of 200,000 titles took over a second
// in PostgreSQL; the distinct words are a few thousand to tens of thousands
// and fit comfortably in memory, and reading them needs no write access, so
// a read replica can serve the read path.
type vocabulary struct {
	words []string
	grams map[string][]int32 // trigram -> indexes into words
}

// vocabSource loads one vocabulary and caches it.
type vocabSource struct {
	sql string

	mu      sync.Mutex
	v       *vocabulary
	loaded  time.Time
	loading bool
}

func newVocabSource(sql string) *vocabSource { return &vocabSource{sql: sql} }

// get returns the vocabulary, loading it on first use and refreshing it in
// the background once it is older than vocabTTL.
func (s *vocabSource) get(ctx context.Context, db pgq.Querier, now time.Time) (*vocabulary, error) {
	s.mu.Lock()
	v, stale := s.v, now.Sub(s.loaded) > vocabTTL
	if v != nil && stale && !s.loading {
		s.loading = true
		go s.refresh(context.WithoutCancel(ctx), db, now)
	}
	s.mu.Unlock()
	if v != nil {
		return v, nil
	}
	v, err := loadVocabulary(ctx, db, s.sql)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.v, s.loaded = v, now
	s.mu.Unlock()
	return v, nil
}

// peek returns the vocabulary if one is loaded, without waiting: a missing
// or stale one is loaded in the background for later requests.
func (s *vocabSource) peek(ctx context.Context, db pgq.Querier, now time.Time) *vocabulary {
	s.mu.Lock()
	defer s.mu.Unlock()
	if (s.v == nil || now.Sub(s.loaded) > vocabTTL) && !s.loading {
		s.loading = true
		go s.refresh(context.WithoutCancel(ctx), db, now)
	}
	return s.v
}

func (s *vocabSource) refresh(ctx context.Context, db pgq.Querier, now time.Time) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := loadVocabulary(ctx, db, s.sql)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loading = false
	if err == nil { // on error the old vocabulary serves until the next try
		s.v, s.loaded = v, now
	}
}

// Vocabulary queries: the distinct words (3 to 40 letters or digits) of
// the heading fields.
const (
	jobVocabSQL = `SELECT DISTINCT w FROM public.job_catalog,
		regexp_split_to_table(lower(title || ' ' || category_name || ' ' || public.zumodra_words(required_skills)), '[^[:alnum:]]+') w
		WHERE length(w) BETWEEN 3 AND 40`
	providerVocabSQL = `SELECT DISTINCT w FROM public.provider_catalog,
		regexp_split_to_table(lower(display_name || ' ' || tagline || ' ' || public.zumodra_words(skill_names)), '[^[:alnum:]]+') w
		WHERE length(w) BETWEEN 3 AND 40`
)

func loadVocabulary(ctx context.Context, db pgq.Querier, sql string) (*vocabulary, error) {
	rows, err := db.Query(ctx, sql)
	if err != nil {
		return nil, fmt.Errorf("catalog vocabulary: %w", err)
	}
	words, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("catalog vocabulary: %w", err)
	}
	return newVocabulary(words), nil
}

func newVocabulary(words []string) *vocabulary {
	sort.Strings(words) // ties in nearest go to the alphabetically first word
	v := &vocabulary{words: words, grams: map[string][]int32{}}
	for i, w := range words {
		for g := range trigrams(w) {
			v.grams[g] = append(v.grams[g], int32(i))
		}
	}
	return v
}

// has reports whether w (lower case) is a word of the vocabulary.
func (v *vocabulary) has(w string) bool {
	if v == nil {
		return false
	}
	i := sort.SearchStrings(v.words, w)
	return i < len(v.words) && v.words[i] == w
}

// nearest returns the vocabulary word most similar to w and its similarity
// (pg_trgm's: shared trigrams over all distinct trigrams of the two).
func (v *vocabulary) nearest(w string) (string, float64) {
	tw := trigrams(w)
	shared := map[int32]int{}
	for g := range tw {
		for _, i := range v.grams[g] {
			shared[i]++
		}
	}
	best, bestSim := -1, 0.0
	for i, n := range shared {
		sim := float64(n) / float64(len(tw)+len(trigrams(v.words[i]))-n)
		if sim > bestSim || (sim == bestSim && int(i) < best) {
			best, bestSim = int(i), sim
		}
	}
	if best < 0 {
		return "", 0
	}
	return v.words[best], bestSim
}

// trigrams are pg_trgm's: the lower-cased word padded with two spaces in
// front and one behind, cut into overlapping three-rune pieces.
func trigrams(w string) map[string]struct{} {
	r := []rune("  " + strings.Map(unicode.ToLower, w) + " ")
	out := make(map[string]struct{}, len(r))
	for i := 0; i+3 <= len(r); i++ {
		out[string(r[i:i+3])] = struct{}{}
	}
	return out
}

// vocabFor is the loaded vocabulary of src when searching, nil otherwise
// (so that lists without a search never cause a vocabulary load).
func (s *Store) vocabFor(ctx context.Context, src *vocabSource, search string) *vocabulary {
	if search == "" {
		return nil
	}
	return src.peek(ctx, s.pool, s.now())
}
