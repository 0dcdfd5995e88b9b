-- Providers ranked by a Bayesian average of their rating (domain.BayesianRating:
-- 10 prior reviews of 3.5 stars), computed by the projection, instead of
-- the plain average that put 5.0 from 18 reviews above 4.9 from 87.
ALTER TABLE public.provider_catalog ADD COLUMN rating_score double precision NOT NULL DEFAULT 0;

CREATE INDEX provider_catalog_rating_score ON public.provider_catalog (rating_score DESC, total_reviews DESC, id DESC);

-- Existing rows lack the score: have the workers re-project every tenant's
-- providers (the same path as sync-public-catalogs --async).
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_providers' FROM public.tenants;
