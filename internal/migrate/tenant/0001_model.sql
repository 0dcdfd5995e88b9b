-- The private data model of one tenant. The runner executes this with
-- search_path set to the tenant's schema only, so every name below lands there.
-- Columns marked PRIVATE must never reach the public catalog.

CREATE TABLE job_categories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    description text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 1
);

CREATE TABLE job_postings (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id              bigint REFERENCES job_categories (id) ON DELETE SET NULL,
    title                    text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    slug                     text NOT NULL DEFAULT '' CHECK (length(slug) <= 220),
    reference_code           text NOT NULL DEFAULT '' CHECK (length(reference_code) <= 50),
    job_type                 text NOT NULL DEFAULT 'full_time'
        CHECK (job_type IN ('full_time', 'part_time', 'contract', 'internship', 'temporary', 'freelance')),
    experience_level         text NOT NULL DEFAULT 'mid'
        CHECK (experience_level IN ('entry', 'junior', 'mid', 'senior', 'lead', 'executive')),
    remote_policy            text NOT NULL DEFAULT 'on_site' CHECK (remote_policy IN ('on_site', 'remote', 'hybrid')),
    location_city            text NOT NULL DEFAULT '' CHECK (length(location_city) <= 100),
    location_state           text NOT NULL DEFAULT '' CHECK (length(location_state) <= 100),
    location_country         text NOT NULL DEFAULT '' CHECK (length(location_country) <= 100),
    latitude                 double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude                double precision CHECK (longitude BETWEEN -180 AND 180),
    description              text NOT NULL DEFAULT '',
    responsibilities         text NOT NULL DEFAULT '',
    requirements             text NOT NULL DEFAULT '',
    nice_to_have             text NOT NULL DEFAULT '',
    benefits                 text NOT NULL DEFAULT '',
    salary_min               numeric(12, 2) CHECK (salary_min >= 0),
    salary_max               numeric(12, 2) CHECK (salary_max >= 0),
    salary_currency          text NOT NULL DEFAULT 'USD' CHECK (salary_currency ~ '^[A-Z]{3}$'),
    salary_period            text NOT NULL DEFAULT 'yearly'
        CHECK (salary_period IN ('hourly', 'daily', 'weekly', 'monthly', 'yearly')),
    show_salary              boolean NOT NULL DEFAULT false,
    required_skills          text[] NOT NULL DEFAULT '{}',
    preferred_skills         text[] NOT NULL DEFAULT '{}',
    positions_count          integer NOT NULL DEFAULT 1 CHECK (positions_count BETWEEN 1 AND 10000),
    team                     text NOT NULL DEFAULT '' CHECK (length(team) <= 100),
    is_featured              boolean NOT NULL DEFAULT false,
    application_deadline     timestamptz,
    status                   text NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'open', 'on_hold', 'closed', 'filled', 'cancelled')),
    published_on_career_page boolean NOT NULL DEFAULT false,
    is_internal_only         boolean NOT NULL DEFAULT false,
    published_at             timestamptz,
    meta_title               text NOT NULL DEFAULT '' CHECK (length(meta_title) <= 200),
    meta_description         text NOT NULL DEFAULT '' CHECK (length(meta_description) <= 500),
    hiring_manager_email     text NOT NULL DEFAULT '', -- PRIVATE
    internal_notes           text NOT NULL DEFAULT '', -- PRIVATE
    application_email        text NOT NULL DEFAULT '', -- PRIVATE
    custom_questions         jsonb NOT NULL DEFAULT '[]', -- PRIVATE
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    version                  bigint NOT NULL DEFAULT 1,
    CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max)
);
CREATE INDEX job_postings_category ON job_postings (category_id);
-- Bulk sync streams the eligible rows in id order.
CREATE INDEX job_postings_public ON job_postings (id)
    WHERE published_on_career_page AND NOT is_internal_only AND status = 'open';

CREATE TABLE provider_categories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 1
);

