package demo

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// loadKeys reads slug -> API key; a missing file is an empty map.
func loadKeys(path string) (map[string]string, error) {
	keys := map[string]string{}
	if path == "" {
		return keys, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return keys, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read demo keys: %w", err)
	}
	if err := json.Unmarshal(b, &keys); err != nil {
		return map[string]string{}, nil // a damaged file only costs fresh keys
	}
	return keys, nil
}

// saveKeys writes the keys readable by the owner only: they are secrets.
func saveKeys(path string, keys map[string]string) error {
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("save demo keys: %w", err)
	}
	b, err := json.MarshalIndent(keys, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("save demo keys: %w", err)
	}
	return os.Rename(tmp, path)
}
