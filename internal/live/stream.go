package live

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// Serve streams w's updates to the client as Server-Sent Events until the
// client leaves or the hub closes: "update" events with an Update as JSON,
// and a comment every heartbeat. It sets the stream's headers, lifts the
// server's write deadline (a stream outlives any response timeout) and
// flushes every event, so no buffering layer holds one back.
func (h *Hub) Serve(rw http.ResponseWriter, r *http.Request, w *Watcher) error {
	defer w.Close()
	rc := http.NewResponseController(rw)
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	hd := rw.Header()
	hd.Set("Content-Type", "text/event-stream")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	rw.WriteHeader(http.StatusOK)
	if _, err := rw.Write([]byte("retry: 5000\n: connected\n\n")); err != nil {
		return err
	}
	if err := rc.Flush(); err != nil {
		return err
	}
	beat := time.NewTicker(h.opts.Heartbeat)
	defer beat.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return nil
		case <-h.closed:
			return nil
		case <-beat.C:
			msg = []byte(": heartbeat\n\n")
		case u := <-w.updates:
			data, _ := json.Marshal(u) // two plain fields cannot fail
			msg = append(append([]byte("event: update\ndata: "), data...), "\n\n"...)
		}
		if _, err := rw.Write(msg); err != nil {
			return nil // the client went away
		}
		if err := rc.Flush(); err != nil {
			return nil
		}
	}
}
