package tenantapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
	"github.com/zumodra/zumodra/internal/idempotency"
)

// IdempotencyHeader names the header a client sets on a write it may send
// again (after a timeout, a lost connection, a 503): the same key and body
// get the first answer back, with IdempotentReplayedHeader, and the write
// is done once.
const (
	IdempotencyHeader        = "Idempotency-Key"
	IdempotentReplayedHeader = "Idempotent-Replayed"
)

// pendingPatience is how long a twin waits for its first request's answer
// to be recorded after that request committed.
const pendingPatience = 2 * time.Second

// claim is one request's key, carried to inTenant through the context.
type claim struct {
	tenantID  int64
	key       string
	print     []byte
	tried     bool // inTenant has made its one attempt
	held      bool // another request holds the key
	committed bool // the key committed with this request's write
}

type claimContext struct{}

// errKeyHeld rolls the duplicate's transaction back; idempotent answers
// in its place, so the text never reaches a client.
var errKeyHeld = domain.Errorf(domain.CodeConflict, "idempotency key already used")

// idempotent runs fn so that a write carrying an Idempotency-Key is done
// once: its key is claimed in the write's own transaction (see inTenant),
// and a request whose key is held is answered from the record.
func (h *Handler) idempotent(w http.ResponseWriter, r *http.Request, t domain.Tenant, fn tenantHandler) {
	key := r.Header.Get(IdempotencyHeader)
	if key == "" || r.Method == http.MethodGet || r.Method == http.MethodHead {
		fn(w, r, t)
		return
	}
	if !idempotency.ValidKey(key) {
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusBadRequest, Instance: r.URL.Path,
			Detail: "Idempotency-Key must be 1 to 255 visible ASCII characters",
			Errors: []httpx.FieldIssue{{Field: IdempotencyHeader, Detail: "must be 1 to 255 visible ASCII characters"}}})
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		h.writeErr(w, r, domain.Errorf(domain.CodeInvalid, "could not read the body"))
		return
	}
	// The handler reads the whole body again, past the limit too, so that
	// an oversized one is refused exactly as without a key.
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
	c := &claim{tenantID: t.ID, key: key, print: idempotency.Fingerprint(r.Method, r.URL.RequestURI(), body)}
	rec := newRecorder(w)
	fn(rec, r.WithContext(context.WithValue(r.Context(), claimContext{}, c)), t)
	switch {
	case c.held:
		h.replay(w, r, c)
		return
	case c.committed:
		a := idempotency.Answer{Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}
		if err := idempotency.Record(context.WithoutCancel(r.Context()), h.pool, t.ID, key, a); err != nil {
			// The write is done; its twin will say so rather than redo it.
			h.log.ErrorContext(r.Context(), "recording an idempotent answer failed", "error", err)
		}
	}
	rec.flush()
}

// replay answers a request whose key another request holds.
func (h *Handler) replay(w http.ResponseWriter, r *http.Request, c *claim) {
	a, err := idempotency.Wait(r.Context(), h.pool, c.tenantID, c.key, c.print, pendingPatience)
	switch {
	case err == nil:
		for k, v := range a.Header {
			w.Header()[k] = v
		}
		w.Header().Set(IdempotentReplayedHeader, "true")
		w.WriteHeader(a.Status)
		_, _ = w.Write(a.Body)
	case errors.Is(err, idempotency.ErrMismatch):
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusUnprocessableEntity, Instance: r.URL.Path,
			Detail: "this Idempotency-Key was already used for a different request; use a new key for a new request"})
	case errors.Is(err, idempotency.ErrPending):
		w.Header().Set("Retry-After", "1")
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusConflict, Instance: r.URL.Path,
			Detail: "a request with this Idempotency-Key has been done, and its answer is not recorded yet; retry shortly, or read the resource"})
	case errors.Is(err, idempotency.ErrUnknown):
		// The holder rolled back after all: nothing was done, try again.
		w.Header().Set("Retry-After", "1")
		httpx.WriteProblem(w, httpx.Problem{Status: http.StatusConflict, Instance: r.URL.Path,
			Detail: "a request with this Idempotency-Key was in progress and did not complete; send it again"})
	default:
		h.writeErr(w, r, err)
	}
}

// claimKey is inTenant's part: the first transaction of a request with a
// key claims it, and a held key rolls that transaction back.
func claimKey(ctx context.Context, tx pgx.Tx) error {
	c, _ := ctx.Value(claimContext{}).(*claim)
	if c == nil || c.tried {
		return nil
	}
	c.tried = true
	ok, err := idempotency.Claim(ctx, tx, c.tenantID, c.key, c.print)
	if err != nil {
		return err
	}
	if !ok {
		c.held = true
		return errKeyHeld
	}
	return nil
}

// keyCommitted marks the request's key as committed with its write.
func keyCommitted(ctx context.Context) {
	if c, _ := ctx.Value(claimContext{}).(*claim); c != nil && c.tried && !c.held {
		c.committed = true
	}
}

// recorder keeps a handler's whole answer so that it can be recorded
// before it is sent, or dropped for the recorded one.
type recorder struct {
	w      http.ResponseWriter
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder(w http.ResponseWriter) *recorder {
	return &recorder{w: w, header: w.Header().Clone(), status: http.StatusOK}
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) { r.status = status }

func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }

func (r *recorder) flush() {
	for k, v := range r.header {
		r.w.Header()[k] = v
	}
	r.w.WriteHeader(r.status)
	_, _ = r.w.Write(r.body.Bytes())
}
