-- Search support for the public read path (internal/catalog): trigram
-- indexes for typo tolerance, and indexes matching the list sort orders so
-- that a keyset page reads only its own rows.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Typo correction finds the titles holding the word nearest a misspelt one
-- (ORDER BY word <<-> title, a GiST nearest-neighbour scan).
CREATE INDEX job_catalog_title_trgm ON public.job_catalog USING gist (title public.gist_trgm_ops);
CREATE INDEX provider_catalog_name_trgm ON public.provider_catalog
    USING gist ((display_name || ' ' || tagline) public.gist_trgm_ops);

-- Job sort orders (newest is job_catalog_published) and the career page.
CREATE INDEX job_catalog_featured_sort ON public.job_catalog (is_featured DESC, published_at DESC, id DESC);
CREATE INDEX job_catalog_salary_sort ON public.job_catalog ((coalesce(salary_max, salary_min, -1)) DESC, id DESC);
CREATE INDEX job_catalog_company_sort ON public.job_catalog (company_slug, published_at DESC, id DESC);
CREATE INDEX job_catalog_category_sort ON public.job_catalog (category_slug, published_at DESC, id DESC);

-- Provider sort orders (newest is provider_catalog_published) and filters on arrays.
CREATE INDEX provider_catalog_rating_sort ON public.provider_catalog (rating_avg DESC, total_reviews DESC, id DESC);
CREATE INDEX provider_catalog_reviews_sort ON public.provider_catalog (total_reviews DESC, rating_avg DESC, id DESC);
CREATE INDEX provider_catalog_rate_sort ON public.provider_catalog ((coalesce(hourly_rate, 1000000000)), id);
CREATE INDEX provider_catalog_categories ON public.provider_catalog USING gin (category_slugs);
CREATE INDEX provider_catalog_skills ON public.provider_catalog USING gin (skill_names);
CREATE INDEX provider_catalog_company ON public.provider_catalog (company_slug);
