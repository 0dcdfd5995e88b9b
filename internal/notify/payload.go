package notify

import (
	"encoding/json"
	"time"
)

// payload is the body of a webhook delivery, after Standard Webhooks: the
// event's type, the time it happened and its data. It is built from the
// stored event alone, so every attempt and replay sends the same bytes.
type payload struct {
	Type      string          `json:"type"`
	Timestamp time.Time       `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

func (c claimed) body() ([]byte, error) {
	return json.Marshal(payload{Type: c.Type, Timestamp: c.CreatedAt.UTC(), Data: c.Data})
}
