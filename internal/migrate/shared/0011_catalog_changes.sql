-- The catalog change feed: every committed transaction that changes the
-- catalog gets the next catalog version, in commit order, and leaves one row
-- per changed catalog row. The read path keys its caches by the version and
-- follows the feed (LISTEN zumodra_catalog, or polling on a replica), so a
-- change is visible on the next request after a process saw it.
--
-- Triggers on the catalog tables write the feed, not the callers: every
-- writer (the workers' apply, bulk resync, repair, cleanup's sweeps, a
-- tenant's deletion cascading) is caught by construction.

-- The version of the catalog's current state. Bumped once per changing
-- transaction, at its commit (a deferred trigger), so the row lock is held
-- only through the commit itself: the next changing transaction waits for
-- it and gets the next number, which makes version order commit order on
-- the primary and on every replica replaying it. A snapshot that reads
-- version v sees exactly the changes of versions up to v.
CREATE TABLE public.catalog_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO public.catalog_state (version) VALUES (0);

-- One row per changing transaction: its version once committed.
CREATE TABLE public.catalog_commits (
    xid          xid8 PRIMARY KEY,
    version      bigint UNIQUE, -- set at commit; never NULL once visible to others
    committed_at timestamptz
);
CREATE INDEX catalog_commits_committed_at ON public.catalog_commits (committed_at);

-- One row per changed catalog row: op i(nsert), u(pdate), d(elete), or
-- t(runcate) for a whole catalog emptied (id 0).
CREATE TABLE public.catalog_changes (
    seq       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid       xid8 NOT NULL,
    catalog   text NOT NULL CHECK (catalog IN ('jobs', 'providers')),
    id        bigint NOT NULL,
    tenant_id bigint NOT NULL,
    op        "char" NOT NULL CHECK (op IN ('i', 'u', 'd', 't'))
);
CREATE INDEX catalog_changes_xid ON public.catalog_changes (xid);

-- Statement-level, from the transition tables: a bulk write costs one
-- INSERT ... SELECT, not a trigger call per row.
CREATE FUNCTION public.zumodra_catalog_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO public.catalog_changes (xid, catalog, id, tenant_id, op)
        SELECT pg_current_xact_id(), TG_ARGV[0], o.id, o.tenant_id, 'd' FROM old_rows o;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO public.catalog_changes (xid, catalog, id, tenant_id, op)
        SELECT pg_current_xact_id(), TG_ARGV[0], n.id, n.tenant_id, 'u' FROM new_rows n;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO public.catalog_changes (xid, catalog, id, tenant_id, op)
        SELECT pg_current_xact_id(), TG_ARGV[0], n.id, n.tenant_id, 'i' FROM new_rows n;
    ELSE -- TRUNCATE
        INSERT INTO public.catalog_changes (xid, catalog, id, tenant_id, op)
        VALUES (pg_current_xact_id(), TG_ARGV[0], 0, 0, 't');
    END IF;
    IF FOUND THEN
        INSERT INTO public.catalog_commits (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

-- Fires once per changing transaction (one catalog_commits row each), at
-- its commit.
CREATE FUNCTION public.zumodra_catalog_commit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
BEGIN
    UPDATE public.catalog_state SET version = version + 1 RETURNING version INTO v;
    UPDATE public.catalog_commits SET version = v, committed_at = clock_timestamp() WHERE xid = NEW.xid;
    PERFORM pg_notify('zumodra_catalog', v::text);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER catalog_commit AFTER INSERT ON public.catalog_commits
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.zumodra_catalog_commit();

CREATE TRIGGER job_catalog_feed_insert AFTER INSERT ON public.job_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('jobs');
CREATE TRIGGER job_catalog_feed_update AFTER UPDATE ON public.job_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('jobs');
CREATE TRIGGER job_catalog_feed_delete AFTER DELETE ON public.job_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('jobs');
CREATE TRIGGER job_catalog_feed_truncate AFTER TRUNCATE ON public.job_catalog
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('jobs');

CREATE TRIGGER provider_catalog_feed_insert AFTER INSERT ON public.provider_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('providers');
CREATE TRIGGER provider_catalog_feed_update AFTER UPDATE ON public.provider_catalog
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('providers');
CREATE TRIGGER provider_catalog_feed_delete AFTER DELETE ON public.provider_catalog
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('providers');
CREATE TRIGGER provider_catalog_feed_truncate AFTER TRUNCATE ON public.provider_catalog
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_catalog_changed('providers');
