package publicapi

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/filters"
)

var idPattern = regexp.MustCompile(`^[1-9][0-9]{0,18}$`)

// parseParams reads a request's query string strictly (internal/filters):
// the API refuses unknown and repeated parameters.
func parseParams(r *http.Request, known ...string) *filters.Params {
	return filters.Strict(r.URL.RawQuery, known...)
}

// problems returns every problem of a list request's parameters: the
// parser's and, when there are any, the catalog's (validate), so that one
// 400 names each bad parameter instead of the first alone. A request the
// parser accepts is checked by the catalog as it searches.
func problems(p *filters.Params, validate func() error) error {
	if p.Err() != nil {
		p.Also(validate())
	}
	return p.Err()
}

// withFacets adds the API's own "facets" flag to a list's parameters.
func withFacets(names []string) []string { return append(slices.Clip(names), "facets") }

// pathID reads the {id} path segment: a positive integer.
func pathID(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if !idPattern.MatchString(s) || err != nil {
		return 0, domain.FieldError("id", "must be a positive whole number")
	}
	return id, nil
}
