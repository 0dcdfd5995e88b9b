-- Change capture. Triggers in every tenant schema (tenant track) and on
-- public.tenants append to sync_outbox in the writer's own transaction and
-- NOTIFY zumodra_sync; workers claim the rows, project, apply and delete them.
-- The outbox is append-only: coalescing happens when a worker claims, never at
-- insert time, so that a change committed while a worker holds an older claim
-- of the same row can never be swallowed.
CREATE TABLE public.sync_outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL,
    -- job / provider: one source row (source_id); tenant: everything the
    -- tenant has in the catalog; tenant_jobs / tenant_providers: one catalog
    -- of the tenant (bulk resync requested with sync-public-catalogs --async).
    entity       text NOT NULL CHECK (entity IN ('job', 'provider', 'tenant', 'tenant_jobs', 'tenant_providers')),
    source_id    bigint NOT NULL DEFAULT 0,
    enqueued_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    available_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    -- Set when attempts are exhausted: a visible, retryable dead letter.
    dead_at      timestamptz
);
CREATE INDEX sync_outbox_pending ON public.sync_outbox (tenant_id, id) WHERE dead_at IS NULL;
CREATE INDEX sync_outbox_available ON public.sync_outbox (available_at, id) WHERE dead_at IS NULL;
CREATE INDEX sync_outbox_dead ON public.sync_outbox (tenant_id) WHERE dead_at IS NOT NULL;

-- Maps the schema a trigger fired in to its tenant. NULL for a schema that is
-- not a registered tenant (nothing is captured there).
CREATE FUNCTION public.zumodra_tenant_id(schema_name text) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT id FROM public.tenants t WHERE t.schema_name = zumodra_tenant_id.schema_name
$$;

-- Statement-level capture for tables whose rows are catalog sources or belong
-- to one. TG_ARGV[0] is the entity ('job' or 'provider'), TG_ARGV[1] the
-- column holding that entity's id. One INSERT ... SELECT per statement keeps
-- a bulk UPDATE of 100,000 rows one cheap statement, not 100,000 trigger calls.
CREATE FUNCTION public.zumodra_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tid bigint := public.zumodra_tenant_id(TG_TABLE_SCHEMA);
    n   bigint;
    sql text := 'INSERT INTO public.sync_outbox (tenant_id, entity, source_id) '
             || 'SELECT DISTINCT $1, $2, x.%1$I FROM %2$s x WHERE x.%1$I IS NOT NULL';
BEGIN
    IF tid IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format(sql, TG_ARGV[1], 'new_rows') USING tid, TG_ARGV[0];
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    -- An UPDATE may move a child row (a skill) from one provider to another:
    -- both owners change. DELETE has only old rows.
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND TG_ARGV[1] <> 'id') THEN
        EXECUTE format(sql, TG_ARGV[1], 'old_rows') USING tid, TG_ARGV[0];
        GET DIAGNOSTICS n = ROW_COUNT;
    END IF;
    IF n > 0 THEN
        PERFORM pg_notify('zumodra_sync', tid::text);
    END IF;
    RETURN NULL;
END
$$;

-- A renamed category changes the denormalised category of every job (or
-- provider) in it. TG_ARGV[0]: entity; TG_ARGV[1]: a query returning the ids
-- of the affected entities from the transition tables, with %I standing for
-- the tenant schema.
CREATE FUNCTION public.zumodra_capture_category() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tid bigint := public.zumodra_tenant_id(TG_TABLE_SCHEMA);
    n   bigint;
BEGIN
    IF tid IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE 'INSERT INTO public.sync_outbox (tenant_id, entity, source_id) SELECT DISTINCT $1, $2, ids.id FROM ('
         || format(TG_ARGV[1], TG_TABLE_SCHEMA) || ') ids' USING tid, TG_ARGV[0];
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        PERFORM pg_notify('zumodra_sync', tid::text);
    END IF;
    RETURN NULL;
END
$$;

-- TRUNCATE has no transition tables: resync the whole catalog it touches.
CREATE FUNCTION public.zumodra_capture_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tid bigint := public.zumodra_tenant_id(TG_TABLE_SCHEMA);
BEGIN
    IF tid IS NOT NULL THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (tid, TG_ARGV[0]);
        PERFORM pg_notify('zumodra_sync', tid::text);
    END IF;
    RETURN NULL;
END
$$;

-- Suspend, activate, rename or a new logo: everything the tenant has in the
-- catalog must follow.
CREATE FUNCTION public.zumodra_capture_tenant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.status, NEW.name, NEW.logo_url, NEW.slug) IS DISTINCT FROM (OLD.status, OLD.name, OLD.logo_url, OLD.slug) THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'tenant');
        PERFORM pg_notify('zumodra_sync', NEW.id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tenants_capture AFTER UPDATE ON public.tenants
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_capture_tenant();

-- Liveness of sync workers across processes, for doctor, metrics and admin.
CREATE TABLE public.worker_heartbeats (
    worker_id  text PRIMARY KEY,
    hostname   text NOT NULL,
    pid        integer NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    seen_at    timestamptz NOT NULL DEFAULT now()
);
