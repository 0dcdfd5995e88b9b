-- A position is both coordinates or neither: half of one places nothing,
-- and the projection ignores it (it looks the city up in the gazetteer
-- instead). The tenant API refuses half a position with 422; these CHECKs
-- hold every other writer to the same rule. NOT VALID, so that the
-- migration applies to a schema that already holds such rows: they are
-- refused only when next written, which is when their owner can fix them.
ALTER TABLE job_postings
    ADD CONSTRAINT job_postings_coordinates_check
        CHECK ((latitude IS NULL) = (longitude IS NULL)) NOT VALID;
ALTER TABLE service_providers
    ADD CONSTRAINT service_providers_coordinates_check
        CHECK ((latitude IS NULL) = (longitude IS NULL)) NOT VALID;
