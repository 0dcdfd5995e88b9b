-- The search vectors are computed when the searched text changes, not on
-- every write of a row. As generated columns they were recomputed whenever
-- an UPDATE named one of their inputs, and the apply step's upsert names
-- every column: a salary or deadline edit recomputed two tsvectors over
-- about 1 KB of text (measured on 3,000 such rows: 0.78 ms a row as
-- generated columns, 0.07 ms with this trigger; docs/SYNC.md). The
-- expressions are those of 0002 and 0006; search is search_head plus the
-- description, so the heading words are parsed once instead of twice. The vectors stay derived only: a write
-- that sets them without changing their inputs keeps the old ones.
ALTER TABLE public.job_catalog
    ALTER COLUMN search DROP EXPRESSION,
    ALTER COLUMN search_head DROP EXPRESSION;
ALTER TABLE public.provider_catalog
    ALTER COLUMN search DROP EXPRESSION,
    ALTER COLUMN search_head DROP EXPRESSION;

CREATE FUNCTION public.zumodra_job_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.title, NEW.company_name, NEW.category_name, NEW.required_skills, NEW.preferred_skills, NEW.description_html)
          IS NOT DISTINCT FROM
          (OLD.title, OLD.company_name, OLD.category_name, OLD.required_skills, OLD.preferred_skills, OLD.description_html) THEN
        NEW.search := OLD.search;
        NEW.search_head := OLD.search_head;
    ELSE
        NEW.search_head := setweight(to_tsvector('english', NEW.title), 'A') ||
            setweight(to_tsvector('english', NEW.company_name || ' ' || NEW.category_name || ' ' ||
                public.zumodra_words(NEW.required_skills) || ' ' || public.zumodra_words(NEW.preferred_skills)), 'B');
        NEW.search := NEW.search_head || setweight(to_tsvector('english', NEW.description_html), 'C');
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION public.zumodra_provider_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.display_name, NEW.tagline, NEW.company_name, NEW.category_names, NEW.skill_names, NEW.bio_html)
          IS NOT DISTINCT FROM
          (OLD.display_name, OLD.tagline, OLD.company_name, OLD.category_names, OLD.skill_names, OLD.bio_html) THEN
        NEW.search := OLD.search;
        NEW.search_head := OLD.search_head;
    ELSE
        NEW.search_head := setweight(to_tsvector('english', NEW.display_name), 'A') ||
            setweight(to_tsvector('english', NEW.tagline || ' ' || NEW.company_name || ' ' ||
                public.zumodra_words(NEW.category_names) || ' ' || public.zumodra_words(NEW.skill_names)), 'B');
        NEW.search := NEW.search_head || setweight(to_tsvector('english', NEW.bio_html), 'C');
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER job_catalog_search BEFORE INSERT OR UPDATE ON public.job_catalog
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_job_search();
CREATE TRIGGER provider_catalog_search BEFORE INSERT OR UPDATE ON public.provider_catalog
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_provider_search();
