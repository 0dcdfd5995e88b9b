package httpx

import (
	"bytes"
	"sync"
)

// A response body is built whole before it is written (a template or an
// encoder may fail half way, a cache keeps it, an ETag hashes it), and
// growing a fresh buffer to tens of kilobytes for every request was most
// of what the read path allocated, and so most of the collector's work.
// These buffers are recycled instead.

var buffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 64<<10)) }}

// maxKeptBuffer is the largest buffer recycled: one huge response must not
// pin its memory in the pool.
const maxKeptBuffer = 1 << 20

// GetBuffer returns an empty buffer; PutBuffer it when its bytes are no
// longer referenced.
func GetBuffer() *bytes.Buffer {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// PutBuffer recycles b.
func PutBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxKeptBuffer {
		buffers.Put(b)
	}
}
