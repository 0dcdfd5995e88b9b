-- The search-only GIN indexes of 0002 are redundant since 0008: the GIN
-- indexes over the search vector and the common filters serve searches
-- without filters too. Each catalog write had to maintain both vector
-- indexes; the workers' apply cost per row is dominated by exactly that.
DROP INDEX public.job_catalog_search;
DROP INDEX public.provider_catalog_search;
