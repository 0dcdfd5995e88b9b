-- The company catalog: each active tenant's public company profile, as the
-- projection makes it from the tenant row, so that the company pages and
-- the API read the catalog only, like every other public read. One row per
-- tenant; source_id is the tenant's own id (the tenant row is the source).
--
-- The public id of a company is its tenant's id: a tenant's id never
-- changes and is never reused, so the company URL is stable for the life of
-- the tenant without a lookup in public_ids, and every job and provider row
-- already carries it (tenant_id) for links to its company page.
CREATE TABLE public.company_catalog (
    id                bigint NOT NULL PRIMARY KEY,
    tenant_id         bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    source_id         bigint NOT NULL,
    source_version    bigint NOT NULL,
    content_hash      bytea  NOT NULL,
    name              text   NOT NULL CHECK (length(name) <= 200),
    slug              text   NOT NULL CHECK (length(slug) <= 220),
    logo_url          text   NOT NULL DEFAULT '' CHECK (length(logo_url) <= 2000),
    description       text   NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    website           text   NOT NULL DEFAULT '' CHECK (length(website) <= 2000),
    industry          text   NOT NULL DEFAULT '' CHECK (length(industry) <= 100),
    company_size      text   NOT NULL DEFAULT '' CHECK (length(company_size) <= 20),
    founded_year      integer CHECK (founded_year BETWEEN 1800 AND 2100),
    hq_city           text   NOT NULL DEFAULT '' CHECK (length(hq_city) <= 100),
    hq_country        text   NOT NULL DEFAULT '' CHECK (length(hq_country) <= 100),
    social_links      text[] NOT NULL DEFAULT '{}' CHECK (cardinality(social_links) <= 6),
    synced_at         timestamptz NOT NULL DEFAULT now(),
    input_fingerprint bytea,
    UNIQUE (tenant_id, source_id),
    CHECK (id = tenant_id AND source_id = tenant_id)
);

-- Any writer's insert takes the tenant's id as the public id, as the other
-- catalogs' inserts take theirs from public_ids.
CREATE FUNCTION public.zumodra_company_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.id := NEW.tenant_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER company_catalog_public_id BEFORE INSERT ON public.company_catalog
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_company_id();

-- The catalog's bookkeeping tables learn the third catalog.
ALTER TABLE public.catalog_changes DROP CONSTRAINT catalog_changes_catalog_check,
    ADD CONSTRAINT catalog_changes_catalog_check CHECK (catalog IN ('jobs', 'providers', 'companies'));
ALTER TABLE public.catalog_exclusions DROP CONSTRAINT catalog_exclusions_catalog_check,
    ADD CONSTRAINT catalog_exclusions_catalog_check CHECK (catalog IN ('jobs', 'providers', 'companies'));
ALTER TABLE public.catalog_verifications DROP CONSTRAINT catalog_verifications_catalog_check,
    ADD CONSTRAINT catalog_verifications_catalog_check CHECK (catalog IN ('jobs', 'providers', 'companies'));

-- Company changes are on the change feed like every catalog write, so the
-- read path's caches follow them.
CREATE TRIGGER company_catalog_feed_insert AFTER INSERT ON public.company_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('companies');
CREATE TRIGGER company_catalog_feed_update AFTER UPDATE ON public.company_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('companies');
CREATE TRIGGER company_catalog_feed_delete AFTER DELETE ON public.company_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('companies');
CREATE TRIGGER company_catalog_feed_truncate AFTER TRUNCATE ON public.company_catalog
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('companies');

-- A new outbox entity, 'company': the tenant's company row alone. A profile
-- edit changes nothing in the job and provider rows, so it no longer costs
-- a pass over them; status, name, logo and slug (which every row of the
-- tenant carries) still queue 'tenant', which now covers the company too.
ALTER TABLE public.sync_outbox DROP CONSTRAINT sync_outbox_entity_check,
    ADD CONSTRAINT sync_outbox_entity_check
        CHECK (entity IN ('job', 'provider', 'tenant', 'tenant_jobs', 'tenant_providers', 'company'));

CREATE OR REPLACE FUNCTION public.zumodra_capture_tenant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'company');
        PERFORM public.zumodra_notify(NEW.id);
    ELSIF (NEW.status, NEW.name, NEW.logo_url, NEW.slug) IS DISTINCT FROM
          (OLD.status, OLD.name, OLD.logo_url, OLD.slug) THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'tenant');
        PERFORM public.zumodra_notify(NEW.id);
    ELSIF (NEW.description, NEW.website, NEW.industry, NEW.company_size,
           NEW.founded_year, NEW.hq_city, NEW.hq_country, NEW.social_links)
          IS DISTINCT FROM
          (OLD.description, OLD.website, OLD.industry, OLD.company_size,
           OLD.founded_year, OLD.hq_city, OLD.hq_country, OLD.social_links) THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'company');
        PERFORM public.zumodra_notify(NEW.id);
    END IF;
    RETURN NULL;
END
$$;

-- A new tenant gets its company row without waiting for its first edit.
CREATE TRIGGER tenants_capture_insert AFTER INSERT ON public.tenants
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_capture_tenant();

-- Existing tenants get theirs from the workers, as any edit would.
INSERT INTO public.sync_outbox (tenant_id, entity) SELECT id, 'company' FROM public.tenants;
