-- Digests of the raw HTML inputs each catalog row's sanitised HTML was made
-- from (internal/projection reuse.go): the apply step passes them back to
-- the projection, which sanitises again only the fields whose input
-- changed. NULL (rows written before) matches nothing: such a row is
-- sanitised in full once more.
ALTER TABLE public.job_catalog ADD COLUMN html_digests bytea;
ALTER TABLE public.provider_catalog ADD COLUMN html_digests bytea;
