package logging

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
)

func TestAutoIsJSONOffTerminal(t *testing.T) {
	var b bytes.Buffer
	log, err := New(&b, slog.LevelInfo, FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	log.Debug("hidden")
	log.Info("started", "tenant_count", 2)
	var rec map[string]any
	if err := json.Unmarshal(b.Bytes(), &rec); err != nil {
		t.Fatalf("want one JSON record, got %q: %v", b.String(), err)
	}
	if rec["msg"] != "started" || rec["tenant_count"] != float64(2) {
		t.Fatalf("record = %v", rec)
	}
}

func TestTextAndLevel(t *testing.T) {
	var b bytes.Buffer
	log, err := New(&b, slog.LevelWarn, FormatText)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("hidden")
	log.Warn("careful", "schema", "t_acme")
	if out := b.String(); strings.Contains(out, "hidden") || !strings.Contains(out, `level=WARN msg=careful schema=t_acme`) {
		t.Fatalf("text output = %q", out)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New(&bytes.Buffer{}, slog.LevelInfo, "xml"); err == nil {
		t.Fatal("xml accepted")
	}
}
