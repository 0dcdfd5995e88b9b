package inbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/intake/check"
	"github.com/zumodra/zumodra/internal/notify"
)

// maxNote follows the CHECK on the history tables' note.
const maxNote = 2000

// Move is a requested status change: to Status, decided on Version, by
// Actor, with an optional Note.
type Move struct {
	Status  string `json:"status"`
	Note    string `json:"note"`
	Version int64  `json:"-"`
	Actor   string `json:"-"`
}

// Moved is what a status change did.
type Moved struct {
	ID         int64
	FromStatus string
	ToStatus   string
	Version    int64 // the new version
	History    HistoryEntry
}

// Validate checks the move against the pipeline.
func (k Kind) Validate(m Move) error {
	var l check.List
	if !domain.OneOf(m.Status, k.Statuses) {
		l.Add(domain.FieldError("status", "must be one of %s", strings.Join(k.Statuses, ", ")))
	}
	l.Add(check.Text("note", m.Note, 0, maxNote))
	return l.Err()
}

// ChangeStatus moves submission id to m.Status if it is still at
// m.Version, and records the move in its history, in tx. A
// move to the status it already has is refused: it would record nothing.
func ChangeStatus(ctx context.Context, tx pgx.Tx, t domain.Tenant, k Kind, id int64, m Move) (Moved, error) {
	if err := k.Validate(m); err != nil {
		return Moved{}, err
	}
	var cur struct {
		status  string
		version int64
	}
	err := tx.QueryRow(ctx, `SELECT status, version FROM `+qualified(t, k.table)+` WHERE id = $1 FOR UPDATE`, id).
		Scan(&cur.status, &cur.version)
	if errors.Is(err, pgx.ErrNoRows) {
		return Moved{}, domain.Errorf(domain.CodeNotFound, "%s %d not found", k.Noun, id)
	}
	if err != nil {
		return Moved{}, fmt.Errorf("lock %s %d: %w", k.Noun, id, err)
	}
	if cur.version != m.Version {
		return Moved{}, domain.Errorf(domain.CodePrecondition,
			"%s %d was changed by someone else (now \"v%s\"); read it again and reapply your change", k.Noun, id, strconv.FormatInt(cur.version, 10))
	}
	if cur.status == m.Status {
		return Moved{}, domain.FieldError("status", "is already %s", m.Status)
	}
	out := Moved{ID: id, FromStatus: cur.status, ToStatus: m.Status}
	if err := tx.QueryRow(ctx, `UPDATE `+qualified(t, k.table)+` SET status = $2 WHERE id = $1 RETURNING version`,
		id, m.Status).Scan(&out.Version); err != nil {
		return Moved{}, fmt.Errorf("move %s %d: %w", k.Noun, id, err)
	}
	h := HistoryEntry{Actor: m.Actor, FromStatus: cur.status, ToStatus: m.Status, Note: m.Note}
	err = tx.QueryRow(ctx, `INSERT INTO `+qualified(t, k.history)+` (`+k.ref+`, actor, from_status, to_status, note)
		VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`, id, h.Actor, h.FromStatus, h.ToStatus, h.Note).
		Scan(&h.ID, &h.CreatedAt)
	if err != nil {
		return Moved{}, fmt.Errorf("record move of %s %d: %w", k.Noun, id, err)
	}
	out.History = h
	// The tenant's endpoints hear of the move in its transaction.
	_, err = notify.Recorder{}.Record(ctx, tx, t.ID, notify.Event{Type: k.moved, Data: notify.StatusChanged{
		ID: id, FromStatus: cur.status, ToStatus: m.Status, Note: m.Note, Actor: m.Actor, Version: out.Version}})
	return out, err
}

// History returns the moves of submission id, oldest first; not found
// when there is no such submission.
func History(ctx context.Context, tx pgx.Tx, t domain.Tenant, k Kind, id int64) ([]HistoryEntry, error) {
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT FROM `+qualified(t, k.table)+` WHERE id = $1)`, id).Scan(&exists); err != nil {
		return nil, fmt.Errorf("read %s %d: %w", k.Noun, id, err)
	}
	if !exists {
		return nil, domain.Errorf(domain.CodeNotFound, "%s %d not found", k.Noun, id)
	}
	rows, err := tx.Query(ctx, `SELECT id, actor, from_status, to_status, note, created_at FROM `+qualified(t, k.history)+`
		WHERE `+k.ref+` = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("read history of %s %d: %w", k.Noun, id, err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[HistoryEntry])
}
