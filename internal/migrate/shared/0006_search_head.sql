-- Ranking reads only the heading fields: a small vector of the title
-- (weight A) and company, category and skills (weight B), stored inline.
-- The full `search` vector (with the ~1 KB description) stays the filter
-- through its GIN index, but ranking every match by it meant reading and
-- decompressing that large, often out-of-line value for each matching row
-- (a second or more for a common word over 200,000 jobs). A description-
-- only match ranks 0 and sorts after every heading match.
ALTER TABLE public.job_catalog ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', company_name || ' ' || category_name || ' ' ||
        public.zumodra_words(required_skills) || ' ' || public.zumodra_words(preferred_skills)), 'B')
) STORED;

ALTER TABLE public.provider_catalog ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', display_name), 'A') ||
    setweight(to_tsvector('english', tagline || ' ' || company_name || ' ' ||
        public.zumodra_words(category_names) || ' ' || public.zumodra_words(skill_names)), 'B')
) STORED;

-- Search with a country filter, the most common combination.
CREATE INDEX job_catalog_country_type ON public.job_catalog (country, job_type);
