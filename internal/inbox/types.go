package inbox

import (
	"encoding/json"
	"time"

	"github.com/zumodra/zumodra/internal/resume"
)

// Application is a visitor's job application as the tenant reads it.
type Application struct {
	ID          int64           `json:"id" db:"id"`
	JobID       *int64          `json:"job_id" db:"job_id"`
	JobTitle    string          `json:"job_title" db:"job_title"`
	Name        string          `json:"name" db:"name"`
	Email       string          `json:"email" db:"email"`
	Phone       string          `json:"phone" db:"phone"`
	ResumeURL   string          `json:"resume_url" db:"resume_url"`
	ResumeText  string          `json:"resume_text" db:"resume_text"`
	CoverLetter string          `json:"cover_letter" db:"cover_letter"`
	Answers     json.RawMessage `json:"answers" db:"answers"`
	ResumeFile  *resume.Info    `json:"resume_file" db:"resume_file"` // GET .../resume downloads it
	Status      string          `json:"status" db:"status"`
	Version     int64           `json:"version" db:"version"`
	CreatedAt   time.Time       `json:"created_at" db:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at" db:"updated_at"`
}

// Inquiry is a visitor's project inquiry as the tenant reads it.
type Inquiry struct {
	ID           int64     `json:"id" db:"id"`
	ProviderID   *int64    `json:"provider_id" db:"provider_id"`
	ProviderName string    `json:"provider_name" db:"provider_name"`
	Name         string    `json:"name" db:"name"`
	Email        string    `json:"email" db:"email"`
	Message      string    `json:"message" db:"message"`
	Budget       *float64  `json:"budget" db:"budget"`
	Currency     string    `json:"currency" db:"currency"`
	Status       string    `json:"status" db:"status"`
	Version      int64     `json:"version" db:"version"`
	CreatedAt    time.Time `json:"created_at" db:"created_at"`
	UpdatedAt    time.Time `json:"updated_at" db:"updated_at"`
}

// HistoryEntry is one move of a submission through its pipeline.
type HistoryEntry struct {
	ID         int64     `json:"id" db:"id"`
	Actor      string    `json:"actor" db:"actor"`
	FromStatus string    `json:"from_status" db:"from_status"`
	ToStatus   string    `json:"to_status" db:"to_status"`
	Note       string    `json:"note" db:"note"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
}
