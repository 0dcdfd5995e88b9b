package projection

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"math"
	"time"
)

// Columns left out of the content hash. source_version changes on every
// write, even one that changes nothing public (an internal note, say); the
// hash exists precisely so the apply code can skip rewriting such rows, so
// the version must not be part of it. content_hash cannot hash itself.
var unhashedColumns = map[string]bool{"source_version": true, "content_hash": true}

// Hash computes the row's content hash from its current values (see
// contentHash). Job sets ContentHash to it; verify can recompute it on a row
// read back from the catalog.
func (r JobRow) Hash() []byte { return contentHash(jobColumns, r.Values()) }

// Hash computes the row's content hash from its current values.
func (r ProviderRow) Hash() []byte { return contentHash(providerColumns, r.Values()) }

// contentHash is SHA-256 over every column except unhashedColumns, in column
// order. Each column is written as its length-prefixed name, a type tag and a
// length-prefixed or fixed-width value, so no two different rows share an
// encoding ("ab"+"c" differs from "a"+"bc", NULL differs from "" and 0).
// Times are hashed as Unix microseconds, timestamptz's precision, so a row
// read back from PostgreSQL in any time zone hashes the same.
func contentHash(cols []string, vals []any) []byte {
	h := sha256.New()
	for i, col := range cols {
		if unhashedColumns[col] {
			continue
		}
		writeBytes(h, 'c', []byte(col))
		writeValue(h, col, vals[i])
	}
	return h.Sum(nil)
}

func writeValue(h hash.Hash, col string, v any) {
	switch v := v.(type) {
	case string:
		writeBytes(h, 's', []byte(v))
	case *string:
		if v == nil {
			writeNull(h)
		} else {
			writeBytes(h, 's', []byte(*v))
		}
	case int64:
		writeUint(h, 'i', uint64(v))
	case int:
		writeUint(h, 'i', uint64(int64(v)))
	case *int:
		if v == nil {
			writeNull(h)
		} else {
			writeUint(h, 'i', uint64(int64(*v)))
		}
	case bool:
		writeUint(h, 'b', boolBit(v))
	case float64:
		writeUint(h, 'f', math.Float64bits(v+0)) // +0 folds -0 into 0
	case *float64:
		if v == nil {
			writeNull(h)
		} else {
			writeUint(h, 'f', math.Float64bits(*v+0))
		}
	case []string:
		writeUint(h, 'a', uint64(len(v)))
		for _, s := range v {
			writeBytes(h, 's', []byte(s))
		}
	case json.RawMessage:
		writeBytes(h, 'j', v)
	case []byte:
		writeBytes(h, 'x', v)
	case time.Time:
		writeUint(h, 't', uint64(v.UnixMicro()))
	case *time.Time:
		if v == nil {
			writeNull(h)
		} else {
			writeUint(h, 't', uint64(v.UnixMicro()))
		}
	default:
		// A new column type must get a canonical encoding here; tests
		// hash every column, so this cannot reach production unnoticed.
		panic(fmt.Sprintf("projection: no hash encoding for column %s of type %T", col, v))
	}
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func writeNull(h hash.Hash) { h.Write([]byte{'n'}) }

func writeUint(h hash.Hash, tag byte, v uint64) {
	var buf [9]byte
	buf[0] = tag
	binary.BigEndian.PutUint64(buf[1:], v)
	h.Write(buf[:])
}

func writeBytes(h hash.Hash, tag byte, b []byte) {
	writeUint(h, tag, uint64(len(b)))
	h.Write(b)
}
