package tenantapi

import (
	"github.com/zumodra/zumodra/internal/inbox"
	"github.com/zumodra/zumodra/internal/intake"
	"github.com/zumodra/zumodra/internal/notify"
	"github.com/zumodra/zumodra/internal/resume"
)

// DocTypes returns a zero value of each JSON body the package reads or
// writes, by schema name, so internal/openapi derives its schemas from the
// very types the handlers decode and encode. A stored resource is its
// Input's fields plus id, version, created_at and updated_at (see record).
func DocTypes() map[string]any {
	return map[string]any{
		"JobCategoryInput":          jobCategoryFields{},
		"JobInput":                  jobFields{},
		"ProviderCategoryInput":     providerCategoryFields{},
		"ProviderInput":             providerFields{},
		"ProviderSkill":             skill{},
		"Application":               inbox.Application{},
		"Inquiry":                   inbox.Inquiry{},
		"StatusChange":              inbox.Move{},
		"HistoryEntry":              inbox.HistoryEntry{},
		"History":                   historyBody{},
		"ApplicantExport":           applicantExport{},
		"ApplicantErasure":          applicantErasure{},
		"ApplicationRecord":         inbox.ApplicationRecord{},
		"InquiryRecord":             inbox.InquiryRecord{},
		"CatalogStatus":             statusBody{},
		"CatalogStatusItem":         statusItem{},
		"ApplicationSubmission":     intake.Application{},
		"ResumeUpload":              resume.Upload{},
		"ResumeFile":                resume.Info{},
		"InquirySubmission":         intake.Inquiry{},
		"Receipt":                   intake.Receipt{},
		"TenantProfile":             profileBody{},
		"TenantProfileInput":        profileFields{},
		"WebhookEndpoint":           notify.Endpoint{},
		"WebhookEndpointWithSecret": notify.Secret{},
		"WebhookEndpointInput":      notify.EndpointInput{},
		"Delivery":                  notify.Delivery{},
		"DeliveryWithLog":           notify.DeliveryLog{},
		"DeliveryAttempt":           notify.Attempt{},
		"NotificationSettings":      notify.Settings{},
		"NotificationSettingsInput": notify.SettingsInput{},
	}
}
