package source_test

import (
	"context"
	"testing"

	"github.com/zumodra/zumodra/internal/source"
	"github.com/zumodra/zumodra/internal/testdb"
	"github.com/zumodra/zumodra/internal/testfactory"
)

// A tenant row whose schema name does not derive from a valid slug is
// refused before any identifier is built from it.
func TestLoadTenantRefusesAMismatchedSchema(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	if _, err := source.LoadTenant(ctx, pool, tn.ID); err != nil {
		t.Fatalf("valid tenant: %v", err)
	}
	// The CHECK constraint forbids this; a superuser could still force it.
	if _, err := pool.Exec(ctx, `ALTER TABLE public.tenants DROP CONSTRAINT tenants_check`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE public.tenants SET schema_name = 'public' WHERE id = $1`, tn.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := source.LoadTenant(ctx, pool, tn.ID); err == nil {
		t.Fatal("tenant with schema 'public' accepted")
	}
	if _, err := source.LoadTenant(ctx, pool, 987654); err != source.ErrTenantGone {
		t.Fatalf("missing tenant: %v, want ErrTenantGone", err)
	}
}

func TestReadsComeBackInIDOrderWithChildren(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tn := testfactory.Tenant(t, pool, nil)
	cat := testfactory.ProviderCategory(t, pool, tn, nil)
	a := testfactory.Provider(t, pool, tn, &testfactory.ProviderOpts{
		Skills: []testfactory.SkillOpts{{Name: "Go"}, {Name: "SQL"}}, CategoryIDs: []int64{cat.ID},
	})
	b := testfactory.Provider(t, pool, tn, nil)
	in, err := source.ProvidersByID(ctx, pool, tn, []int64{b.ID, a.ID, 424242})
	if err != nil {
		t.Fatal(err)
	}
	if len(in) != 2 || in[0].Provider.ID != a.ID || in[1].Provider.ID != b.ID {
		t.Fatalf("got %d providers, want a then b", len(in))
	}
	if len(in[0].Skills) != 2 || len(in[0].Categories) != 1 || in[0].Categories[0].Name != cat.Name || len(in[1].Skills) != 0 {
		t.Fatalf("children: a has %d skills, %d categories; b has %d skills", len(in[0].Skills), len(in[0].Categories), len(in[1].Skills))
	}
	ids, err := source.ProviderIDPage(ctx, pool, tn, a.ID, 10)
	if err != nil || len(ids) != 1 || ids[0] != b.ID {
		t.Fatalf("page after a = %v, %v", ids, err)
	}
}
