-- Each worker records how often it beats, so that readers count it dead
-- after two missed beats instead of after a fixed minute.
ALTER TABLE public.worker_heartbeats ADD COLUMN interval_ms integer NOT NULL DEFAULT 10000
    CHECK (interval_ms > 0);
