package notify

import "time"

// The data of each event type: what the payload's "data" object holds.
// They carry the tenant's own rows only, and go to that tenant alone.

// ApplicationData is a new application as the tenant will read it.
type ApplicationData struct {
	ID          int64     `json:"id"`
	JobID       int64     `json:"job_id"`
	JobTitle    string    `json:"job_title"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Phone       string    `json:"phone"`
	ResumeURL   string    `json:"resume_url"`
	CoverLetter string    `json:"cover_letter"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"created_at"`
}

// InquiryData is a new project inquiry.
type InquiryData struct {
	ID           int64     `json:"id"`
	ProviderID   int64     `json:"provider_id"`
	ProviderName string    `json:"provider_name"`
	Name         string    `json:"name"`
	Email        string    `json:"email"`
	Message      string    `json:"message"`
	Budget       *float64  `json:"budget"`
	Currency     string    `json:"currency"`
	Status       string    `json:"status"`
	CreatedAt    time.Time `json:"created_at"`
}

// Submitted wraps a new submission: {"application": {...}} or
// {"inquiry": {...}}.
type Submitted struct {
	Application *ApplicationData `json:"application,omitempty"`
	Inquiry     *InquiryData     `json:"inquiry,omitempty"`
}

// StatusChanged is a move of a submission through its pipeline.
type StatusChanged struct {
	ID         int64  `json:"id"` // the application's or inquiry's
	FromStatus string `json:"from_status"`
	ToStatus   string `json:"to_status"`
	Note       string `json:"note"`
	Actor      string `json:"actor"` // the API key that moved it
	Version    int64  `json:"version"`
}

// ListingData is a listing's change in the public catalog.
type ListingData struct {
	Kind string `json:"kind"` // job or provider
	ID   int64  `json:"id"`   // in the tenant's schema
	// Reason and ReasonText say why a listing left or stays out of the
	// catalog, as catalog-status does; "deleted" when its row is gone.
	Reason     string `json:"reason,omitempty"`
	ReasonText string `json:"reason_text,omitempty"`
}

// Listing wraps ListingData: {"listing": {...}}.
type Listing struct {
	Listing ListingData `json:"listing"`
}
