// Package webhooks signs, verifies and delivers a tenant's webhook events.
// Signatures follow the Standard Webhooks scheme so receivers can use any of
// its published libraries: HMAC-SHA256 over "id.timestamp.body", keyed by the
// bytes of a "whsec_"-prefixed base64 secret.
package webhooks

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SecretPrefix marks a webhook secret, as Standard Webhooks does.
const SecretPrefix = "whsec_"

// Header names a delivery carries.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// Errors a receiver's verification returns; callers match them with errors.Is.
var (
	ErrBadSecret    = errors.New("webhook secret must be whsec_ followed by base64")
	ErrNoSignature  = errors.New("no valid v1 signature matches")
	ErrBadTimestamp = errors.New("webhook timestamp is missing, malformed or outside the tolerance")
	ErrReplayed     = errors.New("webhook id was already received")
)

// NewSecret returns a fresh random secret of 24 bytes, prefixed with whsec_.
func NewSecret() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b), nil
}

// secretKey decodes the HMAC key from a whsec_ secret.
func secretKey(secret string) ([]byte, error) {
	raw, ok := strings.CutPrefix(secret, SecretPrefix)
	if !ok {
		return nil, ErrBadSecret
	}
	key, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(key) == 0 {
		return nil, ErrBadSecret
	}
	return key, nil
}

// Sign returns the webhook-signature value "v1,<base64 HMAC>" for one delivery.
func Sign(secret, id string, ts time.Time, body []byte) (string, error) {
	key, err := secretKey(secret)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// SignAll joins the signatures of every secret still valid (the current one
// and, during a rotation's grace period, the previous one) with spaces, so a
// receiver holding either secret accepts the delivery.
func SignAll(secrets []string, id string, ts time.Time, body []byte) (string, error) {
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		sig, err := Sign(s, id, ts, body)
		if err != nil {
			return "", err
		}
		sigs = append(sigs, sig)
	}
	return strings.Join(sigs, " "), nil
}
