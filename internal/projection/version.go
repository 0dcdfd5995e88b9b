package projection

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"

	"github.com/zumodra/zumodra/internal/domain"
)

// Version identifies what the projection makes of its inputs. Bump it with
// every change that gives a different catalog row for the same source rows
// (a new column, a new sanitising rule, a new eligibility rule, new
// gazetteer data): every stored input fingerprint and HTML digest then
// stops matching and the next bulk sync reads and projects every row again.
const Version = 5

// FingerprintSalt is the part of a row's input fingerprint that is not in
// the tenant's schema: the projection's version and the tenant as the
// projection sees it (its status, name, logo, slug...). The database adds
// the source rows' part (internal/source).
func FingerprintSalt(version int, t domain.Tenant) string {
	b, err := json.Marshal(t)
	if err != nil {
		panic(err) // a plain struct of strings and times always marshals
	}
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%d:%x", version, sum[:16])
}
