package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
)

// SitemapFileURLs is how many URLs one sitemap file holds: a fifth of the
// 50,000 sitemaps.org allows, because every change re-renders the file
// that holds the row, and a file of 50,000 URLs took longer to render and
// send than the second a change may take to be visible.
const SitemapFileURLs = 10_000

// MaxFeedEntries bounds the Atom feed.
const MaxFeedEntries = 200

// SitemapEntry is one public id, what its address's slug is made of, and
// when its row last changed.
type SitemapEntry struct {
	ID        int64
	Slug      string // the job's own slug; "" for providers
	Title     string // the title or display name, the slug when Slug is ""
	UpdatedAt time.Time
}

// NewestJobs returns up to n public jobs, newest first, for the Atom feed.
func (s *Store) NewestJobs(ctx context.Context, n int) ([]JobSummary, error) {
	if n < 1 || n > MaxFeedEntries {
		return nil, domain.FieldError("limit", "must be between 1 and %d", MaxFeedEntries)
	}
	page, err := s.SearchJobs(ctx, JobQuery{Sort: SortNewest, PageSize: min(n, MaxPageSize)})
	if err != nil || n <= MaxPageSize {
		return page.Jobs, err
	}
	more, err := s.SearchJobs(ctx, JobQuery{Sort: SortNewest, PageSize: n - MaxPageSize, Cursor: page.Next})
	if err != nil {
		return nil, err
	}
	return append(page.Jobs, more.Jobs...), nil
}

// SitemapFiles returns, for each sitemap file of jobs and of providers in
// order, the newest change of the rows in it: the file's lastmod in the
// sitemap index. An empty catalog still has one (empty) file of each, with
// a zero time, so the index always names jobs-1 and providers-1.
func (s *Store) SitemapFiles(ctx context.Context) (jobs, providers []time.Time, err error) {
	if jobs, providers, err = s.indexedSitemapFiles(ctx); !errors.Is(err, errNotIndexed) {
		return jobs, providers, err
	}
	if jobs, err = s.sitemapFiles(ctx, `SELECT id, synced_at FROM public.job_catalog WHERE `+liveJob); err != nil {
		return nil, nil, err
	}
	providers, err = s.sitemapFiles(ctx, `SELECT id, synced_at FROM public.provider_catalog WHERE `+liveProvider)
	return jobs, providers, err
}

// sitemapFiles numbers the rows of rowsSQL in id order, as JobSitemap
// blocks them, and takes the newest time of each block.
func (s *Store) sitemapFiles(ctx context.Context, rowsSQL string) ([]time.Time, error) {
	rows, err := s.db(ctx).Query(ctx, `SELECT max(synced_at) FROM (SELECT (row_number() OVER (ORDER BY id) - 1) / $2 AS block, synced_at
		FROM (`+rowsSQL+`) r) b GROUP BY block ORDER BY block`, s.now(), SitemapFileURLs)
	if err != nil {
		return nil, fmt.Errorf("catalog sitemap files: %w", err)
	}
	files, err := pgx.CollectRows(rows, pgx.RowTo[time.Time])
	if err != nil {
		return nil, fmt.Errorf("catalog sitemap files: %w", err)
	}
	if len(files) == 0 {
		return []time.Time{{}}, nil
	}
	return files, nil
}

// JobSitemap returns the page-th (from 1) block of SitemapFileURLs public
// job ids in id order, with their update times.
func (s *Store) JobSitemap(ctx context.Context, page int) ([]SitemapEntry, error) {
	if page >= 1 && page <= 10_000 {
		if es, err := s.indexedJobSitemap(ctx, page); !errors.Is(err, errNotIndexed) {
			return es, err
		}
	}
	return s.sitemap(ctx, `SELECT id, slug, title, synced_at FROM public.job_catalog WHERE `+liveJob+` AND id > $2 ORDER BY id LIMIT $3`, page)
}

// ProviderSitemap is JobSitemap for providers.
func (s *Store) ProviderSitemap(ctx context.Context, page int) ([]SitemapEntry, error) {
	if page >= 1 && page <= 10_000 {
		if es, err := s.indexedProviderSitemap(ctx, page); !errors.Is(err, errNotIndexed) {
			return es, err
		}
	}
	return s.sitemap(ctx, `SELECT id, '', display_name, synced_at FROM public.provider_catalog WHERE `+liveProvider+` AND id > $2 ORDER BY id LIMIT $3`, page)
}

// sitemap walks to the page in id order, block by block, reading only ids
// of the blocks before it, so deep pages never OFFSET over full rows.
func (s *Store) sitemap(ctx context.Context, sql string, page int) ([]SitemapEntry, error) {
	if page < 1 || page > 10_000 {
		return nil, domain.FieldError("page", "must be between 1 and 10000")
	}
	var after int64
	for p := 1; ; p++ {
		rows, err := s.db(ctx).Query(ctx, sql, s.now(), after, SitemapFileURLs)
		if err != nil {
			return nil, fmt.Errorf("catalog sitemap: %w", err)
		}
		entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (SitemapEntry, error) {
			var e SitemapEntry
			return e, r.Scan(&e.ID, &e.Slug, &e.Title, &e.UpdatedAt)
		})
		if err != nil {
			return nil, fmt.Errorf("catalog sitemap: %w", err)
		}
		if p == page || len(entries) < SitemapFileURLs {
			if p != page {
				return []SitemapEntry{}, nil
			}
			return nonNil(entries), nil
		}
		after = entries[len(entries)-1].ID
	}
}
