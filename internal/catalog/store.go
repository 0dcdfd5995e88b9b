package catalog

import (
	"cmp"
	"crypto/sha256"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/ttlcache"
)

// Store runs the catalog's read queries on a pool.
type Store struct {
	pool   *pgxpool.Pool
	now    func() time.Time
	cursor cursorCodec
	cache  *resultCache // aggregates: counts, facets, browse lists
	pages  *resultCache // result pages, larger, so fewer of them
	// tsqueries keeps the tsquery text PostgreSQL built for a search (a
	// pure function of the text and of whether its last word is a heading
	// word), so that a repeated search costs the index no round trip; it
	// is a result cache like the others, off with them.
	tsqueries *ttlcache.Cache[string, string]

	jobVocab, providerVocab *vocabSource // words for typo correction
	due                     dueState     // the newest version's next moment
	index                   *memIndex    // nil until StartIndex
}

// Options tune a Store; the zero value is a good default.
type Options struct {
	// Now is the clock deciding which deadlines have passed; time.Now if nil.
	Now func() time.Time
	// CursorKey signs pagination cursors. Every process serving the same
	// site must use the same key so a cursor works on any of them; without
	// one a fixed built-in key still detects corruption and edits made
	// without knowledge of the format.
	CursorKey []byte
	// CacheTTL bounds how long result pages, facet counts, totals and
	// browse lists of one catalog version are reused within snapshots
	// (Snapshot): identical requests (the front page, a popular search)
	// then cost no query until the catalog changes. 0 means
	// DefaultCacheTTL; a negative value disables the caches.
	CacheTTL time.Duration
}

// New returns a Store on pool.
func New(pool *pgxpool.Pool, opts Options) *Store {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	key := opts.CursorKey
	if len(key) == 0 {
		sum := sha256.Sum256([]byte("zumodra catalog cursor v1"))
		key = sum[:]
	}
	ttl := cmp.Or(opts.CacheTTL, DefaultCacheTTL)
	return &Store{pool: pool, now: opts.Now, cursor: cursorCodec{key: key}, cache: newResultCache(ttl, 4096, opts.Now),
		pages: newResultCache(ttl, 512, opts.Now), tsqueries: newTSQueryCache(ttl, opts.Now), jobVocab: newVocabSource(jobVocabSQL),
		providerVocab: newVocabSource(providerVocabSQL)}
}
