-- Notifications: the webhook endpoints tenants register, the events that
-- concern them, and the deliveries of each event to each endpoint or
-- e-mail address, with a log of every attempt.
--
-- These rows live in the shared schema, keyed by tenant, rather than in the
-- tenants' schemas: one delivery worker claims due deliveries of every
-- tenant with one indexed query (FOR UPDATE SKIP LOCKED), as the sync
-- workers claim the sync outbox, instead of visiting thousands of schemas.
-- Every statement names its tenant (internal/notify), and a tenant's rows
-- go with it (ON DELETE CASCADE).

CREATE TABLE public.webhook_endpoints (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id             bigint      NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    url                   text        NOT NULL CHECK (url ~* '^https?://' AND length(url) <= 2000),
    description           text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    events                text[]      NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 20 AND array_position(events, NULL) IS NULL),
    active                boolean     NOT NULL DEFAULT true,
    -- The signing secret, and during a rotation's grace period the one it
    -- replaced: both sign until previous_secret_until.
    secret                text        NOT NULL,
    previous_secret       text,
    previous_secret_until timestamptz,
    version               bigint      NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
);
CREATE INDEX webhook_endpoints_tenant ON public.webhook_endpoints (tenant_id, id);

-- A tenant's private notification settings, apart from its public company
-- profile on public.tenants: nothing here may ever reach the catalog.
CREATE TABLE public.notification_settings (
    tenant_id  bigint      PRIMARY KEY REFERENCES public.tenants (id) ON DELETE CASCADE,
    email      text        NOT NULL DEFAULT '' CHECK (length(email) <= 254),
    version    bigint      NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One event, written in the transaction that caused it. webhook_id is the
-- Standard Webhooks id, the same across retries and replays.
CREATE TABLE public.notify_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  bigint      NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    webhook_id uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    type       text        NOT NULL CHECK (length(type) <= 100),
    data       jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notify_events_tenant ON public.notify_events (tenant_id, id);
CREATE INDEX notify_events_created ON public.notify_events (created_at);

-- One event to one destination: a webhook endpoint or an e-mail address.
CREATE TABLE public.notify_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       bigint      NOT NULL REFERENCES public.tenants (id) ON DELETE CASCADE,
    event_id        bigint      NOT NULL REFERENCES public.notify_events (id) ON DELETE CASCADE,
    channel         text        NOT NULL CHECK (channel IN ('webhook', 'email')),
    endpoint_id     bigint      REFERENCES public.webhook_endpoints (id) ON DELETE CASCADE,
    recipient       text        NOT NULL DEFAULT '' CHECK (length(recipient) <= 254),
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text        NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL)),
    CHECK ((channel = 'email') = (recipient <> ''))
);
-- The workers' claim: due pending deliveries, oldest due first.
CREATE INDEX notify_deliveries_due ON public.notify_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notify_deliveries_tenant ON public.notify_deliveries (tenant_id, id);
CREATE INDEX notify_deliveries_event ON public.notify_deliveries (event_id);
CREATE INDEX notify_deliveries_endpoint ON public.notify_deliveries (endpoint_id);

-- Every attempt of a delivery: what the receiver answered (an HTTP status
-- or an SMTP reply code), how long it took, the error and the start of the
-- response.
CREATE TABLE public.notify_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id  bigint      NOT NULL REFERENCES public.notify_deliveries (id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    status_code  integer,
    duration_ms  integer     NOT NULL CHECK (duration_ms >= 0),
    error        text        NOT NULL DEFAULT '' CHECK (length(error) <= 2000),
    response     text        NOT NULL DEFAULT '' CHECK (length(response) <= 2000)
);
CREATE INDEX notify_attempts_delivery ON public.notify_attempts (delivery_id, id);
