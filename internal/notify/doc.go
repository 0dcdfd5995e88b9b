// Package notify tells tenants what concerns them: visitors' applications
// and inquiries, their moves through the pipelines, and listings going
// public, changing or leaving the catalog and why.
//
// It owns the shared tables of shared migration 0026: the event outbox
// (public.notify_events), the webhook endpoints, the private notification
// settings, and the deliveries of each event to each destination with a
// log of every attempt. The flow mirrors the sync:
//
//	Recorder.Record(ctx, tx, tenant, events...)  in the causing transaction: the
//	                                             event and one delivery per subscribed
//	                                             endpoint (and e-mail address)
//	Worker.Run(ctx)                              claim due deliveries (SKIP LOCKED),
//	                                             send them signed (internal/webhooks)
//	                                             or by SMTP, log the attempt, retry
//	                                             with backoff, dead after MaxAttempts
//	Replay(ctx, q, tenant, delivery)             send a delivery again, from the tenant
//	                                             API or the admin page
//
// An event nobody subscribes to is not stored at all, so that a tenant
// without endpoints pays one indexed read per causing transaction.
package notify
