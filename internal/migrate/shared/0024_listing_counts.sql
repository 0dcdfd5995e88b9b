-- Views and submissions (applications to a job, inquiries to a provider) of
-- each public row. They live here, not in the catalog's view_count: a
-- catalog row is derived state that a resync, a repair or a rebuild from
-- scratch recomputes from the tenant's source row, and a count kept only
-- there would be lost. Keyed by the stable public id (public.public_ids),
-- so a count survives unpublish and republish, suspension and rebuilds.
--
-- Written only by internal/counts in batches (one statement per flush),
-- never on the request path; not watched by the catalog change feed, so a
-- flush invalidates no cache.
CREATE TABLE public.listing_counts (
    catalog     text   NOT NULL CHECK (catalog IN ('jobs', 'providers')),
    public_id   bigint NOT NULL,
    views       bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
    submissions bigint NOT NULL DEFAULT 0 CHECK (submissions >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog, public_id)
);

-- The catalog's view_count has never been written; it stays, unused, so
-- that no reader of the catalog breaks.
COMMENT ON COLUMN public.job_catalog.view_count IS 'unused: views are counted in public.listing_counts';
COMMENT ON COLUMN public.provider_catalog.view_count IS 'unused: views are counted in public.listing_counts';
