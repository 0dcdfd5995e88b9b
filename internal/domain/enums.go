package domain

import "slices"

// Enumerations of the tenant data model. The tenant migrations hold the same
// lists as CHECK constraints; a test keeps the two in step.
var (
	JobTypes         = []string{"full_time", "part_time", "contract", "internship", "temporary", "freelance"}
	ExperienceLevels = []string{"entry", "junior", "mid", "senior", "lead", "executive"}
	RemotePolicies   = []string{"on_site", "remote", "hybrid"}
	JobStatuses      = []string{"draft", "open", "on_hold", "closed", "filled", "cancelled"}
	SalaryPeriods    = []string{"hourly", "daily", "weekly", "monthly", "yearly"}
	ProviderTypes    = []string{"individual", "agency", "company"}
	Availabilities   = []string{"available", "busy", "unavailable", "on_leave"}
	SkillLevels      = []string{"beginner", "intermediate", "advanced", "expert"}
	// ApplicationStatuses is a job application's pipeline, in its usual order.
	ApplicationStatuses = []string{"new", "reviewing", "interview", "offer", "hired", "rejected", "withdrawn"}
	// InquiryStatuses is a project inquiry's pipeline, in its usual order.
	InquiryStatuses = []string{"new", "replied", "won", "lost", "spam"}
	// ApplicationWorkingStatuses and InquiryWorkingStatuses are the stages
	// in which the tenant is handling a submission: the retention purge
	// keeps those, however old, so nothing vanishes mid-process ("new" is
	// not among them: nobody has acted on it yet).
	ApplicationWorkingStatuses = []string{"reviewing", "interview", "offer"}
	InquiryWorkingStatuses     = []string{"replied"}
)

// OneOf reports whether v is one of the allowed values.
func OneOf(v string, allowed []string) bool { return slices.Contains(allowed, v) }
