package catalog

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"time"

	"github.com/zumodra/zumodra/internal/domain"
)

// A cursor is opaque to clients: base64url(JSON payload || HMAC-SHA256/128).
// It names the query it belongs to by a fingerprint, so a cursor taken from
// one query is refused on another, and the signature rejects any edit.
type cursorCodec struct{ key []byte }

// cursorState is the decoded content of a cursor.
type cursorState struct {
	Version     int      `json:"v"`
	Fingerprint string   `json:"f"`
	Page        int      `json:"p"`
	Backward    bool     `json:"b,omitempty"`
	Keys        []string `json:"k"`
	Search      string   `json:"s,omitempty"` // effective search text, after typo correction
	// Total and Exact carry the first page's count to the later pages, so
	// that paging costs no count and "page 3 of N" keeps its N.
	Total int  `json:"t,omitempty"`
	Exact bool `json:"x,omitempty"`
	// Currency is the salary currency the first page chose, so that a
	// salary sort or minimum keeps its currency on every page.
	Currency string `json:"c,omitempty"`
}

const cursorVersion = 1
const macLen = 16

func (c cursorCodec) encode(st cursorState) string {
	st.Version = cursorVersion
	payload, _ := json.Marshal(st) // plain structs of strings and ints cannot fail
	return base64.RawURLEncoding.EncodeToString(append(payload, c.mac(payload)...))
}

func (c cursorCodec) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write(payload)
	return m.Sum(nil)[:macLen]
}

// decode verifies and parses a cursor for the query with fingerprint fp.
func (c cursorCodec) decode(s, fp string) (cursorState, error) {
	var st cursorState
	bad := domain.FieldError("cursor", "is not a valid cursor")
	if len(s) > MaxCursorLen {
		return st, domain.FieldError("cursor", "is longer than %d bytes", MaxCursorLen)
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) <= macLen {
		return st, bad
	}
	payload, sum := raw[:len(raw)-macLen], raw[len(raw)-macLen:]
	if !hmac.Equal(sum, c.mac(payload)) {
		return st, bad
	}
	if err := json.Unmarshal(payload, &st); err != nil || st.Version != cursorVersion || st.Page < 1 {
		return st, bad
	}
	if st.Fingerprint != fp {
		return st, domain.FieldError("cursor", "belongs to a different query (filters, sort or page size changed); start again from the first page")
	}
	return st, nil
}

// keyKind is the Go type of one sort key, so that cursor values are parsed
// in Go and reach SQL typed, never as text PostgreSQL would have to parse.
type keyKind int

const (
	keyTime keyKind = iota
	keyFloat32
	keyFloat64
	keyInt
	keyBool
)

func formatKey(k keyKind, v any) string {
	switch k {
	case keyTime:
		return strconv.FormatInt(v.(time.Time).UnixMicro(), 10)
	case keyFloat32:
		return strconv.FormatFloat(float64(v.(float32)), 'g', -1, 32)
	case keyFloat64:
		return strconv.FormatFloat(v.(float64), 'g', -1, 64)
	case keyInt:
		return strconv.FormatInt(v.(int64), 10)
	default:
		return strconv.FormatBool(v.(bool))
	}
}

func parseKey(k keyKind, s string) (any, error) {
	switch k {
	case keyTime:
		n, err := strconv.ParseInt(s, 10, 64)
		return time.UnixMicro(n).UTC(), err
	case keyFloat32:
		f, err := strconv.ParseFloat(s, 32)
		return float32(f), err
	case keyFloat64:
		return strconv.ParseFloat(s, 64)
	case keyInt:
		return strconv.ParseInt(s, 10, 64)
	default:
		return strconv.ParseBool(s)
	}
}

// newKeyDest returns a pointer to scan a sort key of kind k into.
func newKeyDest(k keyKind) any {
	switch k {
	case keyTime:
		return new(time.Time)
	case keyFloat32:
		return new(float32)
	case keyFloat64:
		return new(float64)
	case keyInt:
		return new(int64)
	default:
		return new(bool)
	}
}

func derefKey(p any) any {
	switch v := p.(type) {
	case *time.Time:
		return *v
	case *float32:
		return *v
	case *float64:
		return *v
	case *int64:
		return *v
	default:
		return *(p.(*bool))
	}
}
