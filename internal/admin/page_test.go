package admin

import (
	"testing"

	"github.com/zumodra/zumodra/internal/ops"
)

func TestNeedsAttentionFirst(t *testing.T) {
	ts := []TenantStats{
		{Slug: "calm"},
		{Slug: "pending", Pending: 3},
		{Slug: "drift", Catalogs: []CatalogStats{{Verified: &ops.LastVerification{Drifted: 1}}}},
		{Slug: "dead", Dead: 1},
		{Slug: "calm2"},
	}
	var got []string
	for _, t := range needsAttention(ts) {
		got = append(got, t.Slug)
	}
	want := []string{"dead", "drift", "pending", "calm", "calm2"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if ts[0].Slug != "calm" {
		t.Error("input reordered")
	}
}
