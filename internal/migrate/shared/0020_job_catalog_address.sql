-- The public street address and postal code of a job (tenant 0005). Rows
-- already in the catalog have neither, as their source rows do not yet,
-- but their content hash now covers two more columns: have the workers
-- re-project every tenant's jobs (the same path as sync-public-catalogs
-- --async), so verify finds them converged again.
ALTER TABLE public.job_catalog
    ADD COLUMN street_address text NOT NULL DEFAULT '',
    ADD COLUMN postal_code    text NOT NULL DEFAULT '';
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_jobs' FROM public.tenants;
