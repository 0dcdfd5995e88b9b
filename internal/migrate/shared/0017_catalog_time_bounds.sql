-- The time range of the system (internal/domain: MinTime, MaxTime): a
-- catalog row outside it, or holding an infinity, would make every public
-- list that shows it fail to encode. The projection already refuses such
-- rows; the CHECKs make the catalog itself unable to hold one.
CREATE FUNCTION public.zumodra_time_in_range(t timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT t BETWEEN '1900-01-01 00:00:00+00'::timestamptz AND '9999-12-31 23:59:59.999999+00'::timestamptz
$$;

-- Rows written before the bounds existed are removed, and their source rows
-- queued again, so that the workers record each as a row error (a dead
-- letter naming the field) instead of the row vanishing without a word.
WITH gone AS (
    DELETE FROM public.job_catalog
    WHERE NOT public.zumodra_time_in_range(published_at)
       OR NOT coalesce(public.zumodra_time_in_range(application_deadline), true)
    RETURNING tenant_id, source_id
)
INSERT INTO public.sync_outbox (tenant_id, entity, source_id) SELECT tenant_id, 'job', source_id FROM gone;

WITH gone AS (
    DELETE FROM public.provider_catalog WHERE NOT public.zumodra_time_in_range(published_at)
    RETURNING tenant_id, source_id
)
INSERT INTO public.sync_outbox (tenant_id, entity, source_id) SELECT tenant_id, 'provider', source_id FROM gone;

ALTER TABLE public.job_catalog
    ADD CONSTRAINT job_catalog_published_at_range CHECK (public.zumodra_time_in_range(published_at)),
    ADD CONSTRAINT job_catalog_application_deadline_range
        CHECK (application_deadline IS NULL OR public.zumodra_time_in_range(application_deadline));
ALTER TABLE public.provider_catalog
    ADD CONSTRAINT provider_catalog_published_at_range CHECK (public.zumodra_time_in_range(published_at));

-- verify counts the source rows it found invalid (kept out of the catalog,
-- reported as row errors) beside its discrepancies.
ALTER TABLE public.catalog_verifications ADD COLUMN invalid integer NOT NULL DEFAULT 0;
