-- A job's street address and postal code, optional: an address the tenant
-- chooses to publish, so the projection copies them to the catalog (shared
-- 0020) and the job page and its JobPosting's PostalAddress show them. The
-- capture triggers fire on every UPDATE of job_postings and the bulk sync's
-- fingerprints hash the row's xmin (shared 0018), so a change to either
-- column reaches the catalog like any other.
ALTER TABLE job_postings
    ADD COLUMN street_address text NOT NULL DEFAULT '' CHECK (length(street_address) <= 200),
    ADD COLUMN postal_code    text NOT NULL DEFAULT '' CHECK (length(postal_code) <= 20);
