package tenantapi

import (
	"errors"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/intake/check"
)

// unprocessable marks well-formed input whose values break a rule (a
// length, an enum, a constraint): 422, as opposed to a body that is not
// even readable JSON of the right shape (400).
type unprocessable struct{ err error }

func (u unprocessable) Error() string { return u.err.Error() }
func (u unprocessable) Unwrap() error { return u.err }

func semantic(err error) error {
	if err == nil {
		return nil
	}
	return unprocessable{err}
}

// writeErr answers err as a problem document naming every bad field.
func (h *Handler) writeErr(w http.ResponseWriter, r *http.Request, err error) {
	if httpx.IsBodyTooLarge(err) {
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusRequestEntityTooLarge,
			Detail: domain.ErrorMessage(err), Instance: r.URL.Path})
		return
	}
	if httpx.IsUnsupportedMediaType(err) {
		// Say which media type would do (Accept-Post, RFC 7694's
		// Accept-Patch's sibling, and Accept-Patch, RFC 5789).
		switch r.Method {
		case http.MethodPost:
			w.Header().Set("Accept-Post", "application/json")
		case http.MethodPatch:
			w.Header().Set("Accept-Patch", "application/json")
		}
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusUnsupportedMediaType,
			Detail: domain.ErrorMessage(err), Instance: r.URL.Path})
		return
	}
	if domain.ErrorCode(err) != domain.CodeInvalid {
		httpx.WriteError(w, r, h.log, err)
		return
	}
	p := httpx.Problem{Status: http.StatusBadRequest, Instance: r.URL.Path}
	if errors.As(err, new(unprocessable)) {
		p.Status = http.StatusUnprocessableEntity
	}
	for _, fe := range check.Fields(err) {
		if fe.Field == "" {
			p.Detail = fe.Message
			continue
		}
		p.Errors = append(p.Errors, httpx.FieldIssue{Field: fe.Field, Detail: fe.Message})
	}
	switch {
	case p.Detail != "":
	case len(p.Errors) == 1:
		p.Detail = p.Errors[0].Field + ": " + p.Errors[0].Detail
	default:
		p.Detail = "the request has invalid fields"
	}
	httpx.WriteProblem(w, p)
}

// translate maps driver errors to domain errors at the storage boundary,
// naming the field a constraint is about where its name says so (the
// column constraints are named <table>_<column>_check / _fkey / _key).
func translate(err error, table string) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return domain.Errorf(domain.CodeNotFound, "not found")
	case !errors.As(err, &pgErr):
		return err
	}
	field := constraintField(pgErr.ConstraintName, table)
	switch pgErr.Code {
	case "23505":
		return &domain.Error{Code: domain.CodeConflict, Field: field, Message: "already exists: the value must be unique", Err: err}
	case "23503":
		return semantic(&domain.Error{Code: domain.CodeInvalid, Field: field, Message: "refers to a row that does not exist", Err: err})
	case "23514", "23502":
		return semantic(&domain.Error{Code: domain.CodeInvalid, Field: field, Message: "violates the rule " + pgErr.ConstraintName, Err: err})
	case "22001", "22003", "22021", "22P05", "54000":
		return semantic(&domain.Error{Code: domain.CodeInvalid, Message: "a value is out of range or cannot be stored", Err: err})
	case "40001", "40P01":
		return &domain.Error{Code: domain.CodeConflict, Message: "a concurrent change got in the way; retry", Err: err}
	}
	return err
}

func constraintField(name, table string) string {
	field := strings.TrimPrefix(name, table+"_")
	for _, suffix := range []string{"_check", "_fkey", "_key"} {
		field = strings.TrimSuffix(field, suffix)
	}
	if field == name || field == "" || field == "pkey" || field == "check" || field == "fkey" || field == "key" {
		return ""
	}
	return field
}
