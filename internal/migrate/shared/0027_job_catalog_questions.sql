-- The questions a job's application form asks (tenant 0009), in the
-- projection's canonical form, for the apply form and the public API. Rows
-- already in the catalog ask none, as their source rows do not yet, but
-- their content hash now covers one more column: have the workers
-- re-project every tenant's jobs, so verify finds them converged again.
ALTER TABLE public.job_catalog
    ADD COLUMN application_questions jsonb NOT NULL DEFAULT '[]';
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_jobs' FROM public.tenants;
