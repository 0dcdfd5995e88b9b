-- Bulk sync skips what has not changed before reading or projecting it.
-- input_fingerprint is a digest of everything the projection read to make
-- the row (the projection's version, the tenant, the source row's and its
-- category's, skills' and links' xmin and version), computed by the database
-- from the source tables alone (internal/source), so a bulk sync page asks
-- for the fingerprints of its ids and reads, projects and applies only the
-- rows whose fingerprint the catalog does not hold. NULL (rows written
-- before this migration, or by code that does not know the fingerprint)
-- never matches: such a row is simply read again.
ALTER TABLE public.job_catalog ADD COLUMN input_fingerprint bytea;
ALTER TABLE public.provider_catalog ADD COLUMN input_fingerprint bytea;

-- The same for source rows that are not public: the fingerprint under which
-- the projection excluded them (unpublished, closed, inactive...). It counts
-- only while the row has no catalog row, so a stale entry costs a re-read,
-- never a wrong skip.
CREATE TABLE public.catalog_exclusions (
    catalog           text   NOT NULL CHECK (catalog IN ('jobs', 'providers')),
    tenant_id         bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    source_id         bigint NOT NULL,
    input_fingerprint bytea  NOT NULL,
    PRIMARY KEY (catalog, tenant_id, source_id)
);
