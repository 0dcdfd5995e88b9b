package pgcluster

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// serverUser is the OS account the PostgreSQL programs run as. PostgreSQL
// refuses to run as root, so a root process runs them as `postgres`; anyone
// else runs them as themselves.
type serverUser struct {
	uid, gid int
	asOther  bool // we are root and switch to uid/gid for every server program
}

func currentServerUser() (serverUser, error) {
	if os.Geteuid() != 0 {
		return serverUser{uid: os.Geteuid(), gid: os.Getegid()}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return serverUser{}, fmt.Errorf("running as root: PostgreSQL refuses to run as root and "+
			"the `postgres` system user was not found (%w); create it (useradd --system postgres) or run as a normal user", err)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return serverUser{}, fmt.Errorf("postgres user ids: %w", err)
	}
	return serverUser{uid: uid, gid: gid, asOther: true}, nil
}

// command builds an exec.Cmd that runs as the server user in its own process
// group, so a Ctrl-C in the terminal reaches us (and our orderly Stop), not
// the server programs directly.
func (s serverUser) command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = serverEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if s.asOther {
		cmd.SysProcAttr.Credential = &syscall.Credential{
			Uid: uint32(s.uid), Gid: uint32(s.gid), Groups: []uint32{uint32(s.gid)},
		}
	}
	return cmd
}

// serverEnv drops PG* variables (PGDATA, PGPORT...) that would silently
// override our explicit flags, and pins the messages locale.
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if len(kv) >= 2 && kv[:2] == "PG" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C", "LANG=C")
}

// own gives path to the server user; a no-op unless we switch users.
func (s serverUser) own(path string) error {
	if !s.asOther {
		return nil
	}
	if err := os.Lchown(path, s.uid, s.gid); err != nil {
		return fmt.Errorf("chown %s to postgres: %w", path, err)
	}
	return nil
}

// makeTraversable ensures the server user can reach dir: every ancestor
// needs search (x) permission for it. A root-owned checkout under /root
// (mode 0700) is the common case; we add o+x (search only, no listing) and
// log each change rather than fail.
func (s serverUser) makeTraversable(dir string, log *slog.Logger) error {
	if !s.asOther {
		return nil
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		if err := s.ensureSearch(p, log); err != nil {
			return err
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

func (s serverUser) ensureSearch(p string, log *slog.Logger) error {
	st, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("stat %s: %w", p, err)
	}
	mode := st.Mode().Perm()
	sys, _ := st.Sys().(*syscall.Stat_t)
	switch {
	case sys != nil && int(sys.Uid) == s.uid && mode&0o100 != 0,
		sys != nil && int(sys.Gid) == s.gid && mode&0o010 != 0,
		mode&0o001 != 0:
		return nil
	}
	log.Warn("granting search permission so the postgres user can reach the data dir", "path", p)
	if err := os.Chmod(p, st.Mode().Perm()|0o001); err != nil {
		return fmt.Errorf("chmod o+x %s: %w", p, err)
	}
	return nil
}
