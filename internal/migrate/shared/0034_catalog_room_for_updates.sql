-- A worker rewrites a catalog row for every edit of its source, and a
-- typical edit (a title's wording, a salary, a deadline) changes no indexed
-- column. PostgreSQL can then keep the new version on the row's own page
-- without touching any of the table's sixteen indexes (a heap-only tuple),
-- but only if the page has room for it: at the default fillfactor a bulk
-- sync packs the pages full, and every edit inserted an entry into every
-- index, the search GIN index's pending list included, which was a third
-- of the workers' database time under a sustained stream of edits. A job
-- row is about 2.5 KB, three to a page; 70 leaves room for one more
-- version on each page, which the next visit to the page reclaims once
-- the old version is dead. The catalogs take about 40% more heap for it.
-- Pages written before this migration keep their fill until rewritten
-- (docs/OPERATIONS.md).
ALTER TABLE public.job_catalog SET (fillfactor = 70);
ALTER TABLE public.provider_catalog SET (fillfactor = 70);
