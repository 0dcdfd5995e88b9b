package web

import (
	"net/http"
	"strings"

	"github.com/zumodra/zumodra/internal/kind"
)

// countsLine is what a detail page says of its row's counts, such as
// "1,234 views · 8 applicants"; "" when nothing was counted yet, or when
// the counts cannot be read: they are not worth failing a page for.
// They are as old as the counter's flush interval plus the page's life in
// the page cache (internal/counts).
func (h *Handler) countsLine(r *http.Request, c kind.Catalog, id int64, one, many string) string {
	if h.cfg.Counts == nil {
		return ""
	}
	t, err := h.cfg.Counts.Totals(r.Context(), c, id)
	if err != nil {
		h.log.WarnContext(r.Context(), "counts not shown", "catalog", string(c), "id", id, "error", err)
		return ""
	}
	var parts []string
	if t.Views > 0 {
		parts = append(parts, countOf(t.Views, "view", "views"))
	}
	if t.Submissions > 0 {
		parts = append(parts, countOf(t.Submissions, one, many))
	}
	return strings.Join(parts, " · ")
}

// countOf is "1 view", "1,234 views".
func countOf(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupThousands(n) + " " + many
}
