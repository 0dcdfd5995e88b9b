package tenantapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
)

// crud registers list, create, read, replace, patch and delete for res
// under base.
func crud[F any](mux *http.ServeMux, h *Handler, base string, res *resource[F]) {
	mux.Handle("GET "+base, h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { listRecords(h, w, r, t, res) }))
	mux.Handle("POST "+base, h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { createRecord(h, w, r, t, res, base) }))
	mux.Handle("GET "+base+"/{id}", h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { getRecord(h, w, r, t, res) }))
	mux.Handle("PUT "+base+"/{id}", h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { writeRecord(h, w, r, t, res, false) }))
	mux.Handle("PATCH "+base+"/{id}", h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { writeRecord(h, w, r, t, res, true) }))
	mux.Handle("DELETE "+base+"/{id}", h.authed(func(w http.ResponseWriter, r *http.Request, t domain.Tenant) { deleteRecord(h, w, r, t, res) }))
}

func listRecords[F any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, res *resource[F]) {
	pg, err := readPage(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	var recs []*record[F]
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
		if recs, err = res.list(r.Context(), tx, pg); err != nil {
			return err
		}
		return res.loadCounts(r.Context(), tx, t, recs...)
	})
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writePage(w, recs, pg, func(rec *record[F]) int64 { return rec.ID })
}

func getRecord[F any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, res *resource[F]) {
	id, err := pathID(r)
	var rec *record[F]
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			if rec, err = res.get(r.Context(), tx, id, false); err != nil {
				return err
			}
			return res.loadCounts(r.Context(), tx, t, rec)
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writeRecordJSON(w, http.StatusOK, rec)
}

func createRecord[F any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, res *resource[F], base string) {
	f := res.defaults()
	var raw json.RawMessage
	err := readBody(w, r, &raw)
	if err == nil {
		err = decodeStrict(raw, &f)
	}
	if err == nil {
		err = semantic(res.prepare(&f, h.now()))
	}
	var rec *record[F]
	if err == nil {
		err = h.inTenant(r.Context(), t, func(tx pgx.Tx) (err error) {
			if rec, err = res.insert(r.Context(), tx, &f); err != nil {
				return err
			}
			return res.loadCounts(r.Context(), tx, t, rec)
		})
	}
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.Header().Set("Location", base+"/"+itoa(int(rec.ID)))
	writeRecordJSON(w, http.StatusCreated, rec)
}

// writeRecord serves PUT (patch false: the body is the whole new state,
// omitted fields take their defaults) and PATCH (the body's fields are laid
// over the current row, read under lock in the same transaction).
func writeRecord[F any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, res *resource[F], patch bool) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, raw, ok := h.conditionalBody(w, r)
	if !ok {
		return
	}
	var rec *record[F]
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) error {
		f := res.defaults()
		if patch {
			cur, err := res.get(r.Context(), tx, id, true)
			if err != nil {
				return err
			}
			if cur.Version != version {
				return res.missed(r.Context(), tx, id)
			}
			f = cur.Fields
		}
		if err := decodeStrict(raw, &f); err != nil {
			return err
		}
		if err := semantic(res.prepare(&f, h.now())); err != nil {
			return err
		}
		if rec, err = res.update(r.Context(), tx, id, version, &f); err != nil {
			return err
		}
		return res.loadCounts(r.Context(), tx, t, rec)
	})
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	writeRecordJSON(w, http.StatusOK, rec)
}

func deleteRecord[F any](h *Handler, w http.ResponseWriter, r *http.Request, t domain.Tenant, res *resource[F]) {
	id, err := pathID(r)
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	version, ok := ifMatch(w, r)
	if !ok {
		return
	}
	err = h.inTenant(r.Context(), t, func(tx pgx.Tx) error { return res.delete(r.Context(), tx, id, version) })
	if err != nil {
		h.writeErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeRecordJSON[F any](w http.ResponseWriter, status int, rec *record[F]) {
	w.Header().Set("ETag", etag(rec.Version))
	httpx.WriteJSON(w, status, rec)
}

// conditionalBody reads what every conditional write starts with: the
// If-Match version and the JSON object body. It has answered the request
// when ok is false.
func (h *Handler) conditionalBody(w http.ResponseWriter, r *http.Request) (version int64, raw json.RawMessage, ok bool) {
	if version, ok = ifMatch(w, r); !ok {
		return 0, nil, false
	}
	if err := readBody(w, r, &raw); err != nil {
		h.writeErr(w, r, err)
		return 0, nil, false
	}
	return version, raw, true
}

// readBody reads a JSON object of at most MaxBody bytes into dst, refusing
// unknown fields (see httpx.DecodeJSON).
func readBody(w http.ResponseWriter, r *http.Request, dst any) error {
	if err := httpx.DecodeJSON(w, r, dst, MaxBody); err != nil {
		return err
	}
	if raw, ok := dst.(*json.RawMessage); ok && !bytes.HasPrefix(bytes.TrimSpace(*raw), []byte("{")) {
		return domain.Errorf(domain.CodeInvalid, "body must be a JSON object")
	}
	return nil
}
