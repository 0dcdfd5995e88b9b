-- Row capture with the tenant id baked in (see shared 0015): the triggers of
-- the four row-source tables call public.zumodra_capture_rows with this
-- schema's tenant id as a constant, instead of public.zumodra_capture looking
-- it up by schema name on every statement. A tenant's id never changes, so
-- the constant stays true when its schema is renamed. A schema that is no
-- registered tenant keeps the old triggers, which capture nothing there.
-- Category and TRUNCATE capture are rare and keep their dynamic functions.
-- The UPDATE trigger of a source table itself keeps only the new rows: the
-- id cannot be anything else, and an old-rows transition table would copy
-- every updated row (a job's 1 KB of text) once more for nothing.
DO $$
DECLARE
    tid bigint := (SELECT id FROM public.tenants WHERE schema_name = current_schema());
    t   record;
    op  record;
BEGIN
    IF tid IS NULL THEN
        RETURN;
    END IF;
    FOR t IN SELECT * FROM (VALUES
            ('job_postings', 'job', 'id'),
            ('service_providers', 'provider', 'id'),
            ('provider_skills', 'provider', 'provider_id'),
            ('provider_category_links', 'provider', 'provider_id')) AS v(tbl, entity, col)
    LOOP
        FOR op IN SELECT * FROM (VALUES
                ('ins', 'INSERT', 'REFERENCING NEW TABLE AS new_rows'),
                ('upd', 'UPDATE', CASE WHEN t.col = 'id' THEN 'REFERENCING NEW TABLE AS new_rows'
                                       ELSE 'REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows' END),
                ('del', 'DELETE', 'REFERENCING OLD TABLE AS old_rows')) AS v(suffix, event, refs)
        LOOP
            EXECUTE format('DROP TRIGGER %I ON %I', t.tbl || '_capture_' || op.suffix, t.tbl);
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I %s FOR EACH STATEMENT '
                        || 'EXECUTE FUNCTION public.zumodra_capture_rows(%L, %L, %L)',
                t.tbl || '_capture_' || op.suffix, op.event, t.tbl, op.refs, tid, t.entity, t.col);
        END LOOP;
    END LOOP;
END
$$;
