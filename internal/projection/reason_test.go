package projection

import (
	"slices"
	"testing"

	"github.com/zumodra/zumodra/internal/domain"
)

func TestJobReasons(t *testing.T) {
	tests := []struct {
		name   string
		change func(*JobInput)
		want   []Reason
	}{
		{"public", func(*JobInput) {}, nil},
		{"not published", func(in *JobInput) { in.Job.PublishedOnCareerPage = false }, []Reason{ReasonNotPublished}},
		{"internal only", func(in *JobInput) { in.Job.IsInternalOnly = true }, []Reason{ReasonInternalOnly}},
		{"draft", func(in *JobInput) { in.Job.Status = "draft" }, []Reason{ReasonNotOpen}},
		{"closed", func(in *JobInput) { in.Job.Status = "closed" }, []Reason{ReasonNotOpen}},
		{"on hold", func(in *JobInput) { in.Job.Status = "on_hold" }, []Reason{ReasonNotOpen}},
		{"status case matters", func(in *JobInput) { in.Job.Status = "OPEN" }, []Reason{ReasonNotOpen}},
		{"tenant suspended", func(in *JobInput) { in.Tenant.Status = domain.TenantSuspended }, []Reason{ReasonTenantSuspended}},
		{"tenant unknown status", func(in *JobInput) { in.Tenant.Status = "" }, []Reason{ReasonTenantSuspended}},
		{"past deadline is still public", func(in *JobInput) { in.Job.ApplicationDeadline = new(created) }, nil},
		{"everything wrong, tenant first", func(in *JobInput) {
			in.Tenant.Status = domain.TenantSuspended
			in.Job.PublishedOnCareerPage, in.Job.IsInternalOnly, in.Job.Status = false, true, "filled"
		}, []Reason{ReasonTenantSuspended, ReasonNotPublished, ReasonInternalOnly, ReasonNotOpen}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := publicJob()
			tt.change(&in)
			if got := JobExclusions(in); !slices.Equal(got, tt.want) {
				t.Fatalf("JobExclusions = %v, want %v", got, tt.want)
			}
			row, reason := Job(in)
			if want := first(tt.want); reason != want || JobExclusion(in) != want {
				t.Fatalf("Job reason = %q, want %q", reason, want)
			}
			if reason != Public && (row.Title != "" || row.ContentHash != nil || row.SourceID != in.Job.ID ||
				row.TenantID != in.Tenant.ID || row.SourceVersion != in.Job.Version) {
				t.Fatalf("excluded row should carry identity only: %+v", row)
			}
			if reason == Public && row.Title == "" {
				t.Fatal("public row not projected")
			}
		})
	}
}

func TestProviderReasons(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ProviderInput)
		want   []Reason
	}{
		{"public", func(*ProviderInput) {}, nil},
		{"marketplace disabled", func(in *ProviderInput) { in.Provider.MarketplaceEnabled = false }, []Reason{ReasonMarketplaceDisabled}},
		{"inactive", func(in *ProviderInput) { in.Provider.IsActive = false }, []Reason{ReasonInactive}},
		{"user inactive", func(in *ProviderInput) { in.Provider.UserIsActive = false }, []Reason{ReasonUserInactive}},
		{"tenant suspended", func(in *ProviderInput) { in.Tenant.Status = domain.TenantSuspended }, []Reason{ReasonTenantSuspended}},
		{"everything wrong, tenant first", func(in *ProviderInput) {
			in.Tenant.Status = domain.TenantSuspended
			in.Provider.MarketplaceEnabled, in.Provider.IsActive, in.Provider.UserIsActive = false, false, false
		}, []Reason{ReasonTenantSuspended, ReasonMarketplaceDisabled, ReasonInactive, ReasonUserInactive}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := publicProvider()
			tt.change(&in)
			if got := ProviderExclusions(in); !slices.Equal(got, tt.want) {
				t.Fatalf("ProviderExclusions = %v, want %v", got, tt.want)
			}
			row, reason := Provider(in)
			if want := first(tt.want); reason != want || ProviderExclusion(in) != want {
				t.Fatalf("Provider reason = %q, want %q", reason, want)
			}
			if reason != Public && (row.DisplayName != "" || row.Skills != nil || row.SourceID != in.Provider.ID) {
				t.Fatalf("excluded row should carry identity only: %+v", row)
			}
		})
	}
}

// The rule itself, over every combination of the job's flags and statuses
// and the tenant's status (DESIGN.md, "Rules the projection encodes"): the
// projection, the reverse path, the demo's counts, verify and catalog-status
// all ask JobExclusion and ProviderExclusion.
func TestPublicationRuleExhaustive(t *testing.T) {
	for _, active := range []bool{false, true} {
		for _, a := range []bool{false, true} {
			for _, b := range []bool{false, true} {
				for _, status := range domain.JobStatuses {
					in := publicJob()
					if !active {
						in.Tenant.Status = domain.TenantSuspended
					}
					in.Job.PublishedOnCareerPage, in.Job.IsInternalOnly, in.Job.Status = a, b, status
					want := active && a && !b && status == "open"
					if got := JobExclusion(in) == Public; got != want {
						t.Errorf("job active=%v published=%v internal=%v status=%s: public=%v, want %v", active, a, b, status, got, want)
					}
				}
				for _, user := range []bool{false, true} {
					in := publicProvider()
					if !active {
						in.Tenant.Status = domain.TenantSuspended
					}
					in.Provider.MarketplaceEnabled, in.Provider.IsActive, in.Provider.UserIsActive = a, b, user
					want := active && a && b && user
					if got := ProviderExclusion(in) == Public; got != want {
						t.Errorf("provider active=%v enabled=%v active=%v user=%v: public=%v, want %v", active, a, b, user, got, want)
					}
				}
			}
		}
	}
}

func TestReasonText(t *testing.T) {
	all := append(append([]Reason{Public}, JobReasonOrder...), ProviderReasonOrder...)
	seen := map[string]Reason{}
	for _, r := range all {
		text := r.Text()
		if text == "" || text == "unknown reason "+string(r) {
			t.Errorf("reason %q has no text", r)
		}
		if prev, ok := seen[text]; ok && prev != r {
			t.Errorf("reasons %q and %q share text %q", prev, r, text)
		}
		seen[text] = r
	}
	if got := Reason("bogus").Text(); got != "unknown reason bogus" {
		t.Errorf("unknown reason text = %q", got)
	}
}
