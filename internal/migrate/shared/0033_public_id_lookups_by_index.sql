-- The catalog triggers that read public.public_ids find rows by its primary
-- key. PL/pgSQL plans a trigger's statements once per session and, after a
-- few calls, keeps a generic plan costed on the table's size at that
-- moment: a session that began just after public_ids was analysed empty (a
-- freshly loaded database, an operator's ANALYZE, autovacuum's first visit)
-- kept a sequential scan, or, with those disabled, a walk of every entry of
-- the (catalog, public_id) index, while the table grew, and every catalog
-- insert then read every public id (a full-scale set-based sync took 11
-- minutes instead of 42 s). Planned at each call, the lookups see the
-- table as it is; planning a key lookup costs some 50 microseconds.
ALTER FUNCTION public.zumodra_public_id() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION public.zumodra_public_id_gone_job() SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION public.zumodra_public_id_gone_provider() SET plan_cache_mode = force_custom_plan;
