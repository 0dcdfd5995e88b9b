package bench

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/testdb"
)

// --notify reaches the writers' sessions, where the capture trigger
// reads it; without it the writers keep the database's setting.
func TestWriterPoolNotifySetting(t *testing.T) {
	t.Parallel()
	url := testdb.NewURL(t)
	for _, on := range []bool{false, true} {
		s := &suite{opts: Options{DatabaseURL: url, Notify: on}}
		pool, err := s.writerPool(context.Background(), 1)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		err = pool.QueryRow(context.Background(), `SELECT coalesce(current_setting('zumodra.capture_notify', true), '')`).Scan(&got)
		pool.Close()
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]string{true: "on", false: ""}[on]; got != want {
			t.Errorf("Notify %v: zumodra.capture_notify = %q, want %q", on, got, want)
		}
	}
}
