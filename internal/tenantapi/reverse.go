package tenantapi

import (
	"net/http"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/resume"
)

// maxSubmissionBody bounds a public submission: the largest fields (a
// résumé of 50,000 characters, a cover letter of 20,000) fit with room for
// multi-byte text.
const maxSubmissionBody = 512 << 10

// MaxApplicationBody bounds an application, the one submission that may
// carry a file: a résumé of resume.MaxBytes in base64 besides the largest
// fields and answers. A larger body is refused with 413, storing nothing.
const MaxApplicationBody = (resume.MaxBytes+2)/3*4 + maxSubmissionBody

// submitApplication serves POST /api/v1/careers/jobs/{id}/applications,
// {id} being the catalog id the public API lists jobs by.
func (h *Handler) submitApplication(w http.ResponseWriter, r *http.Request) {
	var a intake.Application
	id, err := pathID(r)
	if err == nil {
		err = httpx.DecodeJSON(w, r, &a, MaxApplicationBody)
	}
	var rec intake.Receipt
	if err == nil {
		rec, err = h.intake.SubmitApplication(r.Context(), id, a)
		err = valuesInvalid(err)
	}
	h.writeReceipt(w, r, rec, err)
}

// submitInquiry serves POST /api/v1/providers/{id}/inquiries.
func (h *Handler) submitInquiry(w http.ResponseWriter, r *http.Request) {
	var q intake.Inquiry
	id, err := pathID(r)
	if err == nil {
		err = httpx.DecodeJSON(w, r, &q, maxSubmissionBody)
	}
	var rec intake.Receipt
	if err == nil {
		rec, err = h.intake.SubmitInquiry(r.Context(), id, q)
		err = valuesInvalid(err)
	}
	h.writeReceipt(w, r, rec, err)
}

func (h *Handler) writeReceipt(w http.ResponseWriter, r *http.Request, rec intake.Receipt, err error) {
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, rec)
}

// valuesInvalid marks intake's invalid-input errors, which concern values
// of a body that decoded fine, as 422 like the tenant API's.
func valuesInvalid(err error) error {
	if domain.ErrorCode(err) == domain.CodeInvalid {
		return semantic(err)
	}
	return err
}
