-- The last verification of each tenant's catalogs (zumodra verify and the
-- workers' periodic run): what the admin page and doctor show as "eligible
-- against in catalog" without re-projecting every source row per request.
CREATE TABLE public.catalog_verifications (
    tenant_id       bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    catalog         text NOT NULL CHECK (catalog IN ('jobs', 'providers')),
    eligible        integer NOT NULL,
    in_catalog      integer NOT NULL,
    missing         integer NOT NULL,
    stale           integer NOT NULL,
    drifted         integer NOT NULL,
    pending         integer NOT NULL,
    expired         integer NOT NULL,
    drifted_columns text[] NOT NULL DEFAULT '{}',
    error           text NOT NULL DEFAULT '',
    verified_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, catalog)
);
