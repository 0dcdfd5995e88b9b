package projection

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The private source fields (tenant/0001_model.sql marks them PRIVATE), with
// their column names and the name fragments that would betray a renamed copy.
var privateFields = []struct{ field, column, fragment string }{
	{"HiringManagerEmail", "hiring_manager_email", "email"},
	{"InternalNotes", "internal_notes", "note"},
	{"ApplicationEmail", "application_email", "email"},
	{"CustomQuestions", "custom_questions", "question"},
	{"Email", "email", "email"},
	{"Phone", "phone", "phone"},
	{"BankAccount", "bank_account", "bank"},
	{"PaymentAccountID", "payment_account_id", "payment"},
	{"PrivateNotes", "private_notes", "private"},
}

// publicByDesign are catalog fields whose names share a fragment with a
// private field: application_questions (tenant/0009) are shown to every
// applicant, unlike the private custom_questions.
var publicByDesign = map[string]bool{"ApplicationQuestions": true}

func TestRowTypesHaveNoPrivateFields(t *testing.T) {
	for _, pf := range privateFields {
		t.Run(pf.field, func(t *testing.T) {
			for _, row := range []any{JobRow{}, ProviderRow{}} {
				typ := reflect.TypeOf(row)
				for i := range typ.NumField() {
					f := typ.Field(i)
					name, col := strings.ToLower(f.Name), f.Tag.Get("db")
					if f.Name == pf.field || col == pf.column || strings.Contains(name, pf.fragment) && !publicByDesign[f.Name] {
						t.Errorf("%s.%s (%s) is private field %s", typ.Name(), f.Name, col, pf.field)
					}
				}
			}
		})
	}
}

// Project rows full of private data and look for it in every value.
func TestPrivateValuesNeverProjected(t *testing.T) {
	job, _ := Job(publicJob())
	provider, _ := Provider(publicProvider())
	for _, v := range privateValues {
		t.Run(v, func(t *testing.T) {
			for _, vals := range [][]any{job.Values(), provider.Values()} {
				for i, val := range vals {
					if s := fmt.Sprintf("%v %s", deref(val), val); strings.Contains(s, v) {
						t.Errorf("value %d contains private %q: %s", i, v, s)
					}
				}
			}
		})
	}
}
