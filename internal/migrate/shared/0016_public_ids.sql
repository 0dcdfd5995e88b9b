-- Stable public identity: a source row keeps one public id for as long as it
-- exists, whatever happens to its catalog row (unpublish and republish,
-- suspend and activate, resync, repair, a catalog rebuilt from scratch). The
-- catalog's id is looked up here, never drawn from a sequence of its own, so
-- a deleted and re-inserted catalog row comes back under the same id and URL.
-- A row here without a live catalog row was public once: its URL answers 410.
-- No foreign key to tenants: a deleted tenant's old URLs still answer 410.
CREATE SEQUENCE public.public_id_seq;

CREATE TABLE public.public_ids (
    catalog       text   NOT NULL CHECK (catalog IN ('jobs', 'providers')),
    tenant_id     bigint NOT NULL,
    source_id     bigint NOT NULL,
    public_id     bigint NOT NULL DEFAULT nextval('public.public_id_seq'),
    -- The last public title and category, kept when the catalog row leaves,
    -- so that the 410 page can name what went and suggest similar rows.
    last_title    text   NOT NULL DEFAULT '',
    last_category text   NOT NULL DEFAULT '',
    PRIMARY KEY (catalog, tenant_id, source_id),
    UNIQUE (catalog, public_id)
);
ALTER SEQUENCE public.public_id_seq OWNED BY public.public_ids.public_id;

-- Today's catalog ids become the permanent ones, so no link breaks now.
INSERT INTO public.public_ids (catalog, tenant_id, source_id, public_id, last_title, last_category)
SELECT 'jobs', tenant_id, source_id, id, title, category_slug FROM public.job_catalog;
INSERT INTO public.public_ids (catalog, tenant_id, source_id, public_id, last_title, last_category)
SELECT 'providers', tenant_id, source_id, id, display_name, coalesce(category_slugs[1], '') FROM public.provider_catalog;
SELECT setval('public.public_id_seq', greatest(
    (SELECT max(id) FROM public.job_catalog), (SELECT max(id) FROM public.provider_catalog), 1));

ALTER TABLE public.job_catalog ALTER COLUMN id DROP IDENTITY;
ALTER TABLE public.provider_catalog ALTER COLUMN id DROP IDENTITY;

-- Every insert, by apply or by anyone, takes the row's permanent id: the
-- one lookup costs an index probe on a write that already rewrites indexes.
-- The id given in the INSERT, if any, is ignored.
CREATE FUNCTION public.zumodra_public_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.public_id INTO NEW.id FROM public.public_ids p
    WHERE p.catalog = TG_ARGV[0] AND p.tenant_id = NEW.tenant_id AND p.source_id = NEW.source_id;
    IF NOT FOUND THEN
        -- DO UPDATE (not NOTHING) so that a racing first insert still
        -- returns the id the winner drew.
        INSERT INTO public.public_ids AS p (catalog, tenant_id, source_id)
        VALUES (TG_ARGV[0], NEW.tenant_id, NEW.source_id)
        ON CONFLICT (catalog, tenant_id, source_id) DO UPDATE SET source_id = p.source_id
        RETURNING p.public_id INTO NEW.id;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER job_catalog_public_id BEFORE INSERT ON public.job_catalog
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_public_id('jobs');
CREATE TRIGGER provider_catalog_public_id BEFORE INSERT ON public.provider_catalog
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_public_id('providers');

-- The last public label, at removal: one statement per removing statement.
CREATE FUNCTION public.zumodra_public_id_gone_job() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public.public_ids p SET last_title = o.title, last_category = o.category_slug
    FROM old_rows o WHERE p.catalog = 'jobs' AND p.tenant_id = o.tenant_id AND p.source_id = o.source_id;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.zumodra_public_id_gone_provider() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public.public_ids p SET last_title = o.display_name, last_category = coalesce(o.category_slugs[1], '')
    FROM old_rows o WHERE p.catalog = 'providers' AND p.tenant_id = o.tenant_id AND p.source_id = o.source_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_catalog_public_id_gone AFTER DELETE ON public.job_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_public_id_gone_job();
CREATE TRIGGER provider_catalog_public_id_gone AFTER DELETE ON public.provider_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_public_id_gone_provider();
