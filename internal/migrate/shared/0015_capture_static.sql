-- Capture that a tenant's own writes barely feel.
--
-- 1. Static SQL. zumodra_capture looked the tenant up by schema name and
--    built its INSERT with format() on every statement, so each captured
--    statement paid a lookup and a fresh parse and plan. zumodra_capture_rows
--    gets the tenant id as a trigger argument, baked in when the tenant
--    migration creates the trigger (tenant 0003), and runs static statements
--    whose plans PL/pgSQL caches per trigger.
-- 2. No NOTIFY by default. A notifying commit holds a database-wide lock
--    through its WAL flush, which serialises every writer's commits. Workers
--    now find new outbox rows by probing the sync_outbox_available index
--    (adaptive: every few milliseconds while changes flow, backing off when
--    idle); zumodra.capture_notify = on (per database, role or session) sends
--    the NOTIFY again, for deployments that prefer it.

CREATE OR REPLACE FUNCTION public.zumodra_notify(tenant_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('zumodra.capture_notify', true) = 'on' THEN
        PERFORM pg_notify('zumodra_sync', tenant_id::text);
    END IF;
END
$$;

-- Row capture for tables whose rows are catalog sources or belong to one.
-- TG_ARGV[0]: the tenant id; TG_ARGV[1]: the entity ('job' or 'provider');
-- TG_ARGV[2]: the column holding that entity's id ('id' on the source table
-- itself, 'provider_id' on a provider's child rows). Each branch is one
-- static INSERT ... SELECT from the transition table, however many rows the
-- statement changed.
CREATE FUNCTION public.zumodra_capture_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    tid bigint := TG_ARGV[0]::bigint;
    ent text := TG_ARGV[1];
    n   bigint;
BEGIN
    IF TG_ARGV[2] = 'id' THEN
        -- The id is the table's primary key: unique within a statement.
        IF TG_OP = 'DELETE' THEN
            INSERT INTO public.sync_outbox (tenant_id, entity, source_id) SELECT tid, ent, o.id FROM old_rows o;
        ELSE
            INSERT INTO public.sync_outbox (tenant_id, entity, source_id) SELECT tid, ent, x.id FROM new_rows x;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO public.sync_outbox (tenant_id, entity, source_id)
            SELECT DISTINCT tid, ent, x.provider_id FROM new_rows x WHERE x.provider_id IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO public.sync_outbox (tenant_id, entity, source_id)
            SELECT DISTINCT tid, ent, o.provider_id FROM old_rows o WHERE o.provider_id IS NOT NULL;
    ELSE
        -- An UPDATE may move a child row (a skill) from one provider to
        -- another: both owners change.
        INSERT INTO public.sync_outbox (tenant_id, entity, source_id)
            SELECT tid, ent, u.provider_id
            FROM (SELECT x.provider_id FROM new_rows x UNION SELECT o.provider_id FROM old_rows o) u
            WHERE u.provider_id IS NOT NULL;
    END IF;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 AND current_setting('zumodra.capture_notify', true) = 'on' THEN
        PERFORM pg_notify('zumodra_sync', tid::text);
    END IF;
    RETURN NULL;
END
$$;
