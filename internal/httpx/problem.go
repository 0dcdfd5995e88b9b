package httpx

import (
	"cmp"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/pgq"
)

// Problem is an RFC 9457 problem document.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Instance string       `json:"instance,omitempty"`
	Errors   []FieldIssue `json:"errors,omitempty"`
}

// FieldIssue names one bad field (or query parameter) of a request.
type FieldIssue struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// rfc9110Titles are the reason phrases RFC 9110 renamed; net/http still
// has the old ones ("Request Entity Too Large").
var rfc9110Titles = map[int]string{
	http.StatusRequestEntityTooLarge:        "Content Too Large",
	http.StatusUnprocessableEntity:          "Unprocessable Content",
	http.StatusRequestedRangeNotSatisfiable: "Range Not Satisfiable",
}

// StatusTitle is the problem title of a status: its RFC 9110 reason phrase.
func StatusTitle(status int) string {
	return cmp.Or(rfc9110Titles[status], http.StatusText(status))
}

// ProblemContentType is the media type of problem documents.
const ProblemContentType = "application/problem+json"

// StatusFor maps a domain error code to its HTTP status, once for JSON and
// HTML alike.
func StatusFor(code domain.Code) int {
	switch code {
	case domain.CodeInvalid:
		return http.StatusBadRequest
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeGone:
		return http.StatusGone
	case domain.CodeUnauthorized:
		return http.StatusUnauthorized
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodePrecondition:
		return http.StatusPreconditionFailed
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	case domain.CodeUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// RetryAfter is the Retry-After, in seconds, of every 503: long enough
// for a lock or a restart to pass, short enough that nobody gives up.
const RetryAfter = "5"

// CodeOf is err's domain code, where a database that cannot do the work
// now (a timeout, an outage; see pgq.Unavailable) is CodeUnavailable
// rather than an internal error.
func CodeOf(err error) domain.Code {
	code := domain.ErrorCode(err)
	if code == domain.CodeInternal && pgq.Unavailable(err) {
		return domain.CodeUnavailable
	}
	return code
}

// ProblemFor builds the problem document for err. Internal errors get a
// generic detail: their text may hold SQL or secrets and is only logged.
func ProblemFor(r *http.Request, err error) Problem {
	code := CodeOf(err)
	status := StatusFor(code)
	p := Problem{Type: "about:blank", Title: StatusTitle(status), Status: status}
	if r != nil {
		p.Instance = r.URL.Path
	}
	var de *domain.Error
	if code == domain.CodeUnavailable && domain.ErrorCode(err) == domain.CodeInternal {
		p.Detail = "the database is busy or unreachable; retry in a few seconds"
	} else if errors.As(err, &de) && status != http.StatusInternalServerError {
		p.Detail = de.Message
		if de.Field != "" {
			p.Detail, p.Errors = fieldIssues(err, code)
		}
	} else {
		p.Detail = "internal error"
	}
	return p
}

// fieldIssues lists every field error of err that has the code of the
// first (errors.Join of several bad parameters names each one), and a
// detail saying them all in one line.
func fieldIssues(err error, code domain.Code) (string, []FieldIssue) {
	var issues []FieldIssue
	var parts []string
	for _, fe := range domain.Errors(err) {
		if fe.Field != "" && fe.Code == code {
			issues = append(issues, FieldIssue{Field: fe.Field, Detail: fe.Message})
			parts = append(parts, fe.Field+": "+fe.Message)
		}
	}
	return strings.Join(parts, "; "), issues
}

// WriteError writes err as a problem document; internal errors are logged
// with the request, never shown.
func WriteError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	p := ProblemFor(r, err)
	switch {
	case log == nil:
	case p.Status == http.StatusServiceUnavailable:
		log.WarnContext(r.Context(), "request refused: database unavailable", "method", r.Method, "path", r.URL.Path, "error", err)
	case p.Status >= 500:
		log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	}
	WriteProblem(w, p)
}

// WriteProblem writes p with its status.
func WriteProblem(w http.ResponseWriter, p Problem) {
	p.Type = cmp.Or(p.Type, "about:blank")
	p.Title = cmp.Or(p.Title, StatusTitle(p.Status))
	if p.Status == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", RetryAfter)
	}
	w.Header().Set("Content-Type", ProblemContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
