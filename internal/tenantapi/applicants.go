package tenantapi

import (
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/idempotency"
	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/intake"
)

// applicantExport is everything the tenant holds about one address:
// GET applicants?email=.
type applicantExport struct {
	Email        string                    `json:"email"`
	Applications []inbox.ApplicationRecord `json:"applications"`
	Inquiries    []inbox.InquiryRecord     `json:"inquiries"`
}

// applicantErasure says what DELETE applicants?email= deleted: the ids of
// the submissions and the rows by table. It repeats no personal data, so
// neither the answer nor its Idempotency-Key record holds the address.
type applicantErasure struct {
	Applications []int64        `json:"applications"`
	Inquiries    []int64        `json:"inquiries"`
	Rows         map[string]int `json:"rows"`
}

// answersRow counts, in an erasure's rows, the recorded Idempotency-Key
// answers that repeated the address (a status move's answer is the whole
// submission).
const answersRow = "idempotency_answers"

// jsonText is s as it appears inside a JSON string of a recorded answer.
func jsonText(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b[1 : len(b)-1])
}

// applicantAddress reads the one email parameter, normalised and checked
// as intake stores addresses, so the search finds what was stored.
func applicantAddress(r *http.Request) (string, error) {
	vs, ok := r.URL.Query()["email"]
	if !ok || len(vs) != 1 {
		return "", domain.FieldError("email", "is required, once: ?email=name@example.com")
	}
	return intake.Address("email", vs[0])
}

// exportApplicant answers every application and inquiry of the address in
// the tenant's schema, with their related rows, read in one snapshot.
func (h *Handler) exportApplicant(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	address, err := applicantAddress(r)
	body := applicantExport{Email: address}
	if err == nil {
		opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
		err = pgx.BeginTxFunc(r.Context(), h.pool, opts, func(tx pgx.Tx) (err error) {
			if body.Applications, err = inbox.Export[inbox.ApplicationRecord](r.Context(), tx, t, inbox.Applications, address); err != nil {
				return err
			}
			body.Inquiries, err = inbox.Export[inbox.InquiryRecord](r.Context(), tx, t, inbox.Inquiries, address)
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, body)
}

// eraseApplicant deletes every application and inquiry of the address in
// the tenant's schema, with their related rows, in one transaction. Erasing
// again finds nothing and says so: 200 with empty lists.
func (h *Handler) eraseApplicant(w http.ResponseWriter, r *http.Request, t domain.Tenant) {
	address, err := applicantAddress(r)
	body := applicantErasure{Rows: map[string]int{}}
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) error {
			apps, err := inbox.Erase(r.Context(), tx, t, inbox.Applications, address)
			if err != nil {
				return err
			}
			inqs, err := inbox.Erase(r.Context(), tx, t, inbox.Inquiries, address)
			if err != nil {
				return err
			}
			body.Applications, body.Inquiries = apps.IDs, inqs.IDs
			for _, e := range []inbox.Erased{apps, inqs} {
				for table, n := range e.Rows {
					body.Rows[table] = n
				}
			}
			body.Rows[answersRow], err = idempotency.ForgetMentioning(r.Context(), tx, t.ID, jsonText(address))
			return err
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	h.log.InfoContext(r.Context(), "applicant erased", "tenant_id", t.ID,
		"applications", len(body.Applications), "inquiries", len(body.Inquiries))
	httpx.WriteJSON(w, http.StatusOK, body)
}
