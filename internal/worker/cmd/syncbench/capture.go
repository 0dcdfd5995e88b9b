package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Capture variants, applied to the scratch database only, to measure what
// the NOTIFY in the capture triggers costs. PostgreSQL serialises the
// commits of notifying transactions (a global lock held through the commit
// record's flush), so a NOTIFY per tenant write caps the write rate.
//
//	notify       as migrated: every capturing statement NOTIFYs
//	conditional  NOTIFY only when the tenant had no available pending row
//	             before the statement (workers busy with it will find it;
//	             the poll interval bounds the rare miss)
//	poll         no NOTIFY at all; the workers poll
var captureVariants = []string{"notify", "conditional", "poll"}

func applyCapture(ctx context.Context, db *pgxpool.Pool, variant string) error {
	switch variant {
	case "notify":
		return nil
	case "conditional", "poll":
	default:
		return fmt.Errorf("unknown capture variant %q (want one of %s)", variant, strings.Join(captureVariants, ", "))
	}
	var def string
	if err := db.QueryRow(ctx, `SELECT pg_get_functiondef('public.zumodra_capture'::regproc)`).Scan(&def); err != nil {
		return err
	}
	notify := "PERFORM pg_notify('zumodra_sync', tid::text);"
	if !strings.Contains(def, notify) {
		return fmt.Errorf("zumodra_capture changed: cannot find %q", notify)
	}
	if variant == "poll" {
		def = strings.Replace(def, notify, "NULL;", 1)
	} else {
		def = strings.Replace(def, "BEGIN\n", `    busy boolean;
BEGIN
    busy := EXISTS (SELECT 1 FROM public.sync_outbox o WHERE o.tenant_id = tid
        AND o.dead_at IS NULL AND o.available_at <= clock_timestamp());
`, 1)
		def = strings.Replace(def, "IF n > 0 THEN", "IF n > 0 AND NOT coalesce(busy, false) THEN", 1)
	}
	_, err := db.Exec(ctx, def)
	return err
}
