-- NOTIFY makes PostgreSQL serialise the commits of every transaction that
-- sends one (a database-wide lock held through the commit's WAL flush), which
-- caps a busy tenant's single-row write rate at a few hundred commits per
-- second on a small machine. Capture therefore notifies unless the setting
-- zumodra.capture_notify is 'off', which an operator can choose per database
-- (ALTER DATABASE ... SET zumodra.capture_notify = off), per role, or per
-- session (a bulk loader). Without the NOTIFY, workers find the changes by
-- polling (zumodra worker --poll-interval; they poll every 10 ms while busy).
CREATE FUNCTION public.zumodra_notify(tenant_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('zumodra.capture_notify', true), '') <> 'off' THEN
        PERFORM pg_notify('zumodra_sync', tenant_id::text);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION public.zumodra_capture() RETURNS trigger
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
        PERFORM public.zumodra_notify(tid);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.zumodra_capture_category() RETURNS trigger
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
        PERFORM public.zumodra_notify(tid);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.zumodra_capture_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tid bigint := public.zumodra_tenant_id(TG_TABLE_SCHEMA);
BEGIN
    IF tid IS NOT NULL THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (tid, TG_ARGV[0]);
        PERFORM public.zumodra_notify(tid);
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION public.zumodra_capture_tenant() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.status, NEW.name, NEW.logo_url, NEW.slug) IS DISTINCT FROM (OLD.status, OLD.name, OLD.logo_url, OLD.slug) THEN
        INSERT INTO public.sync_outbox (tenant_id, entity) VALUES (NEW.id, 'tenant');
        PERFORM public.zumodra_notify(NEW.id);
    END IF;
    RETURN NULL;
END
$$;
