package intake

import (
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/questions"
	"github.com/zumodra/zumodra/internal/resume"
)

// Service writes applications and inquiries into tenant schemas.
type Service struct {
	pool   *pgxpool.Pool
	log    *slog.Logger
	now    func() time.Time
	window time.Duration // see WithDuplicateWindow
	events notify.Recorder
	count  Counter // see WithCounter; nil counts nothing
}

// Counter hears of each stored submission, by catalog and public id of
// the row it was sent to (internal/counts counts them for the pages).
type Counter interface {
	Submitted(c kind.Catalog, publicID int64)
}

// WithCounter returns a copy of s that tells c of every submission it
// stores; a repeat within the duplicate window is not told.
func (s *Service) WithCounter(c Counter) *Service {
	d := *s
	d.count = c
	return &d
}

// counted tells the counter of a stored submission.
func (s *Service) counted(c kind.Catalog, publicID int64, r Receipt) {
	if s.count != nil && !r.repeat {
		s.count.Submitted(c, publicID)
	}
}

// New returns a Service on pool.
func New(pool *pgxpool.Pool, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{pool: pool, log: log, now: time.Now, window: DefaultDuplicateWindow}
}

// WithClock returns a copy of s that reads the time from now, so tests can
// put an application deadline in the past without sleeping.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// WithNotify returns a copy of s that records its events with r: with
// r.Mail, new submissions are mailed to tenants that set an address.
func (s *Service) WithNotify(r notify.Recorder) *Service {
	c := *s
	c.events = r
	return &c
}

// Application is what a visitor sends to apply for a job.
type Application struct {
	Name        string `json:"name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	ResumeURL   string `json:"resume_url"`
	ResumeText  string `json:"resume_text"`
	CoverLetter string `json:"cover_letter"`
	// Answers answer the job's application questions by question id;
	// they are checked against the questions of the job's source row.
	Answers questions.Answers `json:"answers"`
	// ResumeFile is an uploaded PDF, DOCX or ODT; nil for none.
	ResumeFile *resume.Upload `json:"resume_file"`
}

// Inquiry is what a visitor sends to propose a project to a provider.
type Inquiry struct {
	Name     string   `json:"name"`
	Email    string   `json:"email"`
	Message  string   `json:"message"`
	Budget   *float64 `json:"budget"`
	Currency string   `json:"currency"`
}

// Receipt confirms a stored submission: its id in the tenant's schema, the
// tenant's name and the job title or provider name it was sent to. A
// repeat within the duplicate window gets the first one's receipt.
type Receipt struct {
	ID         int64  `json:"id"`
	TenantName string `json:"tenant_name"`
	Title      string `json:"title"`
	repeat     bool
	mailed     bool
}

// Mailed reports whether the tenant is told of the submission by e-mail:
// the server sends mail and the tenant set a notification address. A
// repeat reports whether the first one would be mailed now.
func (r Receipt) Mailed() bool { return r.mailed }
