// Package database opens zumodra's connection pool: to DATABASE_URL when
// set, otherwise to the embedded cluster of package pgcluster.
//
// Stopping rule for the embedded cluster, which several zumodra processes may
// share (serve in one terminal, CLI commands in another): whoever closes last
// turns it off. On close a process stops the server only if no other client
// is connected; otherwise it leaves it running for them, and the last one
// stops it. Each process holds a lease connection for its whole life, so it
// counts as connected even while its pool happens to hold no connection.
// A server reached through DATABASE_URL is never stopped.
package database