CREATE TABLE service_providers (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    display_name            text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    provider_type           text NOT NULL DEFAULT 'individual' CHECK (provider_type IN ('individual', 'agency', 'company')),
    bio                     text NOT NULL DEFAULT '',
    tagline                 text NOT NULL DEFAULT '' CHECK (length(tagline) <= 200),
    avatar_url              text NOT NULL DEFAULT '' CHECK (length(avatar_url) <= 2000),
    cover_image_url         text NOT NULL DEFAULT '' CHECK (length(cover_image_url) <= 2000),
    city                    text NOT NULL DEFAULT '' CHECK (length(city) <= 100),
    state                   text NOT NULL DEFAULT '' CHECK (length(state) <= 100),
    country                 text NOT NULL DEFAULT '' CHECK (length(country) <= 100),
    latitude                double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude               double precision CHECK (longitude BETWEEN -180 AND 180),
    hourly_rate             numeric(10, 2) CHECK (hourly_rate >= 0),
    minimum_budget          numeric(12, 2) CHECK (minimum_budget >= 0),
    currency                text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    rating_avg              numeric(3, 2) NOT NULL DEFAULT 0 CHECK (rating_avg BETWEEN 0 AND 5),
    total_reviews           integer NOT NULL DEFAULT 0 CHECK (total_reviews >= 0),
    completed_jobs_count    integer NOT NULL DEFAULT 0 CHECK (completed_jobs_count >= 0),
    response_rate           integer NOT NULL DEFAULT 0 CHECK (response_rate BETWEEN 0 AND 100),
    avg_response_time_hours numeric(6, 1) CHECK (avg_response_time_hours >= 0),
    availability_status     text NOT NULL DEFAULT 'available'
        CHECK (availability_status IN ('available', 'busy', 'unavailable', 'on_leave')),
    is_verified             boolean NOT NULL DEFAULT false,
    is_featured             boolean NOT NULL DEFAULT false,
    is_accepting_projects   boolean NOT NULL DEFAULT true,
    can_work_remotely       boolean NOT NULL DEFAULT true,
    can_work_onsite         boolean NOT NULL DEFAULT false,
    marketplace_enabled     boolean NOT NULL DEFAULT false,
    is_active               boolean NOT NULL DEFAULT true,
    user_is_active          boolean NOT NULL DEFAULT true, -- the provider's user account
    published_at            timestamptz,
    email                   text NOT NULL DEFAULT '', -- PRIVATE
    phone                   text NOT NULL DEFAULT '', -- PRIVATE
    bank_account            text NOT NULL DEFAULT '', -- PRIVATE
    payment_account_id      text NOT NULL DEFAULT '', -- PRIVATE
    private_notes           text NOT NULL DEFAULT '', -- PRIVATE
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    version                 bigint NOT NULL DEFAULT 1
);
CREATE INDEX service_providers_public ON service_providers (id)
    WHERE marketplace_enabled AND is_active AND user_is_active;

CREATE TABLE provider_category_links (
    provider_id bigint NOT NULL REFERENCES service_providers (id) ON DELETE CASCADE,
    category_id bigint NOT NULL REFERENCES provider_categories (id) ON DELETE CASCADE,
    PRIMARY KEY (provider_id, category_id)
);
CREATE INDEX provider_category_links_category ON provider_category_links (category_id);

CREATE TABLE provider_skills (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id      bigint NOT NULL REFERENCES service_providers (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    level            text NOT NULL DEFAULT 'intermediate'
        CHECK (level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    years_experience integer NOT NULL DEFAULT 0 CHECK (years_experience BETWEEN 0 AND 80),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX provider_skills_name ON provider_skills (provider_id, lower(name));

-- Written by the public side (a visitor's application or inquiry), read by
-- the tenant through its API. job_id / provider_id are kept as plain ids with
-- ON DELETE SET NULL so that deleting a job never deletes what candidates sent.
CREATE TABLE applications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       bigint REFERENCES job_postings (id) ON DELETE SET NULL,
    job_title    text NOT NULL,
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email        text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    phone        text NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    resume_url   text NOT NULL DEFAULT '' CHECK (length(resume_url) <= 2000),
    resume_text  text NOT NULL DEFAULT '' CHECK (length(resume_text) <= 50000),
    cover_letter text NOT NULL DEFAULT '' CHECK (length(cover_letter) <= 20000),
    status       text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'reviewing', 'rejected', 'hired')),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_job ON applications (job_id, created_at DESC);

CREATE TABLE project_inquiries (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id   bigint REFERENCES service_providers (id) ON DELETE SET NULL,
    provider_name text NOT NULL,
    name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    message       text NOT NULL CHECK (length(btrim(message)) BETWEEN 1 AND 20000),
    budget        numeric(12, 2) CHECK (budget >= 0),
    currency      text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    status        text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'replied', 'closed')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_inquiries_provider ON project_inquiries (provider_id, created_at DESC);

-- version and updated_at are the database's, whoever writes.
CREATE TRIGGER job_categories_touch BEFORE UPDATE ON job_categories
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
CREATE TRIGGER job_postings_touch BEFORE UPDATE ON job_postings
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
CREATE TRIGGER provider_categories_touch BEFORE UPDATE ON provider_categories
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
CREATE TRIGGER service_providers_touch BEFORE UPDATE ON service_providers
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
CREATE TRIGGER provider_skills_touch BEFORE UPDATE ON provider_skills
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
