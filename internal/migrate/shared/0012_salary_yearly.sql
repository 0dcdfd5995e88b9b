-- Salaries compared like with like: the projection stores the yearly
-- equivalent of the shown range (domain.PeriodsPerYear: hour x 2,080,
-- day x 260, week x 52, month x 12), and the salary sort and minimum-salary
-- filter read it within one currency at a time; currencies are never
-- compared with each other. double precision: an hourly numeric(12,2)
-- times 2,080 would not fit the source's own type.
ALTER TABLE public.job_catalog
    ADD COLUMN salary_yearly_min double precision,
    ADD COLUMN salary_yearly_max double precision,
    ADD CONSTRAINT job_catalog_salary_yearly_shown
        CHECK (show_salary OR (salary_yearly_min IS NULL AND salary_yearly_max IS NULL));

-- The minimum-salary filter and the salary sort within a currency.
CREATE INDEX job_catalog_salary_yearly ON public.job_catalog (salary_currency, salary_yearly_max DESC, id DESC)
    WHERE salary_yearly_max IS NOT NULL;
-- The raw amounts compared across currencies and periods; nothing reads them so any more.
DROP INDEX public.job_catalog_salary_sort;

-- Existing rows lack the new columns: have the workers re-project every
-- tenant's jobs (the same path as sync-public-catalogs --async).
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'tenant_jobs' FROM public.tenants;
