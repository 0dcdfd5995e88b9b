package resume

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Upload is a file as the applicant sent it: the name their system gave
// it and its bytes. In JSON the content is base64 (standard alphabet).
type Upload struct {
	FileName string `json:"file_name"`
	Content  []byte `json:"content"`
}

// File is an accepted résumé file.
type File struct {
	FileName    string
	ContentType string
	Size        int
	SHA256      [32]byte
	Content     []byte
	CreatedAt   time.Time
}

// Accept checks an upload and returns the file to store.
func Accept(u Upload) (File, error) {
	ct, err := Sniff(u.Content)
	if err != nil {
		return File{}, err
	}
	return File{FileName: CleanName(u.FileName, ct), ContentType: ct, Size: len(u.Content),
		SHA256: sha256.Sum256(u.Content), Content: u.Content}, nil
}

// Info describes a stored file without its bytes, as the tenant's
// application shows it.
type Info struct {
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"` // hex
}

// InfoColumn is a SELECT expression giving, for each row of the tenant's
// applications table (as apps), its file's Info as JSON, or NULL.
func InfoColumn(t domain.Tenant, apps string) string {
	return `(SELECT jsonb_build_object('file_name', r.file_name, 'content_type', r.content_type, 'size', r.size,
		'sha256', encode(r.sha256, 'hex')) FROM ` + table(t) + ` r WHERE r.application_id = ` + apps + `.id)`
}

func table(t domain.Tenant) string {
	return pgx.Identifier{t.SchemaName, "application_resumes"}.Sanitize()
}

// Store keeps f as the résumé of an application of tenant t, in the
// caller's transaction.
func Store(ctx context.Context, q pgq.Querier, t domain.Tenant, applicationID int64, f File, now time.Time) error {
	_, err := q.Exec(ctx, `INSERT INTO `+table(t)+` (application_id, file_name, content_type, size, sha256, content, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, applicationID, f.FileName, f.ContentType, f.Size, f.SHA256[:], f.Content, now)
	if err != nil {
		return fmt.Errorf("store résumé of application %d in %s: %w", applicationID, t.SchemaName, err)
	}
	return nil
}

// ErrNone is returned by Load for an application without a file.
var ErrNone = domain.Errorf(domain.CodeNotFound, "this application has no résumé file")

// Load reads the résumé file of an application of tenant t.
func Load(ctx context.Context, q pgq.Querier, t domain.Tenant, applicationID int64) (File, error) {
	var f File
	var sum []byte
	err := q.QueryRow(ctx, `SELECT file_name, content_type, size, sha256, content, created_at FROM `+table(t)+`
		WHERE application_id = $1`, applicationID).Scan(&f.FileName, &f.ContentType, &f.Size, &sum, &f.Content, &f.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return f, ErrNone
	}
	if err != nil {
		return f, fmt.Errorf("load résumé of application %d in %s: %w", applicationID, t.SchemaName, err)
	}
	copy(f.SHA256[:], sum)
	return f, nil
}
