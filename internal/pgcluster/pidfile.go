package pgcluster

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// pidFile is what the postmaster writes to PGDATA/postmaster.pid.
type pidFile struct {
	dataDir    string // the directory we read it from
	pid        int
	port       int
	socketDir  string // empty when not listening on a socket
	listenAddr string // empty when not listening on TCP
	status     string // "starting", "ready", "stopping", "standby"
}

// readPidFile returns (nil, nil) when there is no pid file.
func readPidFile(dataDir string) (*pidFile, error) {
	raw, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read postmaster.pid: %w", err)
	}
	lines := strings.Split(string(raw), "\n")
	for len(lines) < 8 {
		lines = append(lines, "") // a server still starting may not have written all lines
	}
	pf := &pidFile{dataDir: dataDir, socketDir: strings.TrimSpace(lines[4]), listenAddr: strings.TrimSpace(lines[5]),
		status: strings.TrimSpace(lines[7])}
	if pf.pid, err = strconv.Atoi(strings.TrimSpace(lines[0])); err != nil {
		return nil, fmt.Errorf("postmaster.pid: bad pid line %q: %w", lines[0], err)
	}
	pf.port, _ = strconv.Atoi(strings.TrimSpace(lines[3])) // absent while starting
	return pf, nil
}

// alive reports whether the pid file's process is a live postmaster of this
// data dir. A pid file left by a crash may name a pid since reused by another
// program, even another PostgreSQL server (common in containers, where pids
// restart low), or a zombie nobody reaped: all mean the file is stale.
func (pf *pidFile) alive() bool {
	err := syscall.Kill(pf.pid, 0)
	if err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	return isPostgresProcess(pf.pid) && runsIn(pf.pid, pf.dataDir)
}

// runsIn checks that pid's working directory is dataDir: the postmaster
// chdirs there. Without /proc (macOS, BSD) we cannot tell and trust the pid.
func runsIn(pid int, dataDir string) bool {
	if _, err := os.Stat("/proc/self/cwd"); err != nil {
		return true
	}
	cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		return false // another user's process: ours would run as us, or we are root
	}
	want, err := filepath.EvalSymlinks(dataDir)
	return err == nil && cwd == want
}

// isPostgresProcess checks /proc on Linux; elsewhere an existing pid is trusted.
func isPostgresProcess(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		_, noProc := os.Stat("/proc/self/stat")
		return noProc != nil
	}
	// Format: pid (comm) state ...; comm may hold spaces or parentheses.
	open, closing := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
	if open < 0 || closing < open || closing+2 >= len(stat) {
		return false
	}
	comm, state := string(stat[open+1:closing]), stat[closing+2]
	return state != 'Z' && state != 'X' && (comm == "postgres" || comm == "postmaster")
}
