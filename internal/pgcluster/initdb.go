package pgcluster

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// initializedMarker is written after initdb and our configuration both
// succeeded; initdb writes PG_VERSION early, so it cannot tell a finished
// data dir from one whose initdb was killed halfway.
const initializedMarker = "initialized"

// includeLine makes postgresql.conf read the settings we rewrite at each start.
const includeLine = "\n# zumodra: settings rewritten at every start\ninclude_if_exists = 'zumodra.conf'\n"

// prepareRoot creates the cluster root and socket dir, owned by the server user.
func prepareRoot(l layout, su serverUser, o *Options) error {
	for _, dir := range []string{l.root, l.run} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create %s: %w", dir, err)
		}
		// MkdirAll leaves an existing dir's mode alone; the socket dir's mode is our access control.
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("chmod %s: %w", dir, err)
		}
		if err := su.own(dir); err != nil {
			return err
		}
	}
	return su.makeTraversable(l.root, o.Logger)
}

func initialized(l layout) bool {
	_, err := os.Stat(filepath.Join(l.root, initializedMarker))
	return err == nil
}

// initialize runs initdb into a fresh data/ and hooks our config file in.
func initialize(ctx context.Context, l layout, su serverUser, bins Binaries, o *Options) error {
	if err := os.RemoveAll(l.data); err != nil { // leftovers of an interrupted initdb
		return fmt.Errorf("remove half-initialised %s: %w", l.data, err)
	}
	if err := writePassword(l.password, su); err != nil {
		return err
	}
	began := time.Now()
	args := []string{"-D", l.data, "-U", Superuser, "--encoding=UTF8", "--locale=" + pickLocale(),
		"--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + l.password}
	if o.Ephemeral {
		args = append(args, "--no-sync")
	}
	cmd := su.command(l.root, bins.Initdb, args...)
	if out, err := runCtx(ctx, cmd); err != nil {
		return fmt.Errorf("initdb %s: %w\n%s", l.data, err, out)
	}
	if err := appendFile(filepath.Join(l.data, "postgresql.conf"), includeLine); err != nil {
		return err
	}
	o.Logger.InfoContext(ctx, "initialised PostgreSQL data dir", "data_dir", l.data,
		"major", bins.Major, "took_ms", time.Since(began).Milliseconds())
	return os.WriteFile(filepath.Join(l.root, initializedMarker), []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o600)
}

// writePassword stores a fresh random superuser password, readable by the
// server user only (initdb reads it as that user).
func writePassword(path string, su serverUser) error {
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return fmt.Errorf("generate password: %w", err)
	}
	pw := base64.RawURLEncoding.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
		return fmt.Errorf("write password: %w", err)
	}
	return su.own(path)
}

func readPassword(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read cluster password: %w", err)
	}
	return strings.TrimSpace(string(raw)), nil
}

// pickLocale prefers C.UTF-8 (byte-order collation like C, but Unicode-aware
// upper/lower for ILIKE and full-text search) and falls back to C, which
// exists everywhere (macOS has no C.UTF-8).
func pickLocale() string {
	out, err := exec.Command("locale", "-a").Output()
	if err != nil {
		return "C"
	}
	for _, name := range strings.Fields(string(out)) {
		if strings.EqualFold(name, "C.UTF-8") || strings.EqualFold(name, "C.utf8") {
			return name
		}
	}
	return "C"
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	_, err = f.WriteString(text)
	return errors.Join(err, f.Close())
}

// runCtx runs cmd, killing it when ctx ends, and returns its combined output.
func runCtx(ctx context.Context, cmd *exec.Cmd) ([]byte, error) {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second // never hang on a pipe a daemonised child kept open
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.Bytes(), err
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-done
		return out.Bytes(), ctx.Err()
	}
}
