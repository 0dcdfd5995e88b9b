// Package idempotency owns public.tenant_idempotency_keys: the records that
// let a tenant API client send a write again with the same Idempotency-Key
// header and get the first answer back instead of a second write.
//
// A key is claimed inside the transaction of the write it guards, so the
// two commit or roll back together: a concurrent twin blocks on the key's
// unique index until the first transaction ends, and a write that failed
// leaves no key behind and may simply be retried. The answer is recorded
// right after the commit; the short window between the two is covered by
// Wait, and a process that died inside it leaves a key whose write is done
// but whose answer is unknown, reported as such (never done twice).
package idempotency

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Retention is how long a key is remembered; after it a key may be reused
// for a new request, and cleanup sweeps it.
const Retention = 24 * time.Hour

// MaxKey is the longest key accepted, in bytes.
const MaxKey = 255

// Replayed headers: what a client needs to read the first answer again.
var replayed = []string{"Content-Type", "Location", "ETag"}

// ValidKey reports whether k may be used as a key: 1 to MaxKey visible
// ASCII characters, so it can be logged and compared without surprises.
func ValidKey(k string) bool {
	if k == "" || len(k) > MaxKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// Fingerprint identifies a request: the same key with another fingerprint
// is a client's mistake, refused rather than answered with the wrong reply.
func Fingerprint(method, path string, body []byte) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", method, path)
	h.Write(body)
	return h.Sum(nil)
}

// Claim records the key in tx, the transaction of the write. It reports
// false when the key is already held (by a committed write, or by one that
// committed while Claim waited): the caller must then roll back and answer
// from Lookup. An expired key is taken over.
func Claim(ctx context.Context, tx pgx.Tx, tenantID int64, key string, fingerprint []byte) (bool, error) {
	var one int
	err := tx.QueryRow(ctx, `INSERT INTO public.tenant_idempotency_keys AS k (tenant_id, key, fingerprint)
		VALUES ($1, $2, $3)
		ON CONFLICT (tenant_id, key) DO UPDATE
		   SET fingerprint = EXCLUDED.fingerprint, created_at = now(), status = NULL, headers = NULL, body = NULL
		 WHERE k.created_at < now() - $4 * interval '1 second'
		RETURNING 1`, tenantID, key, fingerprint, Retention.Seconds()).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim idempotency key: %w", err)
	}
	return true, nil
}

// Answer is a recorded reply.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Record stores the answer of the write that claimed the key.
func Record(ctx context.Context, q pgq.Querier, tenantID int64, key string, a Answer) error {
	h := map[string]string{}
	for _, name := range replayed {
		if v := a.Header.Get(name); v != "" {
			h[name] = v
		}
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx, `UPDATE public.tenant_idempotency_keys SET status = $3, headers = $4, body = $5
		WHERE tenant_id = $1 AND key = $2`, tenantID, key, a.Status, hj, a.Body)
	if err != nil {
		return fmt.Errorf("record idempotent answer: %w", err)
	}
	return nil
}

// Outcomes of Lookup besides an answer.
var (
	// ErrMismatch: the key was used for another request.
	ErrMismatch = errors.New("idempotency key used for a different request")
	// ErrPending: the key's write committed but its answer is not recorded
	// (yet, or ever if its process died in between).
	ErrPending = errors.New("idempotency key's answer not recorded")
	// ErrUnknown: no such key (its write rolled back, or it expired).
	ErrUnknown = errors.New("idempotency key not held")
)

// Lookup returns the answer recorded under key for a request with the
// given fingerprint.
func Lookup(ctx context.Context, q pgq.Querier, tenantID int64, key string, fingerprint []byte) (Answer, error) {
	var (
		fp     []byte
		status *int
		hj     []byte
		a      Answer
	)
	err := q.QueryRow(ctx, `SELECT fingerprint, status, headers, body FROM public.tenant_idempotency_keys
		WHERE tenant_id = $1 AND key = $2`, tenantID, key).Scan(&fp, &status, &hj, &a.Body)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return a, ErrUnknown
	case err != nil:
		return a, fmt.Errorf("look up idempotency key: %w", err)
	case string(fp) != string(fingerprint):
		return a, ErrMismatch
	case status == nil:
		return a, ErrPending
	}
	var h map[string]string
	if err := json.Unmarshal(hj, &h); err != nil {
		return a, fmt.Errorf("recorded headers: %w", err)
	}
	a.Status, a.Header = *status, http.Header{}
	for k, v := range h {
		a.Header.Set(k, v)
	}
	return a, nil
}

// Wait looks the answer up until it is recorded or patience runs out: the
// twin of a request still between its commit and Record gets the answer
// instead of an error.
func Wait(ctx context.Context, q pgq.Querier, tenantID int64, key string, fingerprint []byte, patience time.Duration) (Answer, error) {
	deadline := time.Now().Add(patience)
	for {
		a, err := Lookup(ctx, q, tenantID, key, fingerprint)
		if !errors.Is(err, ErrPending) || time.Now().After(deadline) {
			return a, err
		}
		select {
		case <-ctx.Done():
			return a, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// Sweep deletes the keys created before cutoff (a caller passes
// now - Retention), or counts them when dryRun.
func Sweep(ctx context.Context, q pgq.Querier, cutoff time.Time, dryRun bool) (int, error) {
	if dryRun {
		var n int
		err := q.QueryRow(ctx, `SELECT count(*) FROM public.tenant_idempotency_keys WHERE created_at < $1`, cutoff).Scan(&n)
		return n, err
	}
	tag, err := q.Exec(ctx, `DELETE FROM public.tenant_idempotency_keys WHERE created_at < $1`, cutoff)
	return int(tag.RowsAffected()), err
}

// ForgetMentioning deletes the tenant's recorded answers whose body holds
// text, ignoring case, and returns how many went. An applicant's erasure
// calls it with their address: the answer of a status move repeats the
// whole submission, and must not outlive it for the key's retention. A
// client retrying such a write afterwards has it done anew, and finds the
// submission gone. Every recorded body is a JSON answer, so valid UTF-8.
func ForgetMentioning(ctx context.Context, q pgq.Querier, tenantID int64, text string) (int, error) {
	tag, err := q.Exec(ctx, `DELETE FROM public.tenant_idempotency_keys
		WHERE tenant_id = $1 AND body IS NOT NULL AND strpos(lower(convert_from(body, 'UTF8')), lower($2)) > 0`, tenantID, text)
	if err != nil {
		return 0, fmt.Errorf("forget idempotent answers: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
