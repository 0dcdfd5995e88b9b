-- Idempotency-Key records of the tenant API: a write sent again with the
-- same key is answered with the first answer instead of being done twice.
-- The row is inserted in the transaction of the write it guards, so the
-- write and its key commit or vanish together; the answer is recorded just
-- after the commit. Rows older than the retention (internal/idempotency)
-- are swept by cleanup and may be reused.
CREATE TABLE public.tenant_idempotency_keys (
    tenant_id    bigint      NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    fingerprint  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    status       integer,
    headers      jsonb,
    body         bytea,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX tenant_idempotency_keys_created_at ON public.tenant_idempotency_keys (created_at);
