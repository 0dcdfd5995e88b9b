package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/pgq"
	"github.com/zumodra/zumodra/internal/webhooks"
)

// Bounds of an endpoint, as the CHECKs of shared migration 0026 hold them.
const (
	MaxEndpoints       = 20 // per tenant: each is one more delivery of every event
	maxURL             = 2000
	maxDescription     = 500
	DefaultRotateGrace = 24 * time.Hour
)

// Endpoint is a registered webhook endpoint as the tenant reads it. The
// secret is shown once, when made (see Secret).
type Endpoint struct {
	ID          int64     `json:"id"`
	URL         string    `json:"url"`
	Description string    `json:"description"`
	Events      []string  `json:"events"`
	Active      bool      `json:"active"`
	Version     int64     `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// PreviousSecretExpiresAt is the end of a rotation's grace period, until
	// which deliveries carry a signature by the previous secret as well.
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at"`
}

// Secret is an endpoint with its signing secret, answered when the secret
// is made: at registration and at rotation.
type Secret struct {
	Endpoint
	Secret string `json:"secret"`
}

// EndpointInput is what a tenant sends to register or change an endpoint;
// a change lays the given fields over the current ones.
type EndpointInput struct {
	URL         string   `json:"url"`
	Description string   `json:"description"`
	Events      []string `json:"events"`
	Active      *bool    `json:"active"`
}

// Endpoints reads and writes a tenant's endpoints. Guard checks every URL
// when it is set; Grace is how long a rotated secret still signs.
type Endpoints struct {
	Guard webhooks.Guard
	Grace time.Duration
}

// endpointColumns shows the end of a grace period only while it lasts.
const endpointColumns = `id, url, description, events, active, version, created_at, updated_at,
	CASE WHEN previous_secret_until > now() THEN previous_secret_until END`

func scanEndpoint(row pgx.Row) (Endpoint, error) {
	var e Endpoint
	err := row.Scan(&e.ID, &e.URL, &e.Description, &e.Events, &e.Active, &e.Version, &e.CreatedAt, &e.UpdatedAt, &e.PreviousSecretExpiresAt)
	return e, err
}

// validate normalises in and reports every bad field; a URL other than
// unchanged (the one the endpoint has) is resolved and refused when it is
// not public (unless the guard allows it). An unchanged one is not looked
// up again: deliveries check every address they dial anyway, and pausing
// an endpoint must not fail because its host is down.
func (s Endpoints) validate(ctx context.Context, in *EndpointInput, unchanged string) error {
	in.URL, in.Description = strings.TrimSpace(in.URL), strings.TrimSpace(in.Description)
	var l check.List
	if err := check.Line("url", in.URL, 1, maxURL); err != nil {
		l.Add(err)
	} else if in.URL != unchanged {
		l.Add(urlError(s.Guard.CheckURL(ctx, in.URL)))
	}
	l.Add(check.Line("description", in.Description, 0, maxDescription))
	events, err := parseEvents(in.Events)
	in.Events = events
	l.Add(err)
	return l.Err()
}

func urlError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, webhooks.ErrBadURL):
		return domain.FieldError("url", "must be an absolute http or https URL with a host and no user name or password")
	case errors.Is(err, webhooks.ErrForbiddenAddress):
		return domain.FieldError("url", "names or resolves to a loopback, private, link-local or otherwise non-public address; deliveries never go there")
	}
	return domain.FieldError("url", "has a host that does not resolve now; give one that does")
}

