package tenantapi

import (
	"net/http"
	"strconv"

	"github.com/zumodra/zumodra/internal/domain"
)

// pathID reads the {id} path segment. Anything but a positive integer is
// simply a resource that does not exist.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.Errorf(domain.CodeNotFound, "not found")
	}
	return id, nil
}
