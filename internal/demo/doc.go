// Package demo creates the original system's two demo tenants, Demo Company
// (democompany: 15 public jobs, 8 marketplace providers) and Freelancer Hub
// (freelancerhub: 5 public jobs, 12 providers), with varied, realistic
// content and with rows that must never become public (drafts, internal-only
// and closed jobs, disabled providers, inactive user accounts), so that a
// visitor can see the publication rules at work.
//
// The rows are written with plain SQL into the tenant schemas, like any other
// writer would: the capture triggers record them and the sync workers publish
// them. The content is the same on every run (dates are relative to now);
// seeding a tenant that already has rows leaves it alone.
package demo
