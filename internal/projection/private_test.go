package projection

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// Name fragments of the private source fields. A row field matching one of
// them would be a column for private data, which must not exist.
var privateFieldFragments = []string{
	"email", "phone", "hiringmanager", "internalnote", "applicationemail", "customquestion",
	"bank", "payment", "privatenote", "note", "status", "internalonly", "publishedoncareerpage",
	"marketplaceenabled", "isactive", "userisactive", "updatedat", "createdat",
}

func TestRowTypesHaveNoPrivateFields(t *testing.T) {
	for _, row := range []any{JobRow{}, ProviderRow{}} {
		typ := reflect.TypeOf(row)
		for i := range typ.NumField() {
			f := typ.Field(i)
			name := strings.ToLower(f.Name + "|" + strings.ReplaceAll(f.Tag.Get("db"), "_", ""))
			for _, frag := range privateFieldFragments {
				// availability_status is the public availability, not the job status.
				if frag == "status" && f.Name == "AvailabilityStatus" {
					continue
				}
				t.Run(typ.Name()+"/"+f.Name+"/"+frag, func(t *testing.T) {
					if strings.Contains(name, frag) {
						t.Errorf("%s.%s looks like private field %q", typ.Name(), f.Name, frag)
					}
				})
			}
		}
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
