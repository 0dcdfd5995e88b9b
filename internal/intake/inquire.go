package intake

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/catalog"
	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/projection"
	"github.com/zumodra/zumodra/internal/source"
)

// SubmitInquiry stores a project inquiry for the provider behind a catalog
// row in the schema of the tenant that owns it.
func (s *Service) SubmitInquiry(ctx context.Context, catalogProviderID int64, q Inquiry) (Receipt, error) {
	q = q.normalised()
	if err := q.Validate(); err != nil {
		return Receipt{}, err
	}
	if q.Currency == "" {
		q.Currency = DefaultCurrency
	}
	o, err := catalog.OriginOf(ctx, s.pool, kind.Providers, catalogProviderID)
	if err != nil {
		return Receipt{}, err
	}
	var r Receipt
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		r, err = s.insertInquiry(ctx, tx, o, q)
		return err
	})
	if err != nil {
		return Receipt{}, s.failed(ctx, "inquiry", catalogProviderID, err)
	}
	s.counted(kind.Providers, catalogProviderID, r)
	s.log.InfoContext(ctx, "inquiry stored", "tenant_id", o.TenantID, "provider_id", o.SourceID, "inquiry_id", r.ID, "repeat", r.repeat)
	return r, nil
}

func (s *Service) insertInquiry(ctx context.Context, tx pgx.Tx, o catalog.Origin, q Inquiry) (Receipt, error) {
	t, err := lockTenant(ctx, tx, o.TenantID)
	if err != nil {
		return Receipt{}, err
	}
	name, err := lockPublicProvider(ctx, tx, t, o.SourceID, s.now())
	if err != nil {
		return Receipt{}, err
	}
	r := Receipt{TenantName: t.Name, Title: name}
	if r.ID, err = s.earlier(ctx, tx, t, inquiryRepeat, o.SourceID, q.Email); err != nil || r.ID != 0 {
		r.repeat = true
		if err == nil {
			r.mailed, err = s.events.WillMail(ctx, tx, t.ID)
		}
		return r, err
	}
	d := notify.InquiryData{ProviderID: o.SourceID, ProviderName: name, Name: q.Name, Email: q.Email, Message: q.Message,
		Budget: q.Budget, Currency: q.Currency}
	err = tx.QueryRow(ctx, `INSERT INTO `+tenantTable(t, "project_inquiries")+`
		(provider_id, provider_name, name, email, message, budget, currency, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id, status, created_at`,
		o.SourceID, name, q.Name, q.Email, q.Message, q.Budget, q.Currency, s.now()).Scan(&r.ID, &d.Status, &d.CreatedAt)
	if err != nil {
		return Receipt{}, fmt.Errorf("insert inquiry into %s: %w", t.SchemaName, err)
	}
	d.ID = r.ID
	return r, s.announce(ctx, tx, t, &r, notify.Event{Type: notify.InquiryCreated, Data: notify.Submitted{Inquiry: &d}})
}

// lockPublicProvider locks the provider row and checks, under that lock,
// every rule that makes a provider public (projection.ProviderExclusion,
// projection.ProviderTimeExclusion at now).
func lockPublicProvider(ctx context.Context, tx pgx.Tx, t domain.Tenant, providerID int64, now time.Time) (string, error) {
	p, err := source.LockProvider(ctx, tx, t, providerID)
	if errors.Is(err, source.ErrRowGone) {
		return "", errGone
	}
	if err != nil {
		return "", err
	}
	if projection.ProviderExclusion(projection.ProviderInput{Tenant: t, Provider: p}) != projection.Public {
		return "", errGone
	}
	if err := timeRefusal(projection.ProviderTimeExclusion(p, now)); err != nil {
		return "", err
	}
	return p.DisplayName, nil
}
