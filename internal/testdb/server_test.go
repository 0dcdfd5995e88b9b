package testdb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOwnDirRefusesPlantedDirs(t *testing.T) {
	base := t.TempDir()
	mine := filepath.Join(base, "mine")
	if err := os.Mkdir(mine, 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(mine, link); err != nil {
		t.Fatal(err)
	}
	if err := checkOwnDir(filepath.Join(base, "absent")); err != nil {
		t.Errorf("absent dir: %v", err)
	}
	if err := checkOwnDir(mine); err != nil {
		t.Errorf("own dir: %v", err)
	}
	if err := checkOwnDir(link); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("symlink must be refused, got %v", err)
	}
	if os.Getuid() == 0 {
		planted := filepath.Join(base, "planted")
		if err := os.Mkdir(planted, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(planted, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if err := checkOwnDir(planted); err == nil || !strings.Contains(err.Error(), "belongs to uid 65534") {
			t.Errorf("another user's dir must be refused, got %v", err)
		}
	}
}
