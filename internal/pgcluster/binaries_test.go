package pgcluster

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCandidatesPathFirstThenNewestMajor(t *testing.T) {
	root := t.TempDir()
	for _, v := range []string{"9.6", "15", "10", "17"} {
		if err := os.MkdirAll(filepath.Join(root, v, "bin"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f := Finder{Path: "/opt/a" + string(os.PathListSeparator) + "/opt/b", Globs: []string{filepath.Join(root, "*", "bin")}}
	got := f.candidates()
	want := []string{"/opt/a", "/opt/b"}
	for _, v := range []string{"17", "15", "10", "9.6"} {
		want = append(want, filepath.Join(root, v, "bin"))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("candidates:\n got %v\nwant %v", got, want)
	}
}

func TestVersionInPath(t *testing.T) {
	for path, want := range map[string]int{
		"/usr/lib/postgresql/15/bin":          15,
		"/usr/pgsql-16/bin":                   16,
		"/opt/homebrew/opt/postgresql@17/bin": 17,
		"/usr/local/pgsql/9.6/bin":            9,
		"/opt/homebrew/opt/postgresql/bin":    0,
	} {
		if got := versionInPath(path); got != want {
			t.Errorf("versionInPath(%q) = %d, want %d", path, got, want)
		}
	}
}
