package catalog

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"
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

func (s *Store) shouldCorrect(search string, total int) bool {
	return search != "" && total < fewResults
}

// correctedJobPage retries a search that found little with each word
// replaced by the nearest title word of the catalog; it keeps the first
// answer when no word changed or the correction found no more.
func (s *Store) correctedJobPage(ctx context.Context, q JobQuery, st cursorState, first JobPage) (JobPage, error) {
	fixed, err := s.correctWords(ctx, s.jobVocab, st.Search)
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
func (s *Store) correctWords(ctx context.Context, src *vocabSource, text string) (string, error) {
	words := strings.Fields(strings.ToLower(text))
	if len(words) > maxCorrectedWords {
		return text, nil
	}
	for _, w := range words {
		if !plainWord.MatchString(w) || w == "or" {
			return text, nil
		}
	}
	if !slices.ContainsFunc(words, func(w string) bool { return utf8.RuneCountInString(w) >= 3 }) {
		return text, nil
	}
	// Never wait for the vocabulary: loading it scans every heading (seconds
	// on a large catalog). Until it is loaded, in the background or by
	// Warm, searches are simply not corrected.
	v := src.peek(ctx, s.pool, s.now())
	if v == nil {
		return text, nil
	}
	changed := false
	for i, w := range words {
		if utf8.RuneCountInString(w) < 3 {
			continue
		}
		if near, sim := v.nearest(w); sim >= minWordSimilarity && near != w {
			words[i], changed = near, true
		}
	}
	if !changed {
		return text, nil
	}
	return strings.Join(words, " "), nil
}

// Warm loads the vocabularies that typo correction uses, so that it works
// from the first search: call it once at startup (it reads every job and
// provider heading, a few seconds on a large catalog). Without it they are
// loaded in the background on the first searches.
func (s *Store) Warm(ctx context.Context) error {
	for _, src := range []*vocabSource{s.jobVocab, s.providerVocab} {
		if _, err := src.get(ctx, s.pool, s.now()); err != nil {
			return err
		}
	}
	return nil
}
