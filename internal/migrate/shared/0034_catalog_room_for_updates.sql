-- A worker rewrites a catalog row for every edit of its source, and a
-- typical edit (its responsibilities or benefits, its meta description, the
-- positions open) changes no indexed column. PostgreSQL can then keep the new version on the row's own page
-- without touching any of the table's sixteen indexes (a heap-only tuple),
-- but only if the page has room for it: at the default fillfactor a bulk
-- sync packs the pages full, and every edit inserted an entry into every
-- index, the search GIN index's pending list included: a quarter of the
-- workers' database time under a sustained stream of edits, and with the
-- room a batch's writes took about half as long (docs/BENCHMARKS.md). A job
-- row is about 2.5 KB, three to a page; 70 leaves room for one more
-- version on each page, which the next visit to the page reclaims once
-- the old version is dead. The heap is larger for it: at full scale 10%
-- for the jobs after the benchmark's edits, 56% for the providers.
-- Pages written before this migration keep their fill until rewritten
-- (docs/OPERATIONS.md).
ALTER TABLE public.job_catalog SET (fillfactor = 70);
ALTER TABLE public.provider_catalog SET (fillfactor = 70);
