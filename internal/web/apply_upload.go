package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/resume"
)

// maxUploadBytes bounds the body of the apply form, the one form that takes
// a file: a résumé of resume.MaxBytes besides the largest other fields.
// Everything past it is refused with 413 before anything is stored.
const maxUploadBytes = resume.MaxBytes + maxFormBytes

const resumeFileField = "resume_file"

// uploadedResume reads the résumé file of a multipart form: nil when the
// visitor chose none (a browser then sends the field empty, without a file
// name). Its type is not taken from the part's Content-Type or name:
// intake sniffs it.
func uploadedResume(r *http.Request) (*resume.Upload, error) {
	f, hdr, err := r.FormFile(resumeFileField)
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, domain.FieldError(resumeFileField, "could not be read: send it again")
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, resume.MaxBytes+1))
	if err != nil {
		return nil, domain.FieldError(resumeFileField, "could not be read: send it again")
	}
	return &resume.Upload{FileName: hdr.Filename, Content: b}, nil
}
