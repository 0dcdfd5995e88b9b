package projection

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
)

// Sanitising HTML is most of the projection's cost (about 0.3 ms for a job
// with a long description), and a typical edit changes none of a row's
// HTML fields. So each catalog row keeps, beside its sanitised HTML, a
// digest of each HTML field's raw input (html_digests), and the apply step
// hands the projection what the catalog holds (Prior): a field whose input
// digest matches takes the stored output instead of being sanitised again.
// The digest covers the projection's Version, so a new sanitising rule
// reuses nothing. verify and repair project without Prior, so what the
// catalog holds is always checked against a fresh projection.

// DigestSize is the bytes kept of each field's SHA-256, field i's at
// [i*DigestSize, (i+1)*DigestSize) of a row's digests: 128 bits make an
// accidental match between two different inputs of one field impossible in
// practice.
const DigestSize = 16

// Prior is what the catalog holds of one row's HTML fields: their outputs
// in the kind's field order (JobHTMLColumns, ProviderHTMLColumns) and the
// digests of the inputs they were made from.
type Prior struct {
	Digests []byte
	HTML    []string
}

var (
	jobHTMLColumns      = []string{"description_html", "responsibilities_html", "requirements_html", "nice_to_have_html", "benefits_html"}
	providerHTMLColumns = []string{"bio_html"}
)

// JobHTMLColumns returns the job_catalog HTML columns in Prior's order.
func JobHTMLColumns() []string { return append([]string(nil), jobHTMLColumns...) }

// ProviderHTMLColumns returns the provider_catalog HTML columns in Prior's order.
func ProviderHTMLColumns() []string { return append([]string(nil), providerHTMLColumns...) }

// sanitizeFields sanitises each raw HTML input, taking prior's output for
// a field whose input digest prior holds, and returns the outputs and the
// digests to store with them.
func sanitizeFields(prior *Prior, raws ...string) ([]string, []byte) {
	out := make([]string, len(raws))
	digests := make([]byte, 0, DigestSize*len(raws))
	for i, raw := range raws {
		d := htmlDigest(Version, i, raw)
		digests = append(digests, d[:]...)
		if html, ok := prior.lookup(i, len(raws), d); ok {
			out[i] = html
		} else {
			out[i] = SanitizeHTML(raw)
		}
	}
	return out, digests
}

// Holds reports whether field i of a row's digests (a projected row's
// HTMLDigests) is the digest p holds for that field: the catalog row then
// stores the field's output already.
func (p *Prior) Holds(i int, digests []byte) bool {
	if p == nil || len(digests) != len(p.Digests) || len(digests) < (i+1)*DigestSize {
		return false
	}
	return bytes.Equal(fieldDigest(digests, i), fieldDigest(p.Digests, i))
}

func (p *Prior) lookup(i, fields int, d [DigestSize]byte) (string, bool) {
	if p == nil || len(p.Digests) != DigestSize*fields || len(p.HTML) != fields {
		return "", false
	}
	if !bytes.Equal(fieldDigest(p.Digests, i), d[:]) {
		return "", false
	}
	return p.HTML[i], true
}

// fieldDigest is field i's digest among a row's digests.
func fieldDigest(digests []byte, i int) []byte { return digests[i*DigestSize : (i+1)*DigestSize] }

// htmlDigest identifies one field's raw input under a projection version;
// the field's position keeps equal texts in two fields apart.
func htmlDigest(version, field int, raw string) [DigestSize]byte {
	h := sha256.New()
	var head [16]byte
	binary.BigEndian.PutUint64(head[:8], uint64(version))
	binary.BigEndian.PutUint64(head[8:], uint64(field))
	h.Write(head[:])
	h.Write([]byte(raw))
	var d [DigestSize]byte
	copy(d[:], h.Sum(nil))
	return d
}