// parseEvents checks a subscription: known types, at least one, each once.
func parseEvents(events []string) ([]string, error) {
	if len(events) == 0 {
		return nil, domain.FieldError("events", "must name at least one of %s", strings.Join(Types, ", "))
	}
	var out []string
	for _, e := range events {
		if !slices.Contains(Types, e) {
			return nil, domain.FieldError("events", "must each be one of %s", strings.Join(Types, ", "))
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Create registers an endpoint with a fresh secret, active unless in says
// otherwise.
func (s Endpoints) Create(ctx context.Context, q pgq.Querier, tenantID int64, in EndpointInput) (Secret, error) {
	if err := s.validate(ctx, &in, ""); err != nil {
		return Secret{}, err
	}
	secret, err := webhooks.NewSecret()
	if err != nil {
		return Secret{}, err
	}
	// The count and the insert are one statement, and the tenant's row is
	// locked first, so two registrations racing cannot both pass the cap.
	if _, err := q.Exec(ctx, `SELECT FROM public.tenants WHERE id = $1 FOR NO KEY UPDATE`, tenantID); err != nil {
		return Secret{}, fmt.Errorf("notify: lock tenant %d: %w", tenantID, err)
	}
	active := in.Active == nil || *in.Active
	e, err := scanEndpoint(q.QueryRow(ctx, `INSERT INTO public.webhook_endpoints (tenant_id, url, description, events, active, secret)
		SELECT $1, $2, $3, $4, $5, $6
		WHERE (SELECT count(*) FROM public.webhook_endpoints WHERE tenant_id = $1) < $7
		RETURNING `+endpointColumns, tenantID, in.URL, in.Description, in.Events, active, secret, MaxEndpoints))
	if errors.Is(err, pgx.ErrNoRows) {
		return Secret{}, domain.FieldError("url", "is one endpoint too many: a tenant has at most %d; delete one first", MaxEndpoints)
	}
	if err != nil {
		return Secret{}, fmt.Errorf("notify: register endpoint: %w", err)
	}
	return Secret{Endpoint: e, Secret: secret}, nil
}

// List returns up to limit endpoints of the tenant with ids above after.
func (Endpoints) List(ctx context.Context, q pgq.Querier, tenantID, after int64, limit int) ([]Endpoint, error) {
	rows, err := q.Query(ctx, `SELECT `+endpointColumns+` FROM public.webhook_endpoints
		WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3`, tenantID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("notify: list endpoints: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Endpoint, error) { return scanEndpoint(r) })
	if err != nil {
		return nil, fmt.Errorf("notify: list endpoints: %w", err)
	}
	return out, nil
}

// Get returns one endpoint of the tenant.
func (Endpoints) Get(ctx context.Context, q pgq.Querier, tenantID, id int64) (Endpoint, error) {
	e, err := scanEndpoint(q.QueryRow(ctx, `SELECT `+endpointColumns+` FROM public.webhook_endpoints
		WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	return e, endpointErr(err, id)
}

func endpointErr(err error, id int64) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return domain.Errorf(domain.CodeNotFound, "webhook endpoint %d not found", id)
	}
	if err != nil {
		return fmt.Errorf("notify: endpoint %d: %w", id, err)
	}
	return nil
}

// Update lays in over endpoint id if it is still at version. A field left
// out of the request body keeps its value: patch tells which were given.
func (s Endpoints) Update(ctx context.Context, q pgq.Querier, tenantID, id, version int64, patch func(*EndpointInput) error) (Endpoint, error) {
	cur, err := s.locked(ctx, q, tenantID, id, version)
	if err != nil {
		return Endpoint{}, err
	}
	in := EndpointInput{URL: cur.URL, Description: cur.Description, Events: cur.Events, Active: &cur.Active}
	if err := patch(&in); err != nil {
		return Endpoint{}, err
	}
	if in.Active == nil {
		return Endpoint{}, domain.FieldError("active", "must be true or false")
	}
	if err := s.validate(ctx, &in, cur.URL); err != nil {
		return Endpoint{}, err
	}
	e, err := scanEndpoint(q.QueryRow(ctx, `UPDATE public.webhook_endpoints
		SET url = $3, description = $4, events = $5, active = $6, version = version + 1, updated_at = now()
		WHERE tenant_id = $1 AND id = $2 RETURNING `+endpointColumns, tenantID, id, in.URL, in.Description, in.Events, *in.Active))
	return e, endpointErr(err, id)
}

// locked reads endpoint id FOR UPDATE and checks it is at version.
func (Endpoints) locked(ctx context.Context, q pgq.Querier, tenantID, id, version int64) (Endpoint, error) {
	e, err := scanEndpoint(q.QueryRow(ctx, `SELECT `+endpointColumns+` FROM public.webhook_endpoints
		WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, tenantID, id))
	if err := endpointErr(err, id); err != nil {
		return Endpoint{}, err
	}
	if e.Version != version {
		return Endpoint{}, domain.Errorf(domain.CodePrecondition,
			"webhook endpoint %d was changed by someone else (now \"v%d\"); read it again and reapply your change", id, e.Version)
	}
	return e, nil
}

// Delete removes endpoint id at version, and its deliveries with it.
func (s Endpoints) Delete(ctx context.Context, q pgq.Querier, tenantID, id, version int64) error {
	if _, err := s.locked(ctx, q, tenantID, id, version); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `DELETE FROM public.webhook_endpoints WHERE tenant_id = $1 AND id = $2`, tenantID, id); err != nil {
		return fmt.Errorf("notify: delete endpoint %d: %w", id, err)
	}
	return nil
}

// Rotate gives endpoint id a new secret. The one it replaces keeps
// signing, beside the new one, for the grace period, so a receiver can
// switch without refusing a delivery; a rotation within the grace period
// of the last one drops the oldest secret at once.
func (s Endpoints) Rotate(ctx context.Context, q pgq.Querier, tenantID, id, version int64) (Secret, error) {
	if _, err := s.locked(ctx, q, tenantID, id, version); err != nil {
		return Secret{}, err
	}
	secret, err := webhooks.NewSecret()
	if err != nil {
		return Secret{}, err
	}
	grace := s.Grace
	if grace <= 0 {
		grace = DefaultRotateGrace
	}
	e, err := scanEndpoint(q.QueryRow(ctx, `UPDATE public.webhook_endpoints
		SET previous_secret = secret, previous_secret_until = now() + make_interval(secs => $4), secret = $3,
		    version = version + 1, updated_at = now()
		WHERE tenant_id = $1 AND id = $2 RETURNING `+endpointColumns, tenantID, id, secret, grace.Seconds()))
	if err := endpointErr(err, id); err != nil {
		return Secret{}, err
	}
	return Secret{Endpoint: e, Secret: secret}, nil
}
