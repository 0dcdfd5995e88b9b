// Package searchindex is an in-memory, per-process index of one catalog
// table: documents with their full-text lexemes, their facet values and a
// visibility window in time, answering matches as roaring bitmaps and facet
// counts by walking them. It exists so that an uncached search costs
// microseconds of Go instead of a pass over every matching row in
// PostgreSQL, which stays the only source of truth: the index is derived
// from the catalog at start and kept by the change feed (internal/catalog
// loads and follows it), and nothing in it is shared between processes.
//
// Documents are numbered by ordinals. A document replaced or removed leaves
// its ordinal dead in the lexeme postings until a compaction sweeps the dead
// ordinals out of every posting and frees them for reuse, so an edit costs
// only the new document's postings.
//
// Text matching is PostgreSQL's: the lexemes come from the catalog's
// tsvector columns and queries arrive as tsquery text (Parse), so stemming,
// stop words and tokenising cannot drift from the SQL path.
package searchindex
