package domain

import "time"

// Tenant statuses.
const (
	TenantActive    = "active"
	TenantSuspended = "suspended"
)

// Tenant is a company or agency with its own schema.
type Tenant struct {
	ID         int64     `json:"id"`
	Slug       string    `json:"slug"`
	Name       string    `json:"name"`
	LogoURL    string    `json:"logo_url"`
	SchemaName string    `json:"schema_name"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Active reports whether the tenant's published rows may be public.
func (t Tenant) Active() bool { return t.Status == TenantActive }
