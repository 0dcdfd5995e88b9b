package catalog

import (
	"context"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// The sitemap from the index: the listed rows in id order (the index's
// id order, walked from its end), blocked by SitemapFileURLs as the SQL
// path blocks them.

// listedByID calls visit with each listed row of order in ascending id,
// until it returns false.
func listedByID(order []uint32, listed *roaring.Bitmap, visit func(ord uint32) bool) {
	for i := len(order) - 1; i >= 0; i-- {
		if ord := order[i]; listed.Contains(ord) && !visit(ord) {
			return
		}
	}
}

// sitemapBlocks is the newest update time of each block of listed rows.
func sitemapBlocks(order []uint32, listed *roaring.Bitmap, updated func(uint32) time.Time) []time.Time {
	var files []time.Time
	n := 0
	listedByID(order, listed, func(ord uint32) bool {
		if n%SitemapFileURLs == 0 {
			files = append(files, time.Time{})
		}
		if t := updated(ord); t.After(files[len(files)-1]) {
			files[len(files)-1] = t
		}
		n++
		return true
	})
	if len(files) == 0 {
		return []time.Time{{}}
	}
	return files
}

// sitemapPage is the page-th block of listed rows as entries.
func sitemapPage(order []uint32, listed *roaring.Bitmap, page int, entry func(uint32) SitemapEntry) []SitemapEntry {
	out := []SitemapEntry{}
	skip := (page - 1) * SitemapFileURLs
	listedByID(order, listed, func(ord uint32) bool {
		if skip > 0 {
			skip--
			return true
		}
		out = append(out, entry(ord))
		return len(out) < SitemapFileURLs
	})
	return slices.Clip(out)
}

func (s *Store) indexedSitemapFiles(ctx context.Context) (jobs, providers []time.Time, err error) {
	err = s.indexRead(ctx, func() error {
		jv, pv, cards := s.index.jobs.View(s.now()), s.index.providers.View(s.now()), s.index.cards
		jobs = sitemapBlocks(jv.Order(jobIDOrder), jv.Listed(), func(o uint32) time.Time { return cards.updatedAt(jv.Payload(o)) })
		providers = sitemapBlocks(pv.Order(providerIDOrder), pv.Listed(), func(o uint32) time.Time { return cards.updatedAt(pv.Payload(o)) })
		return nil
	})
	return jobs, providers, err
}

func (s *Store) indexedJobSitemap(ctx context.Context, page int) ([]SitemapEntry, error) {
	var out []SitemapEntry
	err := s.indexRead(ctx, func() error {
		v := s.index.jobs.View(s.now())
		out = sitemapPage(v.Order(jobIDOrder), v.Listed(), page, func(o uint32) SitemapEntry {
			return s.index.cards.sitemapEntry(v.Payload(o), true)
		})
		return nil
	})
	return out, err
}

func (s *Store) indexedProviderSitemap(ctx context.Context, page int) ([]SitemapEntry, error) {
	var out []SitemapEntry
	err := s.indexRead(ctx, func() error {
		v := s.index.providers.View(s.now())
		out = sitemapPage(v.Order(providerIDOrder), v.Listed(), page, func(o uint32) SitemapEntry {
			return s.index.cards.sitemapEntry(v.Payload(o), false)
		})
		return nil
	})
	return out, err
}
