package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// fewResults is the match count under which a search is retried with
// misspelt words corrected.
const fewResults = 3

// minWordSimilarity is how close (pg_trgm similarity, 0..1) a catalog word
// must be to replace a search word: one transposed letter in a six-letter
// word ("pyhton") still scores about 0.27.
const minWordSimilarity = 0.25

// maxCorrectedWords bounds the lookups one search may cost.
const maxCorrectedWords = 6

// nearestWordSQL finds, among the titles whose trigrams best contain the
// search word (a GiST nearest-neighbour scan), the single word most similar
// to it. %s is the indexed text expression and its table.
const nearestWordSQL = `SELECT w, similarity(w, $1) FROM (
		SELECT %[1]s AS t FROM %[2]s ORDER BY $1 <<-> %[1]s LIMIT 5) near
	CROSS JOIN LATERAL regexp_split_to_table(lower(near.t), '[^[:alnum:]]+') w
	WHERE length(w) >= 3 ORDER BY 2 DESC, w LIMIT 1`

var (
	jobWords      = fmt.Sprintf(nearestWordSQL, "title", "public.job_catalog")
	providerWords = fmt.Sprintf(nearestWordSQL, "(display_name || ' ' || tagline)", "public.provider_catalog")
)

func (s *Store) shouldCorrect(search string, total int) bool {
	return search != "" && total < fewResults
}

// correctedJobPage retries a search that found little with each word
// replaced by the nearest title word of the catalog; it keeps the first
// answer when no word changed or the correction found no more.
func (s *Store) correctedJobPage(ctx context.Context, q JobQuery, st cursorState, first JobPage) (JobPage, error) {
	fixed, err := s.correctWords(ctx, jobWords, st.Search)
	if err != nil || fixed == st.Search {
		return first, err
	}
	st.Search = fixed
	page, err := s.jobPage(ctx, q, st)
	if err != nil || page.Total <= first.Total {
		return first, err
	}
	return page, nil
}

// correctWords replaces each word of a plain search (words only, no
// quotes or operators) by the nearest catalog word, when one is close.
func (s *Store) correctWords(ctx context.Context, sql, text string) (string, error) {
	words := strings.Fields(strings.ToLower(text))
	if len(words) > maxCorrectedWords {
		return text, nil
	}
	for _, w := range words {
		if !plainWord.MatchString(w) || w == "or" {
			return text, nil
		}
	}
	b := &pgx.Batch{}
	for _, w := range words {
		b.Queue(sql, w)
	}
	res := s.pool.SendBatch(ctx, b)
	defer res.Close()
	for i, w := range words {
		var near string
		var sim float32
		err := res.QueryRow().Scan(&near, &sim)
		if err != nil && err != pgx.ErrNoRows {
			return text, fmt.Errorf("catalog correct %q: %w", w, err)
		}
		if err == nil && len(w) >= 3 && sim >= minWordSimilarity {
			words[i] = near
		}
	}
	return strings.Join(words, " "), res.Close()
}
