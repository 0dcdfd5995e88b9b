// Package pgcluster runs zumodra's private PostgreSQL cluster: it finds the
// server binaries on the machine, initialises a data directory once, starts
// the server (or attaches to one already running there) and stops it.
//
// Layout of Options.DataDir (the cluster root, mode 0700):
//
//	data/          PGDATA, created by initdb
//	run/           unix socket directory (0700): the socket is the access control
//	password       superuser password (0600), used only when we must fall back to TCP
//	postgres.log   server log
//	lock           flock held while deciding to start, attach or stop
//
// The server listens on a unix socket in run/ when that path fits the
// kernel's 107-byte limit, with trust auth: only our uid (and root) can
// enter a 0700 directory, which is the same guarantee peer auth gives
// without needing the OS user name to match the database role. When the
// path is too long it listens on 127.0.0.1 on a free port, with
// scram-sha-256 and the generated password, because any local user can
// reach a TCP port.
package pgcluster
