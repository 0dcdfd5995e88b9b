package apply

import (
	"bytes"

	"github.com/zumodra/zumodra/internal/kind"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/projection"
)

// listingEvents tells the tenant what this sync does to its listings,
// decided against what the catalog held before it (hold): a row new to the
// catalog is published, one whose content changed is updated, one removed
// is unpublished (with the reason, or "deleted" when its source row is
// gone), and one kept out that was not public before is excluded, unless
// the tenant simply has not published it. The events are recorded in the
// sync's transaction, so they commit with the catalog change they tell of.
//
// Only jobs and providers are listings: the company catalog's row follows
// the tenant's own profile, which the tenant changed itself.
func listingEvents(c kind.Catalog, p projected, hold map[int64]held) []notify.Event {
	if c != kind.Jobs && c != kind.Providers {
		return nil
	}
	var out []notify.Event
	add := func(typ string, id int64, why projection.Reason, text string) {
		d := notify.ListingData{Kind: c.Entity(), ID: id, Reason: string(why), ReasonText: text}
		out = append(out, notify.Event{Type: typ, Data: notify.Listing{Listing: d}})
	}
	for _, it := range p.items {
		switch h, ok := hold[it.sourceID]; {
		case !ok:
			add(notify.ListingPublished, it.sourceID, "", "")
		case !bytes.Equal(h.hash, it.hash):
			add(notify.ListingUpdated, it.sourceID, "", "")
		}
	}
	invalid := map[int64]string{}
	for _, e := range p.invalid {
		invalid[e.ID] = e.Err.Error()
	}
	for _, id := range p.remove {
		why, exists := p.reasons[id]
		text := why.Text()
		if msg, ok := invalid[id]; ok {
			text += ": " + msg
		}
		_, wasPublic := hold[id]
		switch {
		case wasPublic && !exists:
			add(notify.ListingUnpublished, id, "deleted", "the row was deleted")
		case wasPublic:
			add(notify.ListingUnpublished, id, why, text)
		case exists && why != projection.ReasonNotPublished && why != projection.ReasonMarketplaceDisabled:
			add(notify.ListingExcluded, id, why, text)
		}
	}
	return out
}
