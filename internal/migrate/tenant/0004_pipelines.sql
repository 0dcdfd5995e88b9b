-- Applications and inquiries become pipelines the tenant moves along. Each
-- move bumps version (the API's ETag) and leaves a history row saying who
-- moved it, when, from where to where and why. History rows go with their
-- submission (ON DELETE CASCADE), so erasing an applicant erases their trail.

ALTER TABLE applications DROP CONSTRAINT applications_status_check;
ALTER TABLE applications ADD CONSTRAINT applications_status_check
    CHECK (status IN ('new', 'reviewing', 'interview', 'offer', 'hired', 'rejected', 'withdrawn'));
ALTER TABLE applications
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN version    bigint NOT NULL DEFAULT 1,
    -- The answers to the job's custom questions, by question id, as the
    -- applicant gave them (checked against the questions when sent).
    ADD COLUMN answers    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object');

-- 'closed' said nothing about the outcome; it becomes 'lost', the closest.
ALTER TABLE project_inquiries DROP CONSTRAINT project_inquiries_status_check;
UPDATE project_inquiries SET status = 'lost' WHERE status = 'closed';
ALTER TABLE project_inquiries ADD CONSTRAINT project_inquiries_status_check
    CHECK (status IN ('new', 'replied', 'won', 'lost', 'spam'));
ALTER TABLE project_inquiries
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN version    bigint NOT NULL DEFAULT 1;

CREATE TRIGGER applications_touch BEFORE UPDATE ON applications
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();
CREATE TRIGGER project_inquiries_touch BEFORE UPDATE ON project_inquiries
    FOR EACH ROW EXECUTE FUNCTION public.zumodra_touch();

CREATE TABLE application_history (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    from_status    text NOT NULL,
    to_status      text NOT NULL,
    note           text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_history_application ON application_history (application_id, id);

CREATE TABLE inquiry_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inquiry_id  bigint NOT NULL REFERENCES project_inquiries (id) ON DELETE CASCADE,
    actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    from_status text NOT NULL,
    to_status   text NOT NULL,
    note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inquiry_history_inquiry ON inquiry_history (inquiry_id, id);

-- Inbox filters: by status, newest first; the duplicate check looks up one
-- address's recent submissions to one job or provider.
CREATE INDEX applications_status ON applications (status, id DESC);
CREATE INDEX project_inquiries_status ON project_inquiries (status, id DESC);
CREATE INDEX applications_duplicate ON applications (job_id, lower(email), created_at DESC);
CREATE INDEX project_inquiries_duplicate ON project_inquiries (provider_id, lower(email), created_at DESC);
-- Export, erase and the retention sweep find an applicant's rows by address
-- and the old rows by age.
CREATE INDEX applications_email ON applications (lower(email));
CREATE INDEX project_inquiries_email ON project_inquiries (lower(email));
CREATE INDEX applications_created ON applications (created_at);
CREATE INDEX project_inquiries_created ON project_inquiries (created_at);
