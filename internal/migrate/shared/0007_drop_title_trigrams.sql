-- Typo correction moved to an in-memory vocabulary of heading words
-- (internal/catalog/vocab.go): a nearest-neighbour scan of these trigram
-- indexes took over a second on 200,000 titles, and they cost every write
-- of a title. pg_trgm stays installed.
DROP INDEX IF EXISTS public.job_catalog_title_trgm;
DROP INDEX IF EXISTS public.provider_catalog_name_trgm;
