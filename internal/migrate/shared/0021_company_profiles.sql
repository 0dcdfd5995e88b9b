-- A tenant's public company profile: what a job seeker asks about the
-- employer before applying. The columns live on the tenant row, since a
-- company has exactly one profile, and every value is bounded here as well
-- as in Go (internal/tenants), so writers other than zumodra cannot store
-- what the public side would have to refuse.
--
-- description is plain text (paragraphs separated by blank lines), not
-- HTML: it is shown as text on pages, in JSON-LD and in meta descriptions,
-- so there is no markup to sanitise and nothing a sanitiser could miss.
ALTER TABLE public.tenants
    ADD COLUMN description  text NOT NULL DEFAULT ''
        CHECK (length(description) <= 5000),
    ADD COLUMN website      text NOT NULL DEFAULT ''
        CHECK (website = '' OR (website ~* '^https?://[^/?#\s]' AND length(website) <= 2000)),
    ADD COLUMN industry     text NOT NULL DEFAULT ''
        CHECK (length(industry) <= 100),
    ADD COLUMN company_size text NOT NULL DEFAULT ''
        CHECK (company_size IN ('', '1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+')),
    ADD COLUMN founded_year integer
        CHECK (founded_year BETWEEN 1800 AND 2100),
    ADD COLUMN hq_city      text NOT NULL DEFAULT ''
        CHECK (length(hq_city) <= 100),
    ADD COLUMN hq_country   text NOT NULL DEFAULT ''
        CHECK (length(hq_country) <= 100),
    ADD COLUMN social_links text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(social_links) <= 6 AND array_position(social_links, NULL) IS NULL);

-- A profile edit reaches the catalog like a rename: the tenant is queued
-- for a resync whenever a public field of its row changes.
CREATE OR REPLACE FUNCTION public.zumodra_capture_tenant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.status, NEW.name, NEW.logo_url, NEW.slug,
        NEW.description, NEW.website, NEW.industry, NEW.company_size,
        NEW.founded_year, NEW.hq_city, NEW.hq_country, NEW.social_links)
       IS DISTINCT FROM
       (OLD.status, OLD.name, OLD.logo_url, OLD.slug,
        OLD.description, OLD.website, OLD.industry, OLD.company_size,
        OLD.founded_year, OLD.hq_city, OLD.hq_country, OLD.social_links) THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'tenant');
        PERFORM public.zumodra_notify(NEW.id);
    END IF;
    RETURN NULL;
END
$$;
