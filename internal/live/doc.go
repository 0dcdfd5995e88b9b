// Package live tells open list pages of new matching rows ("3 new jobs
// match") over Server-Sent Events, fed by the catalog change feed.
//
// A Hub follows the process's feed follower. Visitors watching the same
// list (the same cleaned query) share one watch: for each feed batch that
// brings new public rows, the hub asks the catalog once per distinct
// watched query which of those rows match it, never once per visitor, and
// hands every watcher its own count of new matches since it connected.
// Connections are bounded per client address and in total; the stream
// sends a heartbeat comment so proxies keep it open, and the hub ends every
// stream when the server shuts down. Pages work without it: it only adds a
// notice to a list a visitor already has.
package live
