-- Tenants and their API keys. Each tenant owns schema t_<slug>; the slug is
-- validated in Go (domain.ValidateSlug) and again here, so that no writer can
-- register a schema name that was not derived from a valid slug.
CREATE TABLE public.tenants (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9_]{2,40}$'),
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    logo_url    text NOT NULL DEFAULT '' CHECK (logo_url = '' OR logo_url ~* '^https?://' OR logo_url ~ '^/'),
    schema_name text NOT NULL UNIQUE CHECK (schema_name = 't_' || slug),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 1
);

-- API keys are random 256-bit secrets; only their SHA-256 is stored, which is
-- enough for secrets of that entropy (no password stretching needed).
CREATE TABLE public.tenant_api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    name         text NOT NULL DEFAULT '' CHECK (length(name) <= 100),
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX tenant_api_keys_tenant ON public.tenant_api_keys (tenant_id);

-- Rows maintained by the database itself, so that writers other than zumodra
-- (psql, ETL jobs, another service) keep version and updated_at right too.
CREATE FUNCTION public.zumodra_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER tenants_touch BEFORE UPDATE ON public.tenants
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
