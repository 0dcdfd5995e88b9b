-- Existing catalog rows were made by an older projection: they lack the
-- city coordinates of the gazetteer (0025) and the HTML input digests
-- (0031), so verify would report them drifted and the next edit of each
-- would pay a full sanitising. Have the workers re-project every tenant's
-- jobs and providers (the same path as sync-public-catalogs --async).
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_jobs' FROM public.tenants;
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_providers' FROM public.tenants;
