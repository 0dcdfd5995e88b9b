// Package replica watches the streaming replica the public read path reads
// from (serve --read-database-url): whether it answers, how far its replay
// lags the primary in time and in catalog versions. /readyz and /metrics
// report what the monitor last read, so a probe or a scrape never waits for
// either server.
//
// The lag in time is the usual one of a hot standby: zero when the replica
// has replayed all the WAL the primary had written when the monitor asked,
// else the age of the last transaction it replayed. The lag in versions is
// the primary's catalog version less the replica's: how many catalog
// commits a visitor on the replica cannot see yet.
package replica
