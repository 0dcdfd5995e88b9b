-- What a job's application form asks, and the résumé files applicants send.
--
-- application_questions are typed questions shown to every applicant (short
-- text, long text, yes/no, single or multiple choice; internal/questions is
-- the rule): public by nature, so the projection copies them, in canonical
-- form, to the catalog (shared 0027). custom_questions stays what the
-- original had: the tenant's private notes, never shown. The CHECK bounds
-- what any SQL writer may store; the tenant API checks each question too,
-- and the projection turns a row whose questions do not parse into a row
-- error. The capture triggers fire on every UPDATE of job_postings and the
-- bulk sync's fingerprints hash the row's xmin, so a change to the column
-- reaches the catalog like any other.
ALTER TABLE job_postings
    ADD COLUMN application_questions jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(application_questions) = 'array'
               AND jsonb_array_length(application_questions) <= 30
               AND octet_length(application_questions::text) <= 65536);

-- One résumé file per application, as uploaded: the type is the one sniffed
-- from the content (never the client's word), the name sanitised for a
-- Content-Disposition. The file goes with its application: export, erase
-- and the retention purge treat it as one of the application's related
-- rows (internal/inbox), and ON DELETE CASCADE covers any other delete.
-- Already-compressed formats gain nothing from TOAST compression: stored
-- EXTERNAL, out of line as is.
CREATE TABLE application_resumes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id bigint NOT NULL UNIQUE REFERENCES applications (id) ON DELETE CASCADE,
    file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
    content_type   text NOT NULL CHECK (content_type IN ('application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.oasis.opendocument.text')),
    size           integer NOT NULL CHECK (size BETWEEN 1 AND 5242880),
    sha256         bytea NOT NULL CHECK (length(sha256) = 32),
    content        bytea NOT NULL CHECK (length(content) = size),
    created_at     timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE application_resumes ALTER COLUMN content SET STORAGE EXTERNAL;
