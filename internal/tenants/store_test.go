package tenants_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zumodra/zumodra/internal/domain"
	"github.com/zumodra/zumodra/internal/tenants"
	"github.com/zumodra/zumodra/internal/testdb"
)

func schemaExists(t *testing.T, pool *pgxpool.Pool, schema string) bool {
	t.Helper()
	var ok bool
	if err := pool.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestCreateBuildsTheSchemaAndIssuesAKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	tn, key, err := s.Create(ctx, tenants.CreateParams{Slug: "acme", Name: "  Acme Corp ", LogoURL: "https://acme.example/logo.png"})
	if err != nil {
		t.Fatal(err)
	}
	if tn.Slug != "acme" || tn.Name != "Acme Corp" || tn.SchemaName != "t_acme" || !tn.Active() {
		t.Fatalf("tenant %+v", tn)
	}
	if !schemaExists(t, pool, "t_acme") {
		t.Fatal("schema t_acme missing")
	}
	for _, table := range []string{"job_categories", "job_postings", "service_providers", "provider_categories",
		"provider_category_links", "provider_skills", "applications", "project_inquiries", "schema_migrations"} {
		if n := count(t, pool, `SELECT count(*) FROM pg_tables WHERE schemaname = 't_acme' AND tablename = $1`, table); n != 1 {
			t.Errorf("table %s missing", table)
		}
	}
	if !strings.HasPrefix(key.Secret, "zmd_"+key.Prefix+"_") || len(key.Secret) < 40 {
		t.Fatalf("key %q prefix %q", key.Secret, key.Prefix)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.tenant_api_keys WHERE position($1 in encode(key_hash, 'escape')) > 0`, key.Secret); n != 0 {
		t.Fatal("the secret is stored")
	}
	got, err := s.Authenticate(ctx, key.Secret)
	if err != nil || got.ID != tn.ID {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
}

func TestCreateRefusesBadInputAndLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	cases := []tenants.CreateParams{
		{Slug: `a"; drop schema public; --`, Name: "X"},
		{Slug: "ACME", Name: "X"},
		{Slug: "acmé", Name: "X"},
		{Slug: "public", Name: "X"},
		{Slug: "pg_temp", Name: "X"},
		{Slug: "x" + strings.Repeat("y", 41), Name: "X"},
		{Slug: "good_slug", Name: ""},
		{Slug: "good_slug", Name: "   "},
		{Slug: "good_slug", Name: strings.Repeat("n", 201)},
		{Slug: "good_slug", Name: "bad\xff"},
		{Slug: "good_slug", Name: "nul\x00"},
		{Slug: "good_slug", Name: "X", LogoURL: "javascript:alert(1)"},
		{Slug: "good_slug", Name: "X", LogoURL: "//evil.example/x.png"},
	}
	for _, p := range cases {
		_, _, err := s.Create(ctx, p)
		if domain.ErrorCode(err) != domain.CodeInvalid {
			t.Errorf("Create(%q, %q, %q) = %v, want invalid", p.Slug, p.Name, p.LogoURL, err)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM public.tenants`); n != 0 {
		t.Fatalf("%d tenants registered", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\_%'`); n != 0 {
		t.Fatalf("%d tenant schemas created", n)
	}
}

func TestCreateConflicts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	if _, _, err := s.Create(ctx, tenants.CreateParams{Slug: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Create(ctx, tenants.CreateParams{Slug: "acme", Name: "Acme 2"}); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("duplicate slug: %v", err)
	}
	// A schema that exists without a tenant row may hold someone's data:
	// never adopt it.
	if _, err := pool.Exec(ctx, `CREATE SCHEMA t_orphan; CREATE TABLE t_orphan.keep (x int)`); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Create(ctx, tenants.CreateParams{Slug: "orphan", Name: "Orphan"}); domain.ErrorCode(err) != domain.CodeConflict {
		t.Fatalf("orphan schema: %v", err)
	}
	if n := count(t, pool, `SELECT count(*) FROM public.tenants WHERE slug = 'orphan'`); n != 0 {
		t.Fatal("tenant row left behind")
	}
}

func TestSuspendActivateRenameAreCaptured(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	tn, _, err := s.Create(ctx, tenants.CreateParams{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatal(err)
	}
	outbox := func() int {
		return count(t, pool, `SELECT count(*) FROM public.sync_outbox WHERE tenant_id = $1 AND entity = 'tenant'`, tn.ID)
	}
	if got, err := s.Suspend(ctx, "acme"); err != nil || got.Status != domain.TenantSuspended {
		t.Fatalf("suspend: %+v %v", got, err)
	}
	if outbox() != 1 {
		t.Fatalf("suspend not captured: %d outbox rows", outbox())
	}
	if _, err := s.Suspend(ctx, "acme"); err != nil || outbox() != 1 {
		t.Fatalf("suspending twice enqueued again: %v %d", err, outbox())
	}
	if got, err := s.Activate(ctx, "acme"); err != nil || !got.Active() || outbox() != 2 {
		t.Fatalf("activate: %+v %v %d", got, err, outbox())
	}
	if got, err := s.Rename(ctx, "acme", "Acme International"); err != nil || got.Name != "Acme International" || outbox() != 3 {
		t.Fatalf("rename: %+v %v %d", got, err, outbox())
	}
	if _, err := s.Rename(ctx, "acme", ""); domain.ErrorCode(err) != domain.CodeInvalid {
		t.Fatalf("empty rename: %v", err)
	}
	if _, err := s.SetLogo(ctx, "acme", "https://cdn.example/acme.svg"); err != nil || outbox() != 4 {
		t.Fatalf("logo: %v %d", err, outbox())
	}
	if _, err := s.Suspend(ctx, "nobody"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("unknown tenant: %v", err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "Acme International" {
		t.Fatalf("list: %+v %v", list, err)
	}
}

func TestDeleteRemovesSchemaAndEverythingPublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	gone, _, err := s.Create(ctx, tenants.CreateParams{Slug: "gone", Name: "Gone"})
	if err != nil {
		t.Fatal(err)
	}
	kept, _, err := s.Create(ctx, tenants.CreateParams{Slug: "kept", Name: "Kept"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tn := range []domain.Tenant{gone, kept} {
		_, err := pool.Exec(ctx, `INSERT INTO `+tn.SchemaName+`.job_postings (title, status) VALUES ('Engineer', 'open');
			INSERT INTO public.job_catalog (tenant_id, source_id, source_version, content_hash, title, job_type,
				experience_level, remote_policy, company_name, company_slug, published_at)
			VALUES (`+itoa(tn.ID)+`, 1, 1, '\x00', 'Engineer', 'full_time', 'mid', 'remote', 'X', 'x', now())`)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	if schemaExists(t, pool, "t_gone") || !schemaExists(t, pool, "t_kept") {
		t.Fatal("wrong schemas dropped")
	}
	for _, table := range []string{"job_catalog", "sync_outbox", "tenant_api_keys", "tenants"} {
		col := "tenant_id"
		if table == "tenants" {
			col = "id"
		}
		if n := count(t, pool, `SELECT count(*) FROM public.`+table+` WHERE `+col+` = $1`, gone.ID); n != 0 {
			t.Errorf("%s keeps %d rows of the deleted tenant", table, n)
		}
		if n := count(t, pool, `SELECT count(*) FROM public.`+table+` WHERE `+col+` = $1`, kept.ID); n == 0 {
			t.Errorf("%s lost the other tenant's rows", table)
		}
	}
	if err := s.Delete(ctx, "gone"); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("second delete: %v", err)
	}
}

func TestKeysCreateListRevokeAndIsolation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	s := tenants.New(pool)
	a, first, err := s.Create(ctx, tenants.CreateParams{Slug: "alpha", Name: "Alpha"})
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := s.Create(ctx, tenants.CreateParams{Slug: "bravo", Name: "Bravo"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.CreateKey(ctx, "alpha", "ci")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := s.ListKeys(ctx, "alpha")
	if err != nil || len(keys) != 2 || keys[1].Name != "ci" {
		t.Fatalf("keys %+v %v", keys, err)
	}
	// A tenant cannot revoke another tenant's key.
	if err := s.RevokeKey(ctx, "bravo", first.ID); domain.ErrorCode(err) != domain.CodeNotFound {
		t.Fatalf("cross-tenant revoke: %v", err)
	}
	if err := s.RevokeKey(ctx, "alpha", first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, first.Secret); err != tenants.ErrBadKey {
		t.Fatalf("revoked key: %v", err)
	}
	if got, err := s.Authenticate(ctx, second.Secret); err != nil || got.ID != a.ID || got.ID == b.ID {
		t.Fatalf("second key: %+v %v", got, err)
	}
	for _, bad := range []string{"", "Bearer x", "zmd_", second.Secret + "x", strings.Repeat("z", 10_000), "zmd_' OR 1=1 --"} {
		if _, err := s.Authenticate(ctx, bad); err != tenants.ErrBadKey {
			t.Errorf("Authenticate(%.20q) = %v", bad, err)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
