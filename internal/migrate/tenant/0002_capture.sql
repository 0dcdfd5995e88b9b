-- Change capture (see public.zumodra_capture): every committed change to a
-- row that feeds the catalog leaves an outbox row and a NOTIFY, in the
-- writer's transaction, whoever the writer is. Statement-level triggers with
-- transition tables: one INSERT ... SELECT per statement, however many rows.

CREATE TRIGGER job_postings_capture_ins AFTER INSERT ON job_postings
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('job', 'id');
CREATE TRIGGER job_postings_capture_upd AFTER UPDATE ON job_postings
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('job', 'id');
CREATE TRIGGER job_postings_capture_del AFTER DELETE ON job_postings
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('job', 'id');

CREATE TRIGGER service_providers_capture_ins AFTER INSERT ON service_providers
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'id');
CREATE TRIGGER service_providers_capture_upd AFTER UPDATE ON service_providers
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'id');
CREATE TRIGGER service_providers_capture_del AFTER DELETE ON service_providers
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'id');

CREATE TRIGGER provider_skills_capture_ins AFTER INSERT ON provider_skills
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');
CREATE TRIGGER provider_skills_capture_upd AFTER UPDATE ON provider_skills
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');
CREATE TRIGGER provider_skills_capture_del AFTER DELETE ON provider_skills
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');

CREATE TRIGGER provider_category_links_capture_ins AFTER INSERT ON provider_category_links
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');
CREATE TRIGGER provider_category_links_capture_upd AFTER UPDATE ON provider_category_links
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');
CREATE TRIGGER provider_category_links_capture_del AFTER DELETE ON provider_category_links
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture('provider', 'provider_id');

-- A category's name and slug are denormalised into the catalog: a rename
-- reaches every job or provider in it. Deleting a job category sets the jobs'
-- category_id to NULL, which the job triggers capture themselves; deleting a
-- provider category cascades to the links, captured likewise.
CREATE TRIGGER job_categories_capture_upd AFTER UPDATE ON job_categories
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_category('job',
        'SELECT j.id FROM %I.job_postings j JOIN new_rows n ON j.category_id = n.id JOIN old_rows o ON o.id = n.id
          WHERE (n.name, n.slug) IS DISTINCT FROM (o.name, o.slug)');
CREATE TRIGGER provider_categories_capture_upd AFTER UPDATE ON provider_categories
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_category('provider',
        'SELECT l.provider_id AS id FROM %I.provider_category_links l JOIN new_rows n ON l.category_id = n.id JOIN old_rows o ON o.id = n.id
          WHERE (n.name, n.slug) IS DISTINCT FROM (o.name, o.slug)');

CREATE TRIGGER job_postings_capture_truncate AFTER TRUNCATE ON job_postings
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_truncate('tenant_jobs');
CREATE TRIGGER service_providers_capture_truncate AFTER TRUNCATE ON service_providers
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_truncate('tenant_providers');
CREATE TRIGGER provider_skills_capture_truncate AFTER TRUNCATE ON provider_skills
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_truncate('tenant_providers');
CREATE TRIGGER provider_category_links_capture_truncate AFTER TRUNCATE ON provider_category_links
    FOR EACH STATEMENT EXECUTE FUNCTION public.zumodra_capture_truncate('tenant_providers');
