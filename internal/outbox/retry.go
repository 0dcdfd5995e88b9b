package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/pgq"
)

// Retry is the policy for rows whose apply failed.
type Retry struct {
	MaxAttempts int           // attempts before a row becomes a dead letter
	BaseDelay   time.Duration // delay after the first failure; doubles each time
	MaxDelay    time.Duration // cap of the delay
}

// DefaultRetry: 10 attempts over about 17 minutes.
var DefaultRetry = Retry{MaxAttempts: 10, BaseDelay: time.Second, MaxDelay: 5 * time.Minute}

// Delay is the wait after the given number of failed attempts (1 = first).
func (r Retry) Delay(attempts int) time.Duration {
	d := r.BaseDelay
	for i := 1; i < attempts && d < r.MaxDelay; i++ {
		d *= 2
	}
	return min(d, r.MaxDelay)
}

// Fail records a failed apply of these rows: attempts+1, the error, and an
// available_at pushed back exponentially; rows that reach MaxAttempts
// become dead letters. It returns how many did.
func Fail(ctx context.Context, q pgq.Querier, ids []int64, cause error, now Clock, r Retry) (dead int, err error) {
	if len(ids) == 0 {
		return 0, nil
	}
	rows, err := q.Query(ctx, failSQL, failArgs(ids, cause, now, r)...)
	if err != nil {
		return 0, fmt.Errorf("outbox: record failure: %w", err)
	}
	return countDead(rows)
}

// QueueFail is Fail queued on a batch, to share its round trip; *dead
// grows by the rows that became dead letters when the batch runs.
func QueueFail(b *pgx.Batch, ids []int64, cause error, now Clock, r Retry, dead *int) {
	if len(ids) == 0 {
		return
	}
	b.Queue(failSQL, failArgs(ids, cause, now, r)...).Query(func(rows pgx.Rows) error {
		n, err := countDead(rows)
		*dead += n
		return err
	})
}

const failSQL = `UPDATE public.sync_outbox SET
		attempts = attempts + 1,
		last_error = left($2, 2000),
		available_at = coalesce($3::timestamptz, clock_timestamp())
			+ make_interval(secs => least($5::float8, $4::float8 * power(2, least(attempts, 40)))),
		dead_at = CASE WHEN attempts + 1 >= $6 THEN coalesce($3::timestamptz, clock_timestamp()) END
	WHERE id = ANY($1) AND dead_at IS NULL
	RETURNING dead_at IS NOT NULL`

func failArgs(ids []int64, cause error, now Clock, r Retry) []any {
	return []any{ids, cause.Error(), now.Arg(), r.BaseDelay.Seconds(), r.MaxDelay.Seconds(), r.MaxAttempts}
}

func countDead(rows pgx.Rows) (dead int, err error) {
	defer rows.Close()
	for rows.Next() {
		var isDead bool
		if err := rows.Scan(&isDead); err != nil {
			return dead, fmt.Errorf("outbox: record failure: %w", err)
		}
		if isDead {
			dead++
		}
	}
	if err := rows.Err(); err != nil {
		return dead, fmt.Errorf("outbox: record failure: %w", err)
	}
	return dead, nil
}
