package projection

// Reason says why a source row is kept out of the catalog; Public ("") means
// it belongs there.
type Reason string

// The reasons a row is not public. Their string values are stable: they are
// logged, shown by verify and may be stored.
const (
	Public                    Reason = ""
	ReasonNotPublished        Reason = "not_published"        // published_on_career_page is false
	ReasonInternalOnly        Reason = "internal_only"        // is_internal_only is true
	ReasonNotOpen             Reason = "not_open"             // status is not open
	ReasonTenantSuspended     Reason = "tenant_suspended"     // the tenant is not active
	ReasonMarketplaceDisabled Reason = "marketplace_disabled" // marketplace_enabled is false
	ReasonInactive            Reason = "inactive"             // provider is_active is false
	ReasonUserInactive        Reason = "user_inactive"        // the provider's user account is inactive
	// ReasonInvalid: a value the catalog cannot hold (JobValueError says
	// which). Unlike the others it is no choice of the tenant's but a row
	// error: apply removes the catalog row and reports the error. Job and
	// Provider return it for a row that passes every other rule; the
	// Exclusions lists leave it out, since they also serve partial rows
	// (the reverse path re-checks only the publication flags).
	ReasonInvalid Reason = "invalid_values"
)

// JobReasonOrder is the order in which job exclusions are checked: the tenant
// first, then the row's own flags, so a row failing several rules always
// reports the same first reason.
var JobReasonOrder = []Reason{ReasonTenantSuspended, ReasonNotPublished, ReasonInternalOnly, ReasonNotOpen}

// ProviderReasonOrder is the order in which provider exclusions are checked.
var ProviderReasonOrder = []Reason{ReasonTenantSuspended, ReasonMarketplaceDisabled, ReasonInactive, ReasonUserInactive}

var reasonTexts = map[Reason]string{
	Public:                    "public",
	ReasonNotPublished:        "not published on the career page",
	ReasonInternalOnly:        "internal-only posting",
	ReasonNotOpen:             "status is not open",
	ReasonTenantSuspended:     "tenant is suspended",
	ReasonMarketplaceDisabled: "not enabled on the marketplace",
	ReasonInactive:            "provider is inactive",
	ReasonUserInactive:        "provider's user account is inactive",
	ReasonInvalid:             "holds a value the catalog cannot hold",
	ReasonScheduled:           "published_at is still in the future",
	ReasonDeadlinePassed:      "application deadline has passed",
}

// Text is a short human explanation of the reason, for logs and admin pages.
func (r Reason) Text() string {
	if t, ok := reasonTexts[r]; ok {
		return t
	}
	return "unknown reason " + string(r)
}

// JobExclusions lists every rule the job fails, in JobReasonOrder; empty
// means the job is public. The deadline is deliberately not a rule here: an
// expired job is hidden at query time and swept by cleanup-stale.
func JobExclusions(in JobInput) []Reason {
	failed := map[Reason]bool{
		ReasonTenantSuspended: !in.Tenant.Active(),
		ReasonNotPublished:    !in.Job.PublishedOnCareerPage,
		ReasonInternalOnly:    in.Job.IsInternalOnly,
		ReasonNotOpen:         in.Job.Status != "open",
	}
	return inOrder(JobReasonOrder, failed)
}

// ProviderExclusions lists every rule the provider fails, in
// ProviderReasonOrder; empty means the provider is public.
func ProviderExclusions(in ProviderInput) []Reason {
	failed := map[Reason]bool{
		ReasonTenantSuspended:     !in.Tenant.Active(),
		ReasonMarketplaceDisabled: !in.Provider.MarketplaceEnabled,
		ReasonInactive:            !in.Provider.IsActive,
		ReasonUserInactive:        !in.Provider.UserIsActive,
	}
	return inOrder(ProviderReasonOrder, failed)
}

// JobExclusion is the first reason of JobExclusions, or Public. It is cheap:
// callers can decide to delete a catalog row without projecting it.
func JobExclusion(in JobInput) Reason { return first(JobExclusions(in)) }

// ProviderExclusion is the first reason of ProviderExclusions, or Public.
func ProviderExclusion(in ProviderInput) Reason { return first(ProviderExclusions(in)) }

func inOrder(order []Reason, failed map[Reason]bool) []Reason {
	var out []Reason
	for _, r := range order {
		if failed[r] {
			out = append(out, r)
		}
	}
	return out
}

func first(rs []Reason) Reason {
	if len(rs) == 0 {
		return Public
	}
	return rs[0]
}
