-- The public catalog: only the safe, whitelisted fields of rows that their
-- tenant chose to publish. Private fields have no column here at all.
-- Written only by the sync apply code; read by the public site and API.

-- array_to_string is only STABLE; the generated search vectors need an
-- IMMUTABLE spelling of "join the words of a text array".
CREATE FUNCTION public.zumodra_words(text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_to_string($1, ' '), '')
$$;

CREATE TABLE public.job_catalog (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    source_id             bigint NOT NULL,
    source_version        bigint NOT NULL,
    content_hash          bytea NOT NULL,
    title                 text NOT NULL,
    slug                  text NOT NULL DEFAULT '',
    reference_code        text NOT NULL DEFAULT '',
    category_name         text NOT NULL DEFAULT '',
    category_slug         text NOT NULL DEFAULT '',
    job_type              text NOT NULL,
    experience_level      text NOT NULL,
    remote_policy         text NOT NULL,
    city                  text NOT NULL DEFAULT '',
    state                 text NOT NULL DEFAULT '',
    country               text NOT NULL DEFAULT '',
    latitude              double precision,
    longitude             double precision,
    description_html      text NOT NULL DEFAULT '',
    responsibilities_html text NOT NULL DEFAULT '',
    requirements_html     text NOT NULL DEFAULT '',
    nice_to_have_html     text NOT NULL DEFAULT '',
    benefits_html         text NOT NULL DEFAULT '',
    show_salary           boolean NOT NULL DEFAULT false,
    salary_min            numeric(12, 2),
    salary_max            numeric(12, 2),
    salary_currency       text,
    salary_period         text,
    required_skills       text[] NOT NULL DEFAULT '{}',
    preferred_skills      text[] NOT NULL DEFAULT '{}',
    positions_count       integer NOT NULL DEFAULT 1,
    team                  text NOT NULL DEFAULT '',
    company_name          text NOT NULL,
    company_slug          text NOT NULL,
    company_logo_url      text NOT NULL DEFAULT '',
    is_featured           boolean NOT NULL DEFAULT false,
    application_deadline  timestamptz,
    published_at          timestamptz NOT NULL,
    synced_at             timestamptz NOT NULL DEFAULT now(),
    meta_title            text NOT NULL DEFAULT '',
    meta_description      text NOT NULL DEFAULT '',
    view_count            bigint NOT NULL DEFAULT 0,
    search                tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', company_name || ' ' || category_name || ' ' ||
            public.zumodra_words(required_skills) || ' ' || public.zumodra_words(preferred_skills)), 'B') ||
        setweight(to_tsvector('english', description_html), 'C')
    ) STORED,
    -- Salary is copied only when the tenant shows it (DESIGN.md invariant 2).
    CHECK (show_salary OR (salary_min IS NULL AND salary_max IS NULL AND salary_currency IS NULL AND salary_period IS NULL)),
    UNIQUE (tenant_id, source_id)
);
-- The original's six indexes, plus what the public queries need.
CREATE INDEX job_catalog_tenant_featured ON public.job_catalog (tenant_id, is_featured);
CREATE INDEX job_catalog_type_level ON public.job_catalog (job_type, experience_level);
CREATE INDEX job_catalog_location ON public.job_catalog (country, city);
CREATE INDEX job_catalog_published ON public.job_catalog (published_at DESC, id DESC);
CREATE INDEX job_catalog_category ON public.job_catalog (category_slug);
CREATE INDEX job_catalog_remote ON public.job_catalog (remote_policy);
CREATE INDEX job_catalog_search ON public.job_catalog USING gin (search);

CREATE TABLE public.provider_catalog (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id               bigint NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    source_id               bigint NOT NULL,
    source_version          bigint NOT NULL,
    content_hash            bytea NOT NULL,
    display_name            text NOT NULL,
    provider_type           text NOT NULL,
    bio_html                text NOT NULL DEFAULT '',
    tagline                 text NOT NULL DEFAULT '',
    avatar_url              text NOT NULL DEFAULT '',
    cover_image_url         text NOT NULL DEFAULT '',
    city                    text NOT NULL DEFAULT '',
    state                   text NOT NULL DEFAULT '',
    country                 text NOT NULL DEFAULT '',
    latitude                double precision,
    longitude               double precision,
    category_names          text[] NOT NULL DEFAULT '{}',
    category_slugs          text[] NOT NULL DEFAULT '{}',
    skill_names             text[] NOT NULL DEFAULT '{}',
    -- [{"name": "Go", "level": "expert", "years": 6}, ...]
    skills                  jsonb NOT NULL DEFAULT '[]',
    hourly_rate             numeric(10, 2),
    minimum_budget          numeric(12, 2),
    currency                text NOT NULL DEFAULT 'USD',
    rating_avg              numeric(3, 2) NOT NULL DEFAULT 0,
    total_reviews           integer NOT NULL DEFAULT 0,
    completed_jobs_count    integer NOT NULL DEFAULT 0,
    response_rate           integer NOT NULL DEFAULT 0,
    avg_response_time_hours numeric(6, 1),
    availability_status     text NOT NULL,
    is_verified             boolean NOT NULL DEFAULT false,
    is_featured             boolean NOT NULL DEFAULT false,
    is_accepting_projects   boolean NOT NULL DEFAULT false,
    can_work_remotely       boolean NOT NULL DEFAULT false,
    can_work_onsite         boolean NOT NULL DEFAULT false,
    company_name            text NOT NULL,
    company_slug            text NOT NULL,
    published_at            timestamptz NOT NULL,
    synced_at               timestamptz NOT NULL DEFAULT now(),
    view_count              bigint NOT NULL DEFAULT 0,
    search                  tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', display_name), 'A') ||
        setweight(to_tsvector('english', tagline || ' ' || company_name || ' ' ||
            public.zumodra_words(category_names) || ' ' || public.zumodra_words(skill_names)), 'B') ||
        setweight(to_tsvector('english', bio_html), 'C')
    ) STORED,
    UNIQUE (tenant_id, source_id)
);
-- The original's five indexes, plus what the public queries need.
CREATE INDEX provider_catalog_tenant_verified ON public.provider_catalog (tenant_id, is_verified);
CREATE INDEX provider_catalog_rating ON public.provider_catalog (rating_avg DESC, total_reviews DESC);
CREATE INDEX provider_catalog_location ON public.provider_catalog (country, city);
CREATE INDEX provider_catalog_published ON public.provider_catalog (published_at DESC, id DESC);
CREATE INDEX provider_catalog_availability ON public.provider_catalog (availability_status, is_accepting_projects);
CREATE INDEX provider_catalog_search ON public.provider_catalog USING gin (search);
