package tenantapi

import (
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/httpx"
)

// Lists are keyset-paginated on id: ?cursor=<next_cursor of the previous
// page>&limit=<1..200>. A cursor stays valid however rows are added or
// removed meanwhile, unlike an offset.
const (
	defaultLimit = 50
	maxLimit     = 200
)

type page struct {
	after int64 // rows with id beyond this one (below it, for newest-first lists)
	limit int
}

func readPage(r *http.Request) (page, error) {
	pg := page{limit: defaultLimit}
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return pg, domain.FieldError("limit", "must be an integer from 1 to %d", maxLimit)
		}
		pg.limit = n
	}
	if v := q.Get("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return pg, domain.FieldError("cursor", "must be the next_cursor of a previous page")
		}
		pg.after = n
	}
	return pg, nil
}

// pageBody is one page of a list.
type pageBody[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// writePage writes items, which hold up to limit+1 rows: the extra row only
// says there is a next page.
func writePage[T any](w http.ResponseWriter, items []T, pg page, id func(T) int64) {
	body := pageBody[T]{Items: items}
	if body.Items == nil {
		body.Items = []T{}
	}
	if len(items) > pg.limit {
		body.Items = items[:pg.limit]
		next := strconv.FormatInt(id(items[pg.limit-1]), 10)
		body.NextCursor = &next
	}
	httpx.WriteJSON(w, http.StatusOK, body)
}
