package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// purge-applicants prints per tenant what it deleted (or, dry, would),
// deletes only what the retention no longer covers, and refuses bad input
// as usage errors.
func TestPurgeApplicantsCommand(t *testing.T) {
	t.Parallel()
	e := newOpsEnv(t)
	for _, schema := range []string{"t_democompany", "t_freelancerhub"} {
		e.exec(t, `INSERT INTO `+schema+`.applications (job_title, name, email, status, created_at, updated_at) VALUES
			('Go', 'Old', 'old@example.com', 'rejected', now() - interval '200 days', now() - interval '200 days'),
			('Go', 'Busy', 'busy@example.com', 'interview', now() - interval '200 days', now() - interval '200 days'),
			('Go', 'New', 'new@example.com', 'new', now() - interval '10 days', now() - interval '10 days')`)
		e.exec(t, `INSERT INTO `+schema+`.application_history (application_id, actor, from_status, to_status)
			SELECT id, 'api key x', 'new', status FROM `+schema+`.applications WHERE name = 'Old'`)
	}
	e.exec(t, `INSERT INTO t_democompany.project_inquiries (provider_name, name, email, message, status, created_at, updated_at)
		VALUES ('Studio', 'Old', 'old@example.com', 'Hi', 'spam', now() - interval '200 days', now() - interval '200 days')`)
	apps := `SELECT count(*) FROM t_democompany.applications`

	out, errs, code := e.run(t, "purge-applicants", "--dry-run", "--applicant-retention=90d")
	wantCode(t, "dry run", code, 0, errs)
	golden(t, "purge_applicants_dry_run", cutoffLine(out))
	if n := e.count(t, apps); n != 3 {
		t.Fatalf("the dry run left %d of 3 applications", n)
	}

	out, errs, code = e.run(t, "purge-applicants", "--tenant=democompany", "--applicant-retention=90d")
	wantCode(t, "purge", code, 0, errs)
	golden(t, "purge_applicants", cutoffLine(out))
	if n := e.count(t, apps); n != 2 {
		t.Fatalf("%d applications left, want the busy and the new one", n)
	}
	if n := e.count(t, `SELECT count(*) FROM t_freelancerhub.applications`); n != 3 {
		t.Fatalf("--tenant=democompany purged another tenant: %d left", n)
	}

	// The environment sets the period; the flag is optional.
	out, errs, code = e.run(t, "purge-applicants", "--json", "--applicant-retention=5d")
	wantCode(t, "json", code, 0, errs)
	var rep struct {
		Tenants []struct {
			Tenant string
			Rows   map[string]int
			Held   map[string]int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Tenants) != 2 {
		t.Fatalf("--json: %v\n%s", err, out)
	}
	if r := rep.Tenants[0]; r.Tenant != "democompany" || r.Rows["applications"] != 1 || r.Held["applications"] != 1 {
		t.Errorf("5d purge of democompany: %+v", r)
	}

	out, _, code = e.run(t, "purge-applicants", "--applicant-retention=0")
	if code != 0 || !strings.Contains(out, "kept forever") {
		t.Errorf("retention 0: exit %d, %q", code, out)
	}
	for _, args := range [][]string{
		{"purge-applicants", "--tenant=nobody"},
		{"purge-applicants", "--tenant=Bad Slug"},
		{"purge-applicants", "--applicant-retention=365"},
		{"purge-applicants", "--applicant-retention=1h"},
		{"purge-applicants", "--applicant-retention=-5d"},
	} {
		_, errs, code := e.run(t, args...)
		if code != ExitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if n := e.count(t, `SELECT count(*) FROM t_freelancerhub.applications`); n != 1 {
		t.Errorf("freelancerhub: %d applications left after the 5d purge", n)
	}
}

// cutoffLine drops the cutoff's time from the first line: it follows the
// clock.
func cutoffLine(s string) string {
	first, rest, _ := strings.Cut(s, "\n")
	if i := strings.Index(first, " before "); i >= 0 {
		first = first[:i] + " before CUTOFF."
	}
	return first + "\n" + rest
}
