-- The public street address and postal code of a job (tenant 0005). Rows
-- already in the catalog have neither, as their source rows do not yet.
ALTER TABLE public.job_catalog
    ADD COLUMN street_address text NOT NULL DEFAULT '',
    ADD COLUMN postal_code    text NOT NULL DEFAULT '';
