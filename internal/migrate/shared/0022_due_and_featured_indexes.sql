-- The read path's due time (internal/catalog/due.go) asks, once per catalog
-- version, for the next application deadline ahead; without an index that
-- is a scan of every job, and at hundreds of changes a second it would run
-- as often. Only jobs with a deadline enter the index.
CREATE INDEX job_catalog_deadline ON public.job_catalog (application_deadline)
	WHERE application_deadline IS NOT NULL;
-- Providers' default order (featured first, then newest), as jobs have had
-- since 0004, so a page of the default list is an index range, not a sort.
CREATE INDEX provider_catalog_featured_sort ON public.provider_catalog (is_featured DESC, published_at DESC, id DESC);
