package openapi

import (
	"github.com/zumodra/zumodra/internal/notify"
)

const (
	hooksPath      = tp + "/webhook-endpoints"
	deliveriesPath = tp + "/deliveries"
)

// notifyOps documents the webhook endpoints, the deliveries and the
// notification settings (internal/tenantapi's webhookRoutes).
func notifyOps() []op {
	item := hooksPath + "/{id}"
	rotation := "The previous secret keeps signing beside the new one for 24 hours: deliveries carry both signatures, space-separated in webhook-signature, so a receiver may switch at any moment of that window."
	return []op{
		{method: "GET", path: hooksPath, id: "listWebhookEndpoints", tag: "webhooks", summary: "Your webhook endpoints in id order",
			params: pageParams, ok: 200, okSchema: "WebhookEndpointPage", errors: []int{400, 401}},
		{method: "POST", path: hooksPath, id: "createWebhookEndpoint", tag: "webhooks", summary: "Register a webhook endpoint",
			description: "The answer holds the endpoint's signing secret, shown this once. The URL's host must resolve to public addresses only: loopback, private, link-local and other non-public addresses are refused with 422, here and again at every delivery. At most 20 endpoints per tenant.",
			body:        "WebhookEndpointInput", example: obj{"url": "https://hooks.example.com/zumodra", "description": "CRM",
				"events": []string{notify.ApplicationCreated, notify.ListingExcluded}},
			ok: 201, okSchema: "WebhookEndpointWithSecret", okHeaders: []string{"ETag", "Location"}, errors: []int{400, 401, 413, 422}},
		{method: "GET", path: item, id: "getWebhookEndpoint", tag: "webhooks", summary: "One webhook endpoint (without its secret)",
			ok: 200, okSchema: "WebhookEndpoint", okHeaders: []string{"ETag"}, errors: readErrs},
		{method: "PATCH", path: item, id: "updateWebhookEndpoint", tag: "webhooks", summary: "Change an endpoint's URL, description, events or active flag",
			description: "The body's fields are laid over the endpoint; events replaces the whole list. An inactive endpoint gets no new events, and its pending deliveries wait until it is active again.",
			params:      []obj{ifMatch}, body: "WebhookEndpointPatch", example: obj{"active": false},
			ok: 200, okSchema: "WebhookEndpoint", okHeaders: []string{"ETag"}, errors: writeErrs},
		{method: "DELETE", path: item, id: "deleteWebhookEndpoint", tag: "webhooks", summary: "Delete an endpoint and its deliveries",
			params: []obj{ifMatch}, ok: 204, errors: []int{401, 404, 412, 428}},
		{method: "POST", path: item + "/rotate-secret", id: "rotateWebhookSecret", tag: "webhooks", summary: "Give an endpoint a new signing secret",
			description: rotation, params: []obj{ifMatch},
			ok: 200, okSchema: "WebhookEndpointWithSecret", okHeaders: []string{"ETag"}, errors: []int{401, 404, 412, 428}},
		{method: "GET", path: deliveriesPath, id: "listDeliveries", tag: "webhooks", summary: "Deliveries of your events to endpoints and by e-mail, newest first",
			params: append([]obj{
				query("endpoint_id", "only those to this endpoint", obj{"type": "integer", "minimum": 1}),
				query("state", "only those in this state", obj{"type": "string", "enum": []string{notify.StatePending, notify.StateDelivered, notify.StateDead}}),
			}, pageParams...), ok: 200, okSchema: "DeliveryPage", errors: []int{400, 401}},
		{method: "GET", path: deliveriesPath + "/{id}", id: "getDelivery", tag: "webhooks", summary: "One delivery with the log of its attempts",
			ok: 200, okSchema: "DeliveryWithLog", errors: readErrs},
		{method: "POST", path: deliveriesPath + "/{id}/replay", id: "replayDelivery", tag: "webhooks", summary: "Send a delivery again",
			description: "Whatever its state, the delivery becomes due now with a fresh count of attempts: the same event, with the same webhook-id, is sent again, newly signed. Its log keeps the earlier attempts.",
			ok:          202, okSchema: "DeliveryWithLog", errors: []int{401, 404}},
		{method: "GET", path: tp + "/notification-settings", id: "getNotificationSettings", tag: "notifications",
			summary: "Where your new applications and inquiries are mailed", ok: 200, okSchema: "NotificationSettings",
			okHeaders: []string{"ETag"}, errors: []int{401}},
		{method: "PATCH", path: tp + "/notification-settings", id: "updateNotificationSettings", tag: "notifications",
			summary:     "Set or clear the notification address",
			description: "New applications and inquiries are mailed to this address when the server has SMTP configured; an empty address receives nothing. It is private: it never reaches the catalog.",
			params:      []obj{ifMatch}, body: "NotificationSettingsInput", example: obj{"email": "hiring@acme.example"},
			ok: 200, okSchema: "NotificationSettings", okHeaders: []string{"ETag"}, errors: []int{400, 401, 412, 413, 422, 428}},
	}
}

// notifyConstraints add the enums and bounds of shared migration 0026.
var notifyConstraints = map[string]map[string]obj{
	"WebhookEndpointInput": notifyInputRules(),
	"WebhookEndpoint":      notifyStoredRules(),
	"WebhookEndpointWithSecret": merge(notifyStoredRules(), map[string]obj{
		"secret": {"pattern": "^whsec_", "description": "the signing secret: whsec_ and the base64 HMAC-SHA256 key; shown only in this answer"}}),
	"Delivery": deliveryRules(),
	"DeliveryWithLog": merge(deliveryRules(), map[string]obj{
		"log": {"description": "every attempt, oldest first"}}),
	"DeliveryAttempt": {
		"status_code": {"description": "the receiver's HTTP status or the SMTP reply code; null when none came"},
		"response":    {"maxLength": 2000, "description": "the start of the receiver's answer"},
		"error":       {"maxLength": 2000},
	},
	"NotificationSettingsInput": {"email": optionalEmail()},
	"NotificationSettings":      {"email": merge(optionalEmail(), obj{"description": "empty for none"})},
}

func notifyInputRules() map[string]obj {
	return map[string]obj{
		"url":         {"minLength": 1, "maxLength": 2000, "pattern": "^[hH][tT][tT][pP][sS]?://", "description": "where deliveries are POSTed"},
		"description": {"maxLength": 500},
		"events":      {"minItems": 1, "maxItems": len(notify.Types), "items": obj{"type": "string", "enum": notify.Types}},
		"active":      {"type": []any{"boolean"}, "default": true},
	}
}

func notifyStoredRules() map[string]obj {
	r := notifyInputRules()
	r["version"] = obj{"description": "row version; the ETag is \"v<version>\""}
	r["previous_secret_expires_at"] = obj{"description": "while a rotated secret still signs, the end of its grace period; null otherwise"}
	return r
}

func deliveryRules() map[string]obj {
	return map[string]obj{
		"event_id":        {"pattern": "^evt_[0-9a-f]{32}$", "description": "the event's webhook-id, the same across retries and replays"},
		"event_type":      {"enum": notify.Types},
		"channel":         {"enum": []string{notify.ChannelWebhook, notify.ChannelEmail}},
		"state":           {"enum": []string{notify.StatePending, notify.StateDelivered, notify.StateDead}},
		"endpoint_id":     {"description": "the endpoint, for a webhook delivery; null for e-mail"},
		"recipient":       {"description": "the address, for an e-mail delivery; empty for a webhook"},
		"next_attempt_at": {"description": "when a pending delivery is tried next; null otherwise"},
	}
}
